"""Plain-text helpers: cleaning pasted text and measuring reading time."""

import math
import re
import unicodedata

# C0 and C1 control characters, minus tab, line feed and carriage return. They are
# invisible in the editor but make XML (feeds, sitemaps) ill-formed.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
WORDS_PER_MINUTE = 225


def strip_control_characters(text):
    """Return text without the control characters that XML cannot carry."""
    return CONTROL_CHARACTERS.sub("", text)


def normalise_text(text):
    """Return text in the one form Blogcraft stores: NFC, no control characters.

    Composed form makes "café" typed on one system and pasted from another the same
    word for search, tags and comparisons; control characters are removed after
    composing, since composing never creates one.
    """
    return strip_control_characters(unicodedata.normalize("NFC", text))


def count_words(text):
    return len(WORD.findall(text))


def reading_minutes(word_count):
    """Return the whole minutes a reader needs, never less than one."""
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))
