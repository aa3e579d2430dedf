"""
Stored images and the smaller copies beside them: which widths, under which names.

The writer (`posts.uploads`) makes them and the reader (`posts.rendering.images`, for
bodies, heroes and covers) offers them in srcset. Both ask here, so that a width or a
name changes in one place and the reader never offers a file the writer does not make.
"""

import re
import uuid
from pathlib import PurePosixPath

RENDITION_WIDTHS = (480, 960, 1440)
# Where the editor's uploads are stored, each under a new random name.
UPLOAD_FOLDER = "uploads"
# Pillow's name of each accepted format -> the extension its stored files get.
FORMAT_EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
# Every rendition has a WebP copy; the original's format is the fallback.
WEBP = "webp"
# The post's column is at most 48rem wide; on narrower screens the page keeps
# 1.25rem of margin on each side (static/css/site.css, `main`).
SIZES = "(min-width: 48rem) 48rem, calc(100vw - 2.5rem)"
# A stored file's extension, as the writer spells the format it holds.
EXTENSIONS = {ext: ext for ext in FORMAT_EXTENSIONS.values()} | {"jpeg": "jpg"}
UPLOAD_NAME = re.compile(
    rf"^{UPLOAD_FOLDER}/[0-9a-f]{{32}}\.(?:{'|'.join(FORMAT_EXTENSIONS.values())})$"
)


def new_image_name(folder, image_format):
    """Return a new storage name in folder for an image in Pillow's image_format."""
    return f"{folder}/{uuid.uuid4().hex}.{FORMAT_EXTENSIONS[image_format]}"


def is_upload_name(name):
    """Whether name is one the writer gives an upload (new_image_name)."""
    return bool(UPLOAD_NAME.match(name))


def planned_widths(width, steps=RENDITION_WIDTHS):
    """Return the widths to store copies at for an image `width` pixels wide.

    Every step narrower than the image (never an upscale) and, when there is such
    a step but the image is no wider than the widest one, the image's own width:
    without it the WebP set of a 900 px image would stop at 480 px, and browsers
    would stretch that over the column. An image no wider than the narrowest step
    gets none: the original alone is offered.
    """
    narrower = [step for step in steps if step < width]
    if narrower and width <= max(steps):
        narrower.append(width)
    return narrower


def own_extension(name):
    """Return the extension renditions in the format of the stored file `name` get,
    or None for a name that spells no accepted format."""
    return EXTENSIONS.get(PurePosixPath(name).suffix.lstrip(".").lower())


def rendition_name(name, width, extension):
    """Return the storage name of the copy of `name` at `width`, in `extension`.

    "uploads/ab12.png" at 480 in WebP is "uploads/ab12-480w.webp".
    """
    stem = name.rpartition(".")[0] if "." in PurePosixPath(name).name else name
    return f"{stem}-{width}w.{extension}"
