"""Checks on the body's structure, read from the token stream the renderer parsed.

No database and no second parse: the pipeline calls body_findings() with the tokens,
formulas and diagrams it already has. Each token is looked at once.
"""

import difflib
import re
from functools import cache

from pygments.lexers import get_all_lexers

from .findings import Finding

# Languages the code renderer accepts besides Pygments' names.
PLAIN_LANGUAGES = {"text", "plain", "plaintext", "txt", "none", "mermaid"}
# Alt text that a template, a tool or a hurried editor left in place of a description.
PLACEHOLDER_ALTS = {
    "alt",
    "alt text",
    "describe this image",
    "image",
    "img",
    "photo",
    "picture",
    "placeholder",
    "screenshot",
    "todo",
}
FILE_NAME = re.compile(r"^[\w.-]+\.(?:png|jpe?g|gif|webp|avif|svg)$", re.IGNORECASE)
DIFF_LANGUAGE = re.compile(r"""\blang=["']?([\w+#.-]+)""")


@cache
def known_languages():
    names = set(PLAIN_LANGUAGES)
    for _name, aliases, _files, _types in get_all_lexers():
        names.update(alias.lower() for alias in aliases)
    return frozenset(names)


def line_of(token):
    return token.map[0] + 1 if token.map else None


def body_findings(tokens, formulas, figures):
    """Return the Findings for a parsed body.

    formulas maps (tex, display) to math.Formula; figures maps a diagram's source
    to diagrams.Diagram: both as the pipeline rendered them.
    """
    findings = []
    previous_level = 1  # the title is the page's h1
    for token in tokens:
        if token.type == "heading_open":
            level = int(token.tag[1])
            findings += heading_findings(level, previous_level, line_of(token))
            previous_level = level
        elif token.type == "fence":
            findings += fence_findings(token, figures)
        elif token.type in {"math_block", "math_block_label"}:
            findings += formula_findings(token.content, True, formulas, line_of(token))
        elif token.type == "inline" and token.children:
            findings += inline_findings(token, formulas)
    return findings


def heading_findings(level, previous_level, line):
    if level == 1:
        return [
            Finding(
                "heading-order",
                "A level-1 heading (#) in the body: the post's title is the page's "
                "only level-1 heading.",
                "Start the body's sections at level 2 (##).",
                line,
            )
        ]
    if level > previous_level + 1:
        wanted = previous_level + 1
        return [
            Finding(
                "heading-order",
                f"A level-{level} heading follows a level-{previous_level} one: a "
                "level is skipped, screen readers announce a gap, and the table of "
                "contents lists only levels 2 and 3.",
                f"Make it level {wanted} ({'#' * wanted}), or add the level between.",
                line,
            )
        ]
    return []


def fence_findings(token, figures):
    words = token.info.split(maxsplit=1)
    language = words[0].lower() if words else ""
    if language == "mermaid":
        diagram = figures.get(token.content)
        if diagram is not None and diagram.error:
            return [
                Finding(
                    "diagram",
                    f"Mermaid cannot draw this diagram: {diagram.error}",
                    "Fix the diagram's syntax; readers see its source until then.",
                    line_of(token),
                )
            ]
        return []
    findings = []
    names = [language] if language else []
    if language == "diff" and (match := DIFF_LANGUAGE.search(token.info)):
        names.append(match.group(1).lower())
    for name in names:
        if name not in known_languages():
            findings.append(
                Finding(
                    "code-language",
                    f"“{name}” is not a language the highlighter knows: the block "
                    "is shown without colours.",
                    language_fix(name),
                    line_of(token),
                )
            )
    return findings


def language_fix(name):
    nearest = difflib.get_close_matches(name, known_languages(), n=1, cutoff=0.6)
    if nearest:
        return f"Did you mean “{nearest[0]}”?"
    return "Use a language name such as python, js, bash or text."


def formula_findings(tex, display, formulas, line):
    formula = formulas.get((tex, display))
    if formula is None or not formula.error:
        return []
    shown = tex if len(tex) <= 60 else tex[:59] + "…"
    return [
        Finding(
            "formula",
            f"KaTeX cannot read the formula “{shown}”: {formula.error}",
            "Fix the TeX; readers see its source until then.",
            line,
        )
    ]


def inline_findings(inline, formulas):
    findings = []
    line = line_of(inline)
    link_text = None  # the text of the link being read, while inside one
    for child in inline.children:
        if child.type in {"softbreak", "hardbreak"} and line is not None:
            line += 1
        elif child.type == "image":
            alt = "".join(part.content for part in child.children or ())
            findings += alt_findings(alt, line)
            if link_text is not None:
                link_text.append(alt)
        elif child.type == "link_open":
            link_text = []
        elif child.type == "link_close" and link_text is not None:
            if not "".join(link_text).strip():
                findings.append(
                    Finding(
                        "link-text",
                        "A link without text: screen readers read out its address, "
                        "and sighted readers cannot see it at all.",
                        "Write what the link leads to between the brackets.",
                        line,
                    )
                )
            link_text = None
        elif child.type in {"text", "code_inline"} and link_text is not None:
            link_text.append(child.content)
        elif child.type == "math_inline":
            findings += formula_findings(child.content, False, formulas, line)
        elif child.type == "math_inline_double":
            findings += formula_findings(child.content, True, formulas, line)
    return findings


def alt_findings(alt, line):
    text = alt.strip()
    if not text:
        return [
            Finding(
                "image-alt",
                "An image without alt text: readers who cannot see it learn nothing.",
                "Describe what the image shows between the brackets: ![…](…).",
                line,
            )
        ]
    if text.lower().rstrip(".") in PLACEHOLDER_ALTS or FILE_NAME.match(text):
        return [
            Finding(
                "image-alt",
                f"The alt text “{text}” is a placeholder, not a description.",
                "Describe what the image shows, as you would over the phone.",
                line,
            )
        ]
    return []
