"""
Turn a feed item's HTML into the Markdown an editor keeps writing in.

markdownify does the conversion; what is ours is the language of code blocks, read
from where blogs put it (`class="language-go"` on the code, `lang="bash"`,
Hugo's `data-lang`, GitHub's `highlight-source-js` on the wrapper), so that the
fence names it and the body is highlighted on save like any other.
"""

import re

from markdownify import markdownify

LANGUAGE_CLASS = re.compile(
    r"^(?:language|lang|highlight-source|brush:?)-?(\w[\w+#.-]*)$"
)
LANGUAGE_ATTRIBUTES = ("data-lang", "lang", "data-language")
# Three or more blank lines say nothing more than one.
BLANK_RUNS = re.compile(r"\n{3,}")


def language_in(element):
    """Return the language an element's attributes name, or ""."""
    for attribute in LANGUAGE_ATTRIBUTES:
        value = element.get(attribute)
        if value and re.fullmatch(r"\w[\w+#.-]*", value):
            return value.lower()
    for name in element.get("class") or ():
        match = LANGUAGE_CLASS.match(name)
        if match:
            return match.group(1).lower()
    return ""


def code_language(pre):
    """Return the language of a <pre>: on its <code>, on itself, or its wrapper."""
    code = pre.find("code")
    for element in (code, pre, pre.parent):
        if element is not None and hasattr(element, "get"):
            language = language_in(element)
            if language:
                return language
    return ""


def html_to_markdown(html):
    """Return the Markdown of a feed item's HTML body."""
    markdown = markdownify(
        html,
        heading_style="ATX",
        bullets="-",
        code_language_callback=code_language,
        strip=["script", "style"],
    )
    return BLANK_RUNS.sub("\n\n", markdown).strip() + "\n"
