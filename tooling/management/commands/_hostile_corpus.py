"""Hostile Markdown bodies: the shapes that make a parser scan back over its input.

``bench_render`` times each shape at two sizes to see how its cost grows; the
rendering tests render each one at the body cap and check the output. Every body
opens with ``LEAD``, a paragraph of plain words that must survive any shape.
"""

LEAD = "Hostile body follows.\n\n"
LEAD_WORDS = ("Hostile", "body", "follows")


def repeated(unit):
    """Return a shape that repeats unit until the body is full."""

    def shape(size):
        return unit * (size // len(unit) + 1)

    return shape


def numbered(template):
    """Return a shape that repeats template with {n} counting up."""

    def shape(size):
        parts, length, number = [], 0, 0
        while length < size:
            parts.append(template.format(n=number))
            length += len(parts[-1])
            number += 1
        return "".join(parts)

    return shape


def deep_list(size):
    """One list nested as deep as the size allows."""
    lines, length, level = [], 0, 0
    while length < size:
        lines.append("  " * level + "- item\n")
        length += len(lines[-1])
        level += 1
    return "".join(lines)


def wide_table(size):
    columns = size // 6
    row = "|" + "a|" * columns + "\n"
    return row + "|" + "-|" * columns + "\n" + row


def nested_directives(size):
    """Containers nested as deep as the size allows, each one colon longer."""
    depth = 1
    while depth * (depth + 14) < size:
        depth += 1
    opening = "".join(":" * (depth + 3 - level) + "note\n" for level in range(depth))
    closing = "".join(":" * (level + 3) + "\n" for level in range(depth))
    return opening + "text\n" + closing


def long_fence_line(size):
    return "```python\n" + "x = 1; " * (size // 7) + "\n```\n"


def reference_definitions(size):
    count = size // 30
    uses = "".join(f"[ref{n}] " for n in range(count))
    return uses + "\n\n" + "".join(f"[ref{n}]: /url{n}\n" for n in range(count))


def footnote_definitions(size):
    count = size // 30
    uses = "".join(f"word[^n{n}] " for n in range(count))
    return uses + "\n\n" + "".join(f"[^n{n}]: note\n" for n in range(count))


SHAPES = {
    # Brackets: each "[" looks ahead for its "]".
    "open brackets [": repeated("["),
    "brackets closed at the end": lambda size: "[" * size + "](x)",
    "open images ![": repeated("!["),
    "open footnotes [^": repeated("[^"),
    "unclosed links [a](": repeated("[a]("),
    "nested brackets [[a]](": repeated("[[a]]("),
    "bracketed words [a]": repeated("[a] "),
    # Short of the size by LEAD and more: the markup closes within the body.
    "image alt of &": lambda size: "![" + "&" * (size - 50) + "](x)",
    "link title of &": lambda size: '[a](x "' + "&" * (size - 50) + '")',
    "link URL of &": lambda size: "[a](" + "&" * (size - 50) + ")",
    "footnote references [^1]": lambda size: "[^1]: x\n\n" + "[^1]" * (size // 4),
    # Emphasis: delimiters that never close.
    "emphasis run *_": repeated("*_"),
    "emphasis openers *a": repeated("*a "),
    "strikethrough ~~a": repeated("~~a "),
    # Links found in text.
    "autolinks <http://": repeated("<http://"),
    "schemes http://": repeated("http://"),
    "bare URLs": repeated("http://example.com/a "),
    "domains and emphasis": repeated("a.com *b* "),
    "fuzzy domains a.com": repeated("a.com "),
    "emails a@b.co": repeated("a@b.co "),
    # Escapes, entities and code spans.
    "ampersands &": repeated("&"),
    "entities &amp;": repeated("&amp;"),
    "numeric entities &#": repeated("&#"),
    "backslashes \\": repeated("\\"),
    "backtick runs": repeated("` `` ``` "),
    "pipes |": repeated("|"),
    # Raw HTML: the cleaner's parser slows down with what is left open.
    "HTML blocks <div>": repeated("<div>\n"),
    "inline HTML <a>": repeated("<a>"),
    "spans then divs": lambda size: (
        "<span>" * (size // 12) + "\n\n" + "<div>\n" * (size // 12)
    ),
    "unclosed formatting <b class>": numbered('<p><b class="c{n}">x</p>\n'),
    "formatting around blocks": repeated("<b><div></b>"),
    "HTML comments <!--": repeated("<!--"),
    "scripts <script>": repeated("<script>alert(1)</script>\n\n"),
    # Blocks.
    "deep list": deep_list,
    "list markers - - -": repeated("- - - - - - - - - - a\n"),
    "deep blockquote >": repeated(">"),
    "blockquote markers > > >": repeated("> > > > > > > > > > a\n"),
    "many list items": repeated("- item\n"),
    "task list items": repeated("- [ ] task\n"),
    "headings ## a": repeated("## a\n"),
    "distinct headings": numbered("## Heading {n}\n\n"),
    "setext headings": repeated("a\n=\n"),
    "hard breaks": repeated("a  \n"),
    "wide table": wide_table,
    "table rows": repeated("|a|b|\n|-|-|\n"),
    "GitHub alerts": repeated("> [!NOTE]\n> text\n\n"),
    # Code.
    "long fence line": long_fence_line,
    "many fences": repeated("```\ncode\n```\n"),
    "unclosed fences": repeated("```\n"),
    "indented code": repeated("    code\n"),
    # Components.
    "unclosed :::note": repeated(":::note\n"),
    "callout title of &": lambda size: ":::note[" + "&" * (size - 50) + "]\nx\n:::\n",
    "nested directives": nested_directives,
    "tab markers ::tab[": repeated("::tab["),
    "many tabs": lambda size: "::::tabs\n" + "::tab[npm]\ntext\n" * (size // 16),
    "file tree": lambda size: ":::filetree\n" + "- file.txt\n" * (size // 11),
    # Math.
    "dollars $": repeated("$"),
    "math $a$": repeated("$a$ "),
    "escaped dollars $a\\$": repeated("$a\\$ "),
    "math blocks $$": repeated("$$\n"),
    "unclosed math blocks $$a": repeated("$$a\n"),
    # Definitions.
    "reference definitions": reference_definitions,
    "footnote definitions": footnote_definitions,
}


def hostile_body(name, size):
    """Return the body of shape name, exactly size characters long."""
    body = LEAD + SHAPES[name](size)
    # A shape that falls short is followed by plain lines.
    body += "\n\n" + "filler\n" * max(0, (size - len(body)) // 7 + 1)
    return body[:size]
