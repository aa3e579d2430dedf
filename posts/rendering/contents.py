"""What a parsed body holds, found in one walk over its tokens.

The pipeline needs the formulas and diagrams (to draw them before rendering),
whether the author wrote HTML, whether there is code, and the table of contents.
A body at the cap holds hundreds of thousands of tokens: one walk reads them all.
"""

from dataclasses import dataclass, field

from .headings import heading_title

TOC_LEVELS = {"h2", "h3"}
BLOCK_MATH = {"math_block", "math_block_label"}


def fence_language(token):
    words = token.info.split(maxsplit=1)
    return words[0].lower() if words else ""


@dataclass
class Contents:
    # (tex, display) for every formula, in order.
    formulas: list = field(default_factory=list)
    # The source of every Mermaid diagram, in order.
    diagrams: list = field(default_factory=list)
    # [{"level", "id", "title"}] for the h2 and h3 headings, in order.
    toc: list = field(default_factory=list)
    # Whether the author wrote HTML: blocks, inline, or in a label.
    raw_html: bool = False
    has_code: bool = False


def survey(tokens):
    """Return the Contents of a token stream."""
    found = Contents()
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "inline":
            for child in token.children or ():
                if child.type == "math_inline":
                    found.formulas.append((child.content, False))
                elif child.type == "math_inline_double":  # "$$x$$" in a sentence
                    found.formulas.append((child.content, True))
                elif child.type == "html_inline":
                    found.raw_html = True
        elif kind == "heading_open" and token.tag in TOC_LEVELS:
            found.toc.append(
                {
                    "level": int(token.tag[1]),
                    "id": token.attrGet("id"),
                    "title": heading_title(tokens[index + 1]),
                }
            )
        elif kind == "fence":
            if fence_language(token) == "mermaid":
                found.diagrams.append(token.content)
            else:
                found.has_code = True
        elif kind == "code_block":
            found.has_code = True
        elif kind in BLOCK_MATH:
            found.formulas.append((token.content, True))
        elif kind == "html_block":
            found.raw_html = True
        if token.info and "<" in token.info:
            found.raw_html = True
    return found
