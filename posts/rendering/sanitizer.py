"""The allow-list that every rendered body passes through before it is stored.

Only Markdown output passes here. Trusted renderer output (diagram SVG, KaTeX HTML,
which need ``style``) is added afterwards through ``slots``, so the cleaner never
has to allow ``<style>``, ``<svg>`` or style attributes.
"""

import re
from html import unescape
from urllib.parse import urljoin

import nh3

from .nesting import bound_nesting

ALLOWED_TAGS = {
    "a", "abbr", "aside", "b", "blockquote", "br", "caption", "code", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark",
    "ol", "p", "pre", "s", "section", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "aria-label"},
    "aside": {"aria-label"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    # Task lists' checkboxes and the radio buttons that make tabs work without JS.
    "input": {"type", "checked", "disabled", "name"},
    "label": {"for"},
    "ol": {"start"},
    "pre": {"data-lang", "tabindex"},
    "span": {"data-line"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "details": {"open"},
} | {heading: {"id", "tabindex"} for heading in HEADINGS}
URL_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src"}
# nh3 takes time with the square of the "&" in one run of text, so renderers cut
# long text with a comment (which the cleaner removes) every this many characters.
TEXT_RUN = 2000
# The same holds in an attribute value, which cannot be cut: renderers shorten
# longer values (alt texts, titles, labels).
MAX_ATTRIBUTE_CHARS = 10_000
# A tag as nh3 writes it: every attribute value in double quotes, none inside.
CLEAN_URL_TAG = re.compile(r'<(?:a|img)(?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*\s*/?>')
CLEAN_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)"')


def sanitize_html(html, *, base_url=None, raw_html=True):
    """Return html with everything outside the allow-list removed.

    With base_url, every link and image URL is made absolute (for feed readers).
    raw_html=False promises that html holds no raw HTML from the author, only
    Markdown's own, whose nesting is bounded.
    """
    attribute_filter = None
    if base_url:
        join = url_joiner(base_url)

        def attribute_filter(element, attribute, value):
            return join(value) if attribute in URL_ATTRIBUTES else value

    return nh3.clean(
        # html5ever's time grows with the elements left open: bound them first.
        bound_nesting(html) if raw_html else html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=attribute_filter,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def escape_in_runs(text, escape):
    """Return escape(text), cut by an empty comment every TEXT_RUN characters."""
    if len(text) <= TEXT_RUN:
        return escape(text)
    return "<!---->".join(
        escape(text[start : start + TEXT_RUN])
        for start in range(0, len(text), TEXT_RUN)
    )


def within_attribute_limit(value):
    if len(value) <= MAX_ATTRIBUTE_CHARS:
        return value
    return value[:MAX_ATTRIBUTE_CHARS] + "…"


def url_joiner(base_url):
    """Return a function that makes a URL absolute on base_url, as urljoin does."""
    # Footnotes link by fragment ("#fn1"), thousands of them in a long body: the
    # base for those is worked out once. urljoin keeps a fragment as it is.
    fragment_base = urljoin(base_url, "#x")[:-1]
    if not fragment_base.endswith("#"):
        fragment_base = None

    def join(url):
        if fragment_base and url.startswith("#") and len(url) > 1:
            return fragment_base + url[1:]
        return urljoin(base_url, url)

    return join


def absolute_urls(cleaned, base_url):
    """Return cleaned HTML with every link and image URL made absolute on base_url.

    The same as cleaning it again with base_url, for HTML that nh3 cleaned
    already, without a second pass of its parser.
    """
    join = url_joiner(base_url)

    def absolute(attribute):
        url = join(unescape(attribute[2]))
        escaped = url.replace("&", "&amp;").replace("\xa0", "&nbsp;")
        return attribute[1] + escaped.replace('"', "&quot;") + '"'

    return CLEAN_URL_TAG.sub(
        lambda tag: CLEAN_URL_ATTRIBUTE.sub(absolute, tag[0]), cleaned
    )
