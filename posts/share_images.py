"""
Share images: a 1200×630 PNG per post for link previews (og:image, Twitter cards).

The file is named by a hash of what it shows, so an unchanged card is never drawn
twice and a changed one gets a new URL that social sites have not cached.
"""

import hashlib
import io
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

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


def font(weight, size):
    """Inter where the system has it, then DejaVu, then Pillow's own scalable font."""
    for candidate in FONT_CANDIDATES[weight]:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size)


def card_lines(post):
    """Return what the card shows: site name, title and the series line, if any."""
    part = getattr(post, "series_part", None) if post.pk else None
    subtitle = ""
    if part is not None:
        total = part.series.parts.count()
        subtitle = f"{part.series.title} · {part.label or f'Part {part.position}'}"
        subtitle += f" of {total}" if not part.label else ""
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


def fit_title(title):
    """Return the largest font at which the title fits the card, and its lines."""
    width = SIZE[0] - 2 * MARGIN
    for size, max_lines in TITLE_SIZES:
        title_font = font("bold", size)
        lines = wrap_to_width(title, title_font, width)
        if len(lines) <= max_lines:
            return title_font, lines
    return title_font, [*lines[: max_lines - 1], f"{lines[max_lines - 1]} …"]


def draw_share_image(site_name, title, subtitle=""):
    """Return the PNG bytes of a share card."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 16, SIZE[1]], fill=ACCENT)
    draw.text((MARGIN, MARGIN), site_name, font=font("bold", 40), fill=ACCENT)
    title_font, lines = fit_title(title)
    y = MARGIN + 100
    for line in lines:
        draw.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += round(title_font.size * 1.2)
    if subtitle:
        draw.text(
            (MARGIN, SIZE[1] - MARGIN - 40),
            subtitle,
            font=font("regular", 36),
            fill=MUTED,
        )
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


def share_image_name(lines):
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:24]
    return f"{FOLDER}/{digest}.png"


def ensure_share_image(post):
    """Return the storage name of the post's card, drawing it if it is new."""
    lines = card_lines(post)
    name = share_image_name(lines)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(draw_share_image(*lines)))
    return name
