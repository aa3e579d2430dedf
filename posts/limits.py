"""
How long and how large what editors write and upload may be, and what they are told
past a limit.

Each limit and its message live here once; the models, the forms, the editor's
endpoints and the importers read them, so an editor meets the same words wherever a
text or a file is refused.
"""

from django.conf import settings
from django.core.exceptions import ValidationError

# Titles and descriptions of posts and series.
TITLE_MAX_CHARS = 100
DESCRIPTION_MAX_CHARS = 300
# An image's description, not an essay: longer text belongs in the body around it.
ALT_TEXT_MAX_CHARS = 1000


def body_too_long(body):
    """Return why body is longer than a post's may be, or "" when it is not."""
    limit = settings.BLOGCRAFT_BODY_MAX_CHARS
    if len(body) <= limit:
        return ""
    return (
        f"The body may have at most {limit:,} characters (it has {len(body):,}): "
        "split it into parts of a series."
    )


def check_body_length(body):
    """Raise ValidationError if body is longer than a post's may be."""
    if message := body_too_long(body):
        raise ValidationError(message, code="max_length")


def alt_text_too_long(alt):
    """Return why an image's description is too long, or "" when it is not."""
    if len(alt) <= ALT_TEXT_MAX_CHARS:
        return ""
    return (
        f"The description is longer than {ALT_TEXT_MAX_CHARS:,} characters: "
        "say the rest in the text around the image."
    )


def file_too_large():
    """What an editor is told about an image file larger than an upload may be."""
    limit = settings.BLOGCRAFT_UPLOAD_MAX_BYTES
    return f"The file is larger than the {limit / 1024 / 1024:g} MB an image may be."
