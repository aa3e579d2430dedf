"""
The smaller copies stored beside an image: which widths, under which names.

The writer (`posts.uploads`) makes them and the reader (`posts.rendering.images`, for
bodies, heroes and covers) offers them in srcset. Both ask here, so that a width or a
name changes in one place and the reader never offers a file the writer does not make.
"""

from pathlib import PurePosixPath

RENDITION_WIDTHS = (480, 960, 1440)
# Every rendition has a WebP copy; the original's format is the fallback.
WEBP = "webp"
# The post's column is at most 48rem wide; on narrower screens the page keeps
# 1.25rem of margin on each side (static/css/site.css, `main`).
SIZES = "(min-width: 48rem) 48rem, calc(100vw - 2.5rem)"
# A stored file's extension, as the writer spells the format it holds.
EXTENSIONS = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "gif": "gif", "webp": "webp"}


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
