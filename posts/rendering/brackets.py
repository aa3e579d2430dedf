"""Link labels and footnote references found in time linear in the text.

markdown-it finds the ``]`` that closes a ``[`` by walking forward from it, token
by token, so each ``[`` of a long run (``[[[…``, ``![![…``, ``[^[^…``) walks the
same ground again, as deep as the nesting limit allows. Here each walk is
remembered, and a walk that meets a nested ``[`` whose own walk is known jumps
straight to that label's end, or stops when that label never closes. Footnote
references (``[^label]``) look up the end of their label instead of scanning
to it. The results are markdown-it's own; only the repeated work is gone.
"""

import re
from bisect import bisect_left
from types import SimpleNamespace

from markdown_it import helpers

from .destinations import parse_link_destination

# The characters that end a footnote reference's label, one way or the other.
FOOTNOTE_LABEL_STOP = re.compile(r"[ \n\]]")


def label_walks(state):
    """Return the walks already made in this inline state, by (start, limit)."""
    walks = getattr(state, "blogcraft_label_walks", None)
    if walks is None:
        walks = state.blogcraft_label_walks = {}
    return walks


def footnote_data(env):
    """Return the footnotes found so far, as mdit-py-plugins keeps them."""
    footnotes = env.setdefault("footnotes", {})
    footnotes.setdefault("refs", {})
    footnotes.setdefault("list", {})
    return footnotes


def parse_link_label(state, start, disable_nested=False):
    """Return the position of the ``]`` closing the ``[`` at start, or -1.

    markdown-it remembers where each token it skipped ends, so a second walk from
    the same start reads the same skips: the remembered answer is the one its
    helper would give again. With disable_nested, a link inside the label (which
    markdown-it's helper stops at) makes it -1.
    """
    walks = label_walks(state)
    key = (start, state.posMax)
    walk = walks.get(key)
    if walk is None:
        walk = walks[key] = walk_label(state, start, walks)
    end, meets_nested_link = walk
    return -1 if disable_nested and meets_nested_link else end


def walk_label(state, start, walks):
    """Walk from the ``[`` at start to its ``]``, as markdown-it's helper does.

    Return (end or -1, whether a link or other bracketed token lies before end).
    """
    src, limit, skip_token = state.src, state.posMax, state.md.inline.skipToken
    old_position = state.pos
    position, level, meets_nested_link, end = start + 1, 1, False, -1
    while position < limit:
        marker = src[position]
        if marker == "]":
            level -= 1
            if level == 0:
                end = position
                break
        state.pos = position
        skip_token(state)
        after = state.pos
        if marker == "[":
            if after == position + 1:
                # A plain "[": its own walk (made by the link rule while skipping
                # it) covers what this walk would read next.
                inner = walks.get((position, limit))
                if inner is not None:
                    if inner[0] < 0:
                        break
                    meets_nested_link = meets_nested_link or inner[1]
                    after = inner[0]
                level += 1
            else:
                meets_nested_link = True
        position = after
    state.pos = old_position
    return end, meets_nested_link


def linear_helpers():
    """Return markdown-it's link helpers, with the linear label and destination."""
    return SimpleNamespace(
        parseLinkLabel=parse_link_label,
        parseLinkDestination=parse_link_destination,
        parseLinkTitle=helpers.parseLinkTitle,
    )


def footnote_inline(state, silent):
    """Inline footnotes (``^[text]``): mdit-py-plugins' rule on the label parser."""
    maximum, start = state.posMax, state.pos
    if start + 2 >= maximum or state.src[start] != "^" or state.src[start + 1] != "[":
        return False
    label_start = start + 2
    label_end = parse_link_label(state, start + 1)
    if label_end < 0:
        return False
    if not silent:
        refs = footnote_data(state.env)["list"]
        footnote_id = len(refs)
        tokens = []
        content = state.src[label_start:label_end]
        # Reserve the id before parsing content that may allocate more footnotes.
        refs[footnote_id] = {"content": content, "tokens": tokens}
        state.md.inline.parse(content, state.md, state.env, tokens)
        token = state.push("footnote_ref", "", 0)
        token.meta = {"id": footnote_id}
    state.pos = label_end + 1
    state.posMax = maximum
    return True


def footnote_label_stop(state, position):
    """Return the first position at or after position holding a label stop."""
    stops = getattr(state, "blogcraft_footnote_stops", None)
    if stops is None:
        stops = state.blogcraft_footnote_stops = [
            match.start() for match in FOOTNOTE_LABEL_STOP.finditer(state.src)
        ]
    index = bisect_left(stops, position)
    return stops[index] if index < len(stops) else len(state.src)


def footnote_ref(state, silent):
    """Footnote references (``[^label]``): mdit-py-plugins' rule, without rescans."""
    maximum, start = state.posMax, state.pos
    if start + 3 > maximum or state.src[start : start + 2] != "[^":
        return False
    footnotes = footnote_data(state.env)
    if not footnotes["refs"]:
        return False
    stop = footnote_label_stop(state, start + 2)
    if stop == start + 2 or stop >= maximum or state.src[stop] != "]":
        return False
    label = state.src[start + 2 : stop]
    if ":" + label not in footnotes["refs"]:
        return False
    if not silent:
        if footnotes["refs"].get(":" + label, -1) < 0:
            footnote_id = len(footnotes["list"])
            footnotes["list"][footnote_id] = {"label": label, "count": 0}
            footnotes["refs"][":" + label] = footnote_id
        else:
            footnote_id = footnotes["refs"][":" + label]
        sub_id = footnotes["list"][footnote_id]["count"]
        footnotes["list"][footnote_id]["count"] += 1
        token = state.push("footnote_ref", "", 0)
        token.meta = {"id": footnote_id, "subId": sub_id, "label": label}
    state.pos = stop + 1
    state.posMax = maximum
    return True


def last_inline_destination(state):
    """Return where the last "](" of the inline state's text is, or -1."""
    last = getattr(state, "blogcraft_last_destination", None)
    if last is None:
        last = state.blogcraft_last_destination = state.src.rfind("](")
    return last


def needing_a_destination(rule, label_offset):
    """Return rule, not tried where it cannot make a link.

    Without reference definitions a link or image needs "](" after its label,
    which opens at label_offset from the rule's position: when the text holds
    no "](" that far on, markdown-it's rule would walk the label and fail.
    """

    def gated(state, silent):
        if (
            "references" not in state.env
            and last_inline_destination(state) <= state.pos + label_offset
        ):
            return False
        return rule(state, silent)

    return gated


def linear_brackets_plugin(md):
    """Swap markdown-it's label parser and the footnote rules for these."""
    md.helpers = linear_helpers()
    for name, label_offset in [("link", 0), ("image", 1)]:
        rule = md.inline.ruler.__rules__[md.inline.ruler.__find__(name)].fn
        md.inline.ruler.at(name, needing_a_destination(rule, label_offset))
    md.inline.ruler.at("footnote_inline", footnote_inline)
    md.inline.ruler.at("footnote_ref", footnote_ref)
