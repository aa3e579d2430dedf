"""Heading ids: each h2 and h3 gets a unique id, for links and the table of contents.

mdit-py-plugins' anchors rule tries "slug", "slug-1", "slug-2"… from the start for
every heading, so a thousand headings of the same title take a million tries. This
rule gives the same ids, remembering where each title's numbering stopped.
"""

from functools import lru_cache

from django.utils.text import slugify

LEVELS = {"h2", "h3"}


@lru_cache(maxsize=4096)  # titles repeat ("Example", "Summary"), and slugify is slow
def heading_slug(text):
    return slugify(text) or "section"


def heading_title(inline):
    """Return a heading's text as the anchors plugin reads it."""
    return "".join(
        child.content
        for child in inline.children or []
        if child.type in {"text", "code_inline"}
    )


class UniqueIds:
    def __init__(self, taken):
        self.taken = set(taken)
        self.next_number = {}

    def claim(self, slug):
        """Return slug, or the first "slug-N" no heading has taken yet."""
        unique, number = slug, self.next_number.get(slug, 1)
        if unique in self.taken:
            # Every number below next_number was taken already, and still is.
            while (unique := f"{slug}-{number}") in self.taken:
                number += 1
            number += 1
        self.next_number[slug] = number
        self.taken.add(unique)
        return unique


def heading_ids(state):
    """Core rule: set the id of every h2 and h3 that has none."""
    tokens = state.tokens
    # One pass over every token, then two over the headings alone.
    headings = [
        index for index, token in enumerate(tokens) if token.type == "heading_open"
    ]
    # Explicit ids (at any level) are reserved first, whatever their order.
    ids = UniqueIds(
        heading_id for index in headings if (heading_id := tokens[index].attrGet("id"))
    )
    for index in headings:
        token = tokens[index]
        if token.tag not in LEVELS:
            continue
        if not token.attrGet("id"):
            title = heading_title(tokens[index + 1])
            token.attrSet("id", ids.claim(heading_slug(title)))


def heading_ids_plugin(md):
    md.core.ruler.push("anchor", heading_ids)
