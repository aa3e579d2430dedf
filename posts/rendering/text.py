"""Plain-text helpers: cleaning pasted text and measuring reading time.

Which control characters Blogcraft drops is said here once, for text (stored fields,
rendered bodies) and for the bytes of a feed before its XML is parsed.
"""

import math
import re
import unicodedata

# The C0 control characters XML forbids: all but tab, line feed and carriage return.
# Invisible in the editor, they make XML (feeds, sitemaps) ill-formed.
XML_FORBIDDEN_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f"
# Those, DEL and the C1 controls: none is meant in a text.
CONTROL_CHARACTERS = re.compile(f"[{XML_FORBIDDEN_CONTROLS}\x7f-\x9f]")
CONTROL_BYTES = re.compile(f"[{XML_FORBIDDEN_CONTROLS}]".encode())
# Leading zeros apart, a control's number has at most two digits.
CHARACTER_REFERENCE = re.compile(rb"&#(?:0*([0-9]{1,2})|[xX]0*([0-9a-fA-F]{1,2}));")
# Byte order marks of UTF-16 and UTF-32, whose bytes the patterns above would cut.
WIDE_ENCODING_MARKS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
WORDS_PER_MINUTE = 225


def strip_control_characters(text):
    """Return text without the control characters that XML cannot carry."""
    return CONTROL_CHARACTERS.sub("", text)


def strip_control_bytes(data):
    """Return XML bytes without the controls XML forbids, raw or as references.

    For the encodings whose bytes below 0x20 are those characters (UTF-8 and the
    other ASCII-compatible ones); UTF-16 and UTF-32 are left as they are. C1 controls
    are more than a byte in UTF-8: they go when the decoded text is normalised.
    """
    if data.startswith(WIDE_ENCODING_MARKS):
        return data
    return CHARACTER_REFERENCE.sub(keep_unless_control, CONTROL_BYTES.sub(b"", data))


def keep_unless_control(reference):
    decimal, hexadecimal = reference.groups()
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    forbidden = code < 0x20 and CONTROL_CHARACTERS.match(chr(code))
    return b"" if forbidden else reference.group()


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
