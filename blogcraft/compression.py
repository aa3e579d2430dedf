"""
Content-codings for public pages and feeds: which one a request gets, and the bytes.

Pages are compressed once, when the page cache stores them, never per request; the
levels below are the ones that cost about a millisecond for a 50-80 KB page. Brotli's
highest quality (11) would save another tenth of the bytes for 50-140 ms per page,
paid again by every page after each edit.

Only responses that carry no secret may be compressed (BREACH): a page that holds a
CSRF token or anything else tied to one reader is never handed to this module.
"""

import gzip
from functools import lru_cache

import brotli

GZIP_LEVEL = 6
BROTLI_QUALITY = 6

# The order breaks ties between codings the client likes equally: Brotli is smaller.
CODINGS = ("br", "gzip")


def compress(content, coding):
    """Return content (bytes) in the given content-coding."""
    if coding == "br":
        return brotli.compress(content, quality=BROTLI_QUALITY, mode=brotli.MODE_TEXT)
    if coding == "gzip":
        # mtime=0: the same page always gives the same bytes.
        return gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)
    raise ValueError(f"Unknown content-coding: {coding!r}")


@lru_cache(maxsize=256)  # browsers send a handful of distinct headers
def preferred_coding(accept_encoding):
    """Return the coding of CODINGS the Accept-Encoding header prefers, or None.

    None means the identity: no header, `identity` only, or every coding refused
    with q=0. A `*` stands for the codings the header does not name.
    """
    weights = {}
    for item in (accept_encoding or "").split(","):
        coding, _, parameters = item.partition(";")
        coding = coding.strip().lower()
        if not coding:
            continue
        weights[coding] = quality_of(parameters)
    wildcard = weights.get("*", 0.0)
    best, best_weight = None, 0.0
    for coding in CODINGS:
        weight = weights.get(coding, wildcard)
        if weight > best_weight:
            best, best_weight = coding, weight
    return best


def quality_of(parameters):
    """Return the q value of `;q=0.5` parameters: 1 when absent, 0 when unreadable."""
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0
