"""
Serve uploaded media from MEDIA_ROOT, and rendered diagrams, for the one-machine
setup.

Uploads are re-encoded images, but a file in MEDIA_ROOT may still have come from
elsewhere. So only raster image types are served, under a type named by the
extension, and every reply tells browsers not to sniff it and to treat it as a
sandboxed document with no rights at all should one be opened directly.

SVG can carry scripts, so no upload is ever served as SVG. The diagrams are the one
exception: Blogcraft draws and checks them itself (posts.rendering.svg), names them
by hash, and feeds show them as images. They are served only from the diagrams'
folder, by their hash name, with a policy that lets their own styles apply and
nothing else.
"""

import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from posts.rendering import diagrams

MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".avif": "image/avif",
}
MEDIA_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    # Stored names never change (uploads are named by UUID, and storage adds a
    # suffix rather than overwrite), so caches may keep them a while.
    "Cache-Control": "public, max-age=86400",
}
DIAGRAM_NAME = re.compile(r"[0-9a-f]{64}\.svg")
DIAGRAM_HEADERS = MEDIA_HEADERS | {
    # A diagram is styled by its own <style>; it loads nothing and runs nothing.
    "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'",
    # Named by the hash of what they show: a name never changes its content.
    "Cache-Control": "public, max-age=31536000, immutable",
}


def media_file(relative_path):
    """Return the file under MEDIA_ROOT that the path names, or raise Http404."""
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        # resolve() follows "..", and symbolic links, to where they really lead.
        file = (root / relative_path).resolve(strict=True)
    except (OSError, RuntimeError, ValueError) as error:
        raise Http404("No such media file.") from error
    if not file.is_relative_to(root) or not file.is_file():
        raise Http404("No such media file.")
    if file.suffix.lower() not in MEDIA_TYPES:
        raise Http404("Only images are served from media.")
    return file


@require_safe
def serve_media(request, path):
    file = media_file(path)
    response = FileResponse(
        file.open("rb"), content_type=MEDIA_TYPES[file.suffix.lower()]
    )
    for header, value in MEDIA_HEADERS.items():
        response[header] = value
    return response


def diagram_url_pattern():
    """Return the route (a regex) for diagrams, or None if another host serves them."""
    url = diagrams.cache_url()
    if "://" in url:
        return None
    return rf"^{re.escape(url.lstrip('/'))}(?P<name>[0-9a-f]{{64}}\.svg)$"


@require_safe
def serve_diagram(request, name):
    """Serve one stored diagram SVG by its hash name."""
    if not DIAGRAM_NAME.fullmatch(name):
        raise Http404("No such diagram.")
    file = diagrams.cache_dir() / name
    if not file.is_file():
        raise Http404("No such diagram.")
    response = FileResponse(file.open("rb"), content_type="image/svg+xml")
    for header, value in DIAGRAM_HEADERS.items():
        response[header] = value
    return response
