"""Mermaid diagrams (placeholder until the renderer lands)."""

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Diagram:
    key: str = ""
    svg_light: str = ""
    svg_dark: str = ""
    error: str = ""


def render_diagrams(sources, problems):
    return {source: Diagram() for source in sources}


def diagram_html(figures, source, env, slots, base_url):
    return f'<pre class="diagram-source"><code>{escape(source)}</code></pre>\n'
