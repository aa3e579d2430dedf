"""
Share images: a 1200×630 PNG per post for link previews (og:image, Twitter cards).

The file is named by a hash of what it shows, so an unchanged card is never drawn
twice and a changed one gets a new URL that social sites have not cached.
"""

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

logger = logging.getLogger(__name__)

SIZE = (1200, 630)
MARGIN = 80
BACKGROUND = "#0d1117"
ACCENT = "#58a6ff"
TEXT = "#e6edf3"
MUTED = "#9198a1"
FONT_CANDIDATES = {
    "bold": [
        "/usr/share/fonts/opentype/inter/Inter-Bold.otf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ],
    "regular": [
        "/usr/share/fonts/opentype/inter/Inter-Regular.otf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ],
}
FOLDER = "share"
# Font sizes to try for the title, with the lines that fit at each.
TITLE_SIZES = [(68, 3), (56, 4), (48, 4)]


def font(weight, size, layout_engine=None):
    """Inter where the system has it, then DejaVu, then Pillow's own scalable font."""
    for candidate in FONT_CANDIDATES[weight]:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size, layout_engine=layout_engine)
    return ImageFont.load_default(size)


def card_lines(post):
    """Return what the card shows: site name, title and the series line, if any."""
    part = getattr(post, "series_part", None) if post.pk else None
    subtitle = part.share_card_line() if part is not None else ""
    return settings.SITE_NAME, post.title, subtitle


def wrap_to_width(text, title_font, width):
    lines = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and title_font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def fit_title(title, layout_engine=None):
    """Return the largest font at which the title fits the card, and its lines."""
    width = SIZE[0] - 2 * MARGIN
    for size, max_lines in TITLE_SIZES:
        title_font = font("bold", size, layout_engine)
        lines = wrap_to_width(title, title_font, width)
        if len(lines) <= max_lines:
            return title_font, lines
    return title_font, [*lines[: max_lines - 1], f"{lines[max_lines - 1]} …"]


def draw_share_image(site_name, title, subtitle="", layout_engine=None):
    """Return the PNG bytes of a share card."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 16, SIZE[1]], fill=ACCENT)
    draw.text(
        (MARGIN, MARGIN), site_name, font=font("bold", 40, layout_engine), fill=ACCENT
    )
    title_font, lines = fit_title(title, layout_engine)
    y = MARGIN + 100
    for line in lines:
        draw.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += round(title_font.size * 1.2)
    if subtitle:
        draw.text(
            (MARGIN, SIZE[1] - MARGIN - 40),
            subtitle,
            font=font("regular", 36, layout_engine),
            fill=MUTED,
        )
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


def share_image_name(lines):
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:24]
    return f"{FOLDER}/{digest}.png"


PLAIN_CARD_NOTE = (
    "The link-preview card could not be drawn with the title as written; a plainer "
    "card is used. Check the title and the series' title for unusual characters."
)
NO_CARD_NOTE = (
    "No link-preview card could be drawn or stored; link previews show the site's "
    "name only. Saving the post again tries once more."
)
CARD_NOTES = (PLAIN_CARD_NOTE, NO_CARD_NOTE)


@dataclass(frozen=True)
class ShareCard:
    """A post's card: its storage name ("" when none could be stored), and a note
    for the editor when it could not be drawn as designed."""

    name: str
    problem: str = ""


def draw_with_fallback(lines):
    """Return (PNG bytes, problem): the designed card or, failing that, a plain one.

    Text shaping (raqm) refuses some text; Pillow's basic layout draws anything.
    """
    try:
        return draw_share_image(*lines), ""
    except Exception:
        logger.warning(
            "Drawing a share card failed; drawing a plain one.", exc_info=True
        )
    data = draw_share_image(*lines, layout_engine=ImageFont.Layout.BASIC)
    return data, PLAIN_CARD_NOTE


def ensure_share_image(post):
    """Return the post's ShareCard, drawing it if it is new.

    Never raises: a card is derived work, and no save may fail for it.
    """
    lines = card_lines(post)
    name = share_image_name(lines)
    try:
        if default_storage.exists(name):
            return ShareCard(name)
        data, problem = draw_with_fallback(lines)
        return ShareCard(default_storage.save(name, ContentFile(data)), problem)
    except Exception:
        logger.exception("No share card could be drawn or stored for %r.", post.pk)
        return ShareCard("", NO_CARD_NOTE)
