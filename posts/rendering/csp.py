"""What a rendered body needs from the page's Content-Security-Policy.

A hash source allows an inline <style> whose text, as the browser's HTML parser
builds it, hashes to the same value. That text is not always what stands between
the tags: inside <svg> or <math> (foreign content) the parser decodes character
references ("&gt;" becomes ">"), turns CDATA sections into text and leaves comments
out, while an HTML <style> or <script> keeps its text raw. Before either, every CR LF
and lone CR becomes LF. So the hashes are taken from the text the parser builds.
"""

import base64
import hashlib
import html
import re

# Markup the parser sees in a body: comments, CDATA sections and tags (whose quoted
# attribute values may hold ">"). The alternatives start differently, so the scan
# never backtracks.
MARKUP = re.compile(
    r"<!--.*?-->"
    r"|<!\[CDATA\[(?P<cdata>.*?)\]\]>"
    r"|<(?P<end>/?)(?P<name>[a-zA-Z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL,
)
FOREIGN_ROOTS = {"svg", "math"}
# HTML elements whose text the parser never decodes (only <style> and <script> can
# reach a body, from trusted renderer output).
RAW_TEXT = {"style", "script", "xmp", "iframe", "noembed", "noframes", "textarea"}
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=\"")
# Where a post's page_assets keep what inline_style_needs() found, for the page's
# policy (blogcraft.content_security).
STYLE_HASHES = "style_hashes"
STYLE_ATTRIBUTES = "style_attributes"


def parser_input(markup):
    """Return markup as the parser reads it: line ends normalised, NUL replaced."""
    return markup.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


def inline_texts(markup, tag):
    """Return the text content the browser gives each <tag> element of markup."""
    markup = parser_input(markup)
    texts = []
    foreign_depth = 0
    position = 0
    while match := MARKUP.search(markup, position):
        position = match.end()
        name = (match["name"] or "").lower()
        if not name or match["end"] or match.group().endswith("/>"):
            if match["end"] and name in FOREIGN_ROOTS and foreign_depth:
                foreign_depth -= 1
            continue
        if foreign_depth == 0 and name in RAW_TEXT:
            end = re.compile(rf"</{name}[\s/>]", re.IGNORECASE).search(markup, position)
            stop = end.start() if end else len(markup)
            if name == tag:
                texts.append(markup[position:stop])
            position = stop
        elif foreign_depth and name == tag:
            text, position = foreign_text(markup, position, name)
            texts.append(text)
        elif name in FOREIGN_ROOTS:
            foreign_depth += 1
    return texts


def foreign_text(markup, position, name):
    """Return (child text, end position) of a foreign element opened at position.

    Only the element's own text counts: text in child elements and comments does
    not, CDATA sections do, and character references are decoded.
    """
    parts = []
    depth = 0
    while match := MARKUP.search(markup, position):
        if depth == 0:
            parts.append(html.unescape(markup[position : match.start()]))
        position = match.end()
        if match["cdata"] is not None:
            if depth == 0:
                parts.append(match["cdata"])
        elif match["end"] and match["name"]:
            if depth == 0 and match["name"].lower() == name:
                return "".join(parts), position
            depth = max(depth - 1, 0)
        elif match["name"] and not match.group().endswith("/>"):
            depth += 1
    parts.append(html.unescape(markup[position:]) if depth == 0 else "")
    return "".join(parts), len(markup)


def hash_source(text):
    """Return the CSP source expression ('sha256-…') that allows text."""
    digest = hashlib.sha256(text.encode()).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def style_element_hashes(html):
    """Return CSP source expressions ('sha256-…') for the body's <style> elements.

    Only trusted renderer output (Mermaid's SVG) carries <style>: the sanitiser
    removes any an author writes, so hashing what is there allows exactly that.
    """
    return sorted({hash_source(css) for css in inline_texts(html, "style")})


def uses_style_attributes(html):
    """KaTeX and Mermaid position with style attributes; author HTML never keeps one."""
    return bool(STYLE_ATTRIBUTE.search(html))


def inline_style_needs(html):
    """Return what the page's policy must allow for the inline styles of html."""
    return {
        STYLE_HASHES: style_element_hashes(html),
        STYLE_ATTRIBUTES: uses_style_attributes(html),
    }
