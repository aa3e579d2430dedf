"""Slugs a reader can still read when the name is mostly punctuation."""

from django.utils.text import slugify

# Symbols that carry the meaning of a name: without them "C++" and "C#" are both "c".
SPOKEN_SYMBOLS = {"++": " plus plus ", "+": " plus ", "#": " sharp ", "&": " and "}


def readable_slug(name):
    """Return a non-empty slug for name, spelling out meaningful symbols."""
    spoken = name
    for symbol, words in SPOKEN_SYMBOLS.items():
        spoken = spoken.replace(symbol, words)
    slug = slugify(spoken, allow_unicode=True)
    if slug:
        return slug
    # Nothing sluggable (emoji, punctuation): fall back to the code points.
    return "-".join(f"u{ord(char):x}" for char in name.strip()[:8]) or "tag"


def slug_from_title(title):
    """The slug a post gets when the editor leaves it empty; may be empty."""
    return slugify(title)[:120].strip("-")
