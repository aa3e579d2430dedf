"""Checks and id renumbering for the SVG that Mermaid produces."""

import re
from html.parser import HTMLParser

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "foreignobject", "image"}
REFERENCE_ATTRIBUTES = {"href", "xlink:href", "src"}
ID = re.compile(r'\sid="([^"]+)"')
ARIA_REFERENCE = re.compile(r'(aria-(?:labelledby|describedby)=")([^"]*)(")')
# Some diagrams (journey) offer an HTML label in a <switch> with an SVG <text> after
# it. Without the HTML, the <switch> draws the text: safe, and the same words.
SWITCH_HTML_LABEL = re.compile(
    r"(<switch\b[^>]*>)\s*<foreignObject\b.*?</foreignObject>", re.DOTALL
)


class UnsafeSvg(ValueError):
    pass


class SvgChecker(HTMLParser):
    """Refuse anything in a diagram that could run code or fetch a resource."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open_tags = []

    def handle_starttag(self, tag, attrs):
        self.check_tag(tag, attrs)
        self.open_tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.check_tag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in self.open_tags:
            del self.open_tags[self.open_tags.index(tag) :]

    def check_tag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            raise UnsafeSvg(f"<{tag}> is not allowed in a diagram")
        for name, value in attrs:
            value = "".join((value or "").split()).lower()
            if name.startswith("on"):
                raise UnsafeSvg(f"event handler {name} in a diagram")
            if name in REFERENCE_ATTRIBUTES and not value.startswith("#"):
                raise UnsafeSvg(f"external reference {name}={value[:40]}")
            if name == "style" and not is_inert_css(value):
                raise UnsafeSvg("style attribute loads a resource")

    def handle_data(self, data):
        if self.open_tags and self.open_tags[-1] == "style" and not is_inert_css(data):
            raise UnsafeSvg("the diagram's stylesheet loads a resource")


def is_inert_css(css):
    css = "".join(css.split()).lower()
    return (
        "@import" not in css
        and "expression(" not in css
        and "javascript:" not in css
        and "url(" not in css.replace("url(#", "")
    )


def drop_html_labels_with_fallback(svg):
    """Remove each <foreignObject> that a <switch> offers before an SVG fallback."""
    return SWITCH_HTML_LABEL.sub(r"\1", svg)


def check_svg(svg):
    """Raise UnsafeSvg unless svg is one inert <svg> element."""
    if not svg.lstrip().startswith("<svg"):
        raise UnsafeSvg("a diagram must be a single <svg> element")
    checker = SvgChecker()
    checker.feed(svg)
    checker.close()
    return svg


def renumber_ids(svg, prefix):
    """Rename every id to prefix-N (the root to prefix) and follow the references.

    Mermaid names ids after node names, so two diagrams on a page could clash; with
    ids derived from the diagram's hash they cannot, and the bytes do not depend on
    anything but the diagram.
    """
    old_ids = list(dict.fromkeys(ID.findall(svg)))
    if not old_ids:
        return svg
    mapping = {old: f"{prefix}-{n}" for n, old in enumerate(old_ids[1:], start=1)}
    mapping[old_ids[0]] = prefix
    alternatives = "|".join(re.escape(old) for old in sorted(mapping, key=len)[::-1])
    svg = re.sub(
        rf'(\sid=")({alternatives})(")', lambda m: m[1] + mapping[m[2]] + m[3], svg
    )
    svg = re.sub(rf"#({alternatives})(?![\w-])", lambda m: "#" + mapping[m[1]], svg)
    return ARIA_REFERENCE.sub(
        lambda m: m[1] + " ".join(mapping.get(i, i) for i in m[2].split()) + m[3], svg
    )
