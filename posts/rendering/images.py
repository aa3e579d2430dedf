"""
Responsive images: the page's <img> elements get lazy loading and, for uploads, the
renditions stored beside them (`posts.renditions`: WebP and the original format) as
srcset, with the full size's width and height so nothing jumps on load.

Runs on sanitised HTML; what it adds is built from files found in storage, never
from what the author wrote. Rendering makes the renditions an upload lacks (one
stored before a width was added), so `manage.py rerender` brings old posts up to
date. Hero images and covers get the same markup from `responsive_image()`.
"""

import logging
import re
from dataclasses import dataclass
from html import unescape

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.html import escape
from PIL import Image, UnidentifiedImageError

from ..renditions import (
    SIZES,
    WEBP,
    is_upload_name,
    own_extension,
    planned_widths,
    rendition_name,
)
from ..uploads import ensure_renditions

logger = logging.getLogger(__name__)

IMG = re.compile(r"<img\s([^>]*?)\s*/?>")
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


@dataclass(frozen=True)
class ResponsiveImage:
    """A stored image with the candidates a browser may choose from."""

    src: str
    width: int
    height: int
    # Candidates in the original's format, the full size last.
    srcset: str
    # Candidates in WebP for a <source>, or "" when there is no complete set.
    webp_srcset: str
    sizes: str = SIZES


def upload_name(src):
    """Return the storage name of an uploaded image's URL, or None."""
    media_url = (
        settings.MEDIA_URL
        if settings.MEDIA_URL.startswith(("/", "http"))
        else ("/" + settings.MEDIA_URL)
    )
    if not src.startswith(media_url):
        return None
    name = src.removeprefix(media_url)
    return name if is_upload_name(name) else None


def dimensions(name, storage):
    try:
        with storage.open(name) as stored, Image.open(stored) as image:
            return image.size
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return None


def candidates(name, widths, extension, storage):
    """Return ["url 480w", …] for the renditions of name in extension that exist."""
    found = []
    for width in widths:
        rendition = rendition_name(name, width, extension)
        if storage.exists(rendition):
            found.append((width, f"{storage.url(rendition)} {width}w"))
    return found


def responsive_image(name, storage=None, make_missing=False):
    """Return the ResponsiveImage of the stored image `name`, or None if it cannot
    be read. With make_missing, the renditions it lacks are made."""
    storage = storage or default_storage
    size = dimensions(name, storage)
    if size is None:
        return None
    width, height = size
    found, complete = stored_candidates(name, width, storage)
    if make_missing and not complete:
        try:
            ensure_renditions(name, storage)
        except Exception:
            # Renditions are a nicety: the full size still shows.
            logger.exception("Could not make the renditions of %s", name)
        found, _ = stored_candidates(name, width, storage)
    own, webp = found
    planned = planned_widths(width)
    # Browsers take the <source> when they read WebP: one that stops short of the
    # widest planned copy would be stretched over the column, so it is left out
    # until its renditions are made.
    if not webp or webp[-1][0] != planned[-1]:
        webp = []
    return ResponsiveImage(
        src=storage.url(name),
        width=width,
        height=height,
        srcset=", ".join(text for _, text in own),
        webp_srcset=", ".join(text for _, text in webp),
    )


def stored_candidates(name, width, storage):
    """Return the stored candidates (original format, WebP) of an image `width`
    pixels wide, and whether every planned rendition is there."""
    planned = planned_widths(width)
    smaller = [step for step in planned if step < width]
    extension = own_extension(name)
    full_size = (width, f"{storage.url(name)} {width}w")
    if extension == WEBP:
        # The full size is the widest WebP copy.
        own = candidates(name, smaller, WEBP, storage)
        return ([*own, full_size], []), len(own) == len(smaller)
    webp = candidates(name, planned, WEBP, storage)
    own = candidates(name, smaller, extension, storage) if extension else []
    complete = len(webp) == len(planned) and (
        extension is None or len(own) == len(smaller)
    )
    return ([*own, full_size], webp), complete


def responsive_img(match, storage):
    attributes = {
        name: unescape(value) for name, value in ATTRIBUTE.findall(match.group(1))
    }
    attributes.setdefault("loading", "lazy")
    attributes.setdefault("decoding", "async")
    name = upload_name(attributes.get("src", ""))
    image = responsive_image(name, storage, make_missing=True) if name else None
    webp_source = ""
    if image:
        attributes |= {
            "width": str(image.width),
            "height": str(image.height),
            "srcset": image.srcset,
            "sizes": image.sizes,
        }
        if image.webp_srcset:
            webp_source = (
                f'<source type="image/webp" srcset="{escape(image.webp_srcset)}" '
                f'sizes="{escape(image.sizes)}">'
            )
    img = (
        "<img "
        + " ".join(f'{key}="{escape(value)}"' for key, value in attributes.items())
        + ">"
    )
    return f"<picture>{webp_source}{img}</picture>" if webp_source else img


def responsive_images(html, storage=None):
    storage = storage or default_storage
    return IMG.sub(lambda match: responsive_img(match, storage), html)
