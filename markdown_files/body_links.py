"""
Find the local files a Markdown body shows as images, and point its links elsewhere.

A static site's post shows images from its page bundle (`./diagram.png`,
`../img/x.png`) or its public folder (`/hero.png`). The images are found by the
same parser that renders the body, so an image written inside code is not one; the
links are then rewritten by one pass over the text, which keeps the rest of the
body byte for byte.
"""

import re
from urllib.parse import unquote, urlsplit

from django.conf import settings

from posts.rendering.deadline import deadline_after
from posts.rendering.parser import PARSER, parse

from .exporter import EXPORT_MEDIA_URL

# A link's destination: what follows "](", bare or in <...>.
DESTINATION = re.compile(r"\]\((?P<space>[ \t]*)(?P<url><[^<>\n]*>|[^\s()<>]+)")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


def image_sources(body):
    """Return the src of every image the body shows, as the renderer reads it."""
    with deadline_after(settings.BLOGCRAFT_RENDER_TIMEOUT_SECONDS):
        tokens = parse(body)
    sources = set()
    for token in tokens:
        for child in token.children or ():
            if child.type == "image":
                sources.add(child.attrGet("src") or "")
    return sources


def is_local_file(src):
    """Whether src names a file of the site: not a URL, not the export's media."""
    return bool(src) and not (
        SCHEME.match(src) or src.startswith(("//", "#", EXPORT_MEDIA_URL))
    )


def local_images(body):
    """Return {src as written in the body: file path it names} for local images."""
    wanted = {src for src in image_sources(body) if is_local_file(src)}
    found = {}
    for match in DESTINATION.finditer(body):
        written = match["url"]
        if PARSER.normalizeLink(written.strip("<>")) in wanted:
            found[written] = file_path(written)
    return found


def file_path(written):
    """Return the path a link names: no angle brackets, query, fragment or %-codes."""
    return unquote(urlsplit(written.strip("<>")).path)


def with_links_replaced(body, new_urls):
    """Return body with each link destination in new_urls (old: new) replaced."""

    def replace(match):
        new = new_urls.get(match["url"])
        if new is None:
            return match.group(0)
        return f"]({match['space']}{new}"

    return DESTINATION.sub(replace, body)
