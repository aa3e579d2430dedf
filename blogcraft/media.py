"""
Serve media from the storage, and rendered diagrams, when Django serves them itself
(MEDIA_URL is a path of the site: local files, the default).

With object storage MEDIA_URL is the bucket's or the CDN's own address and these
views are not routed (blogcraft/urls.py).

Uploads are re-encoded images, but a stored file may still have come from
elsewhere. So only raster image types are served, under a type named by the
extension, and every reply tells browsers not to sniff it and to treat it as a
sandboxed document with no rights at all should one be opened directly.

SVG can carry scripts, so no upload is ever served as SVG. The diagrams are the one
exception: Blogcraft draws and checks them itself (posts.rendering.svg), names them
by hash, and feeds show them as images. They are served only from the diagrams'
storage, by their hash name, with a policy that lets their own styles apply and
nothing else.
"""

import re
from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from posts.rendering import diagram_files

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


def media_name(path):
    """Return the storage name of an image the URL path names, or raise Http404."""
    parts = path.split("/")
    if "\x00" in path or any(part in {"", ".", ".."} for part in parts):
        raise Http404("No such media file.")
    if PurePosixPath(path).suffix.lower() not in MEDIA_TYPES:
        raise Http404("Only images are served from media.")
    return path


def open_stored(storage, name):
    """Return the stored file open for reading, or raise Http404."""
    try:
        return storage.open(name, "rb")
    except (OSError, SuspiciousFileOperation) as error:
        # Missing, a folder, or leading outside the storage's own files.
        raise Http404("No such media file.") from error


def media_file(path):
    """Return the stored image the URL path names, open for reading, or Http404."""
    return open_stored(default_storage, media_name(path))


def stored_response(file, content_type, headers):
    response = FileResponse(file, content_type=content_type)
    for header, value in headers.items():
        response[header] = value
    return response


@require_safe
def serve_media(request, path):
    file = media_file(path)
    content_type = MEDIA_TYPES[PurePosixPath(path).suffix.lower()]
    return stored_response(file, content_type, MEDIA_HEADERS)


def diagram_url_pattern():
    """Return the route (a regex) for diagrams, or None if another host serves them."""
    url = diagram_files.cache_url()
    if "://" in url:
        return None
    return rf"^{re.escape(url.lstrip('/'))}(?P<name>[0-9a-f]{{64}}\.svg)$"


@require_safe
def serve_diagram(request, name):
    """Serve one stored diagram SVG by its hash name."""
    if not DIAGRAM_NAME.fullmatch(name):
        raise Http404("No such diagram.")
    file = open_stored(diagram_files.diagram_storage(), name)
    return stored_response(file, "image/svg+xml", DIAGRAM_HEADERS)
