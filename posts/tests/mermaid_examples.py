"""One small diagram of every kind the vendored Mermaid draws, for the tests."""

DIAGRAMS = {
    "flowchart": "flowchart LR\n  Browser --> Django --> Database\n",
    "sequence": "sequenceDiagram\n  Alice->>Bob: Hello\n  Bob-->>Alice: Hi\n",
    "class": "classDiagram\n  Post <|-- Draft\n  Post : +title\n  Post : +render()\n",
    "state": "stateDiagram-v2\n  [*] --> Draft\n  Draft --> Published\n"
    "  Published --> [*]\n",
    "er": "erDiagram\n  POST ||--o{ TAG : has\n  POST {\n    string title\n  }\n",
    "gantt": "gantt\n  dateFormat YYYY-MM-DD\n  title Release\n  section Work\n"
    "  Write :a1, 2026-01-01, 3d\n  Review :after a1, 2d\n",
    "pie": 'pie title Time\n  "Writing" : 60\n  "Editing" : 40\n',
    "journey": "journey\n  title A reader\n  section Visit\n"
    "    Find the post: 5: Reader\n    Read it: 4: Reader\n",
    "mindmap": "mindmap\n  root((Blog))\n    Posts\n    Series\n",
    "timeline": "timeline\n  title History\n  2024 : First post\n  2025 : Series\n",
    "gitgraph": "gitGraph\n  commit\n  branch feature\n  commit\n"
    "  checkout main\n  merge feature\n",
    "quadrant": "quadrantChart\n  title Effort\n  x-axis Low --> High\n"
    "  y-axis Small --> Large\n  Post A: [0.3, 0.6]\n",
    "xychart": 'xychart-beta\n  title "Views"\n  x-axis [jan, feb, mar]\n'
    "  y-axis 0 --> 100\n  line [10, 50, 90]\n  bar [20, 40, 60]\n",
    "requirement": "requirementDiagram\n  requirement fast {\n    id: 1\n"
    "    text: pages are fast\n    risk: low\n    verifymethod: test\n  }\n"
    "  element cache {\n    type: module\n  }\n  cache - satisfies -> fast\n",
    "c4": 'C4Context\n  Person(reader, "Reader")\n'
    '  System(blog, "Blogcraft")\n  Rel(reader, blog, "Reads")\n',
    "sankey": "sankey-beta\n\nVisits,Posts,60\nVisits,Series,40\n",
    "packet": 'packet-beta\n  0-15: "Source port"\n  16-31: "Destination port"\n',
    "block": 'block-beta\n  columns 2\n  a["Page"] b["Feed"]\n  a --> b\n',
    "architecture": "architecture-beta\n  group app(cloud)[App]\n"
    "  service db(database)[Database] in app\n  service web(server)[Web] in app\n"
    "  web:R --> L:db\n",
    "kanban": "kanban\n  todo[To do]\n    a[Write]\n  done[Done]\n    b[Publish]\n",
    "radar": "radar-beta\n  axis a, b, c\n  curve x{1, 2, 3}\n",
    "treemap": 'treemap-beta\n"Posts"\n    "Drafts": 3\n    "Published": 9\n',
}
