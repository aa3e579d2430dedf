"""
Responsive images: the page's <img> elements get lazy loading and, for uploads, the
renditions the upload view stored beside them (480/960/1440 px, WebP and the original
format) as srcset, with the full size's width and height so nothing jumps on load.

Runs on sanitised HTML; what it adds is built from files found in storage, never
from what the author wrote.
"""

import re
from html import unescape

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.html import escape
from PIL import Image, UnidentifiedImageError

IMG = re.compile(r"<img\s([^>]*?)\s*/?>")
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
UPLOAD = re.compile(
    r"^uploads/(?P<stem>[0-9a-f]{32})\.(?P<extension>png|jpg|gif|webp)$"
)
RENDITION_WIDTHS = (480, 960, 1440)
# The prose column is at most 48rem wide; on phones an image fills the screen.
SIZES = "(min-width: 48rem) 48rem, 100vw"


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
    return name if UPLOAD.match(name) else None


def dimensions(name, storage):
    try:
        with storage.open(name) as stored, Image.open(stored) as image:
            return image.size
    except (OSError, UnidentifiedImageError):
        return None


def renditions(stem, extension, width, storage):
    """Return ["url 480w", …] for the stored renditions narrower than width."""
    names = [
        (f"uploads/{stem}-{rendition}w.{extension}", rendition)
        for rendition in RENDITION_WIDTHS
        if rendition < width
    ]
    return [
        f"{storage.url(name)} {rendition}w"
        for name, rendition in names
        if storage.exists(name)
    ]


def responsive_img(match, storage):
    attributes = {
        name: unescape(value) for name, value in ATTRIBUTE.findall(match.group(1))
    }
    attributes.setdefault("loading", "lazy")
    attributes.setdefault("decoding", "async")
    name = upload_name(attributes.get("src", ""))
    size = dimensions(name, storage) if name else None
    webp_source = ""
    if size:
        width, height = size
        upload = UPLOAD.match(name)
        stem, extension = upload["stem"], upload["extension"]
        full_size = f"{storage.url(name)} {width}w"
        attributes |= {
            "width": str(width),
            "height": str(height),
            "srcset": ", ".join(
                [*renditions(stem, extension, width, storage), full_size]
            ),
            "sizes": SIZES,
        }
        webp = renditions(stem, "webp", width, storage) if extension != "webp" else []
        if webp:
            webp_source = (
                f'<source type="image/webp" srcset="{escape(", ".join(webp))}" '
                f'sizes="{SIZES}">'
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
