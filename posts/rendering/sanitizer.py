"""The allow-list that every rendered body passes through before it is stored.

Only Markdown output passes here. Trusted renderer output (diagram SVG, KaTeX HTML,
which need ``style``) is added afterwards through ``slots``, so the cleaner never
has to allow ``<style>``, ``<svg>`` or style attributes.
"""

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


def sanitize_html(html, *, base_url=None, raw_html=True):
    """Return html with everything outside the allow-list removed.

    With base_url, every link and image URL is made absolute (for feed readers).
    raw_html=False promises that html holds no raw HTML from the author, only
    Markdown's own, whose nesting is bounded.
    """
    attribute_filter = None
    if base_url:

        def attribute_filter(element, attribute, value):
            return urljoin(base_url, value) if attribute in URL_ATTRIBUTES else value

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
