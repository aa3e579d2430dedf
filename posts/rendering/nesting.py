"""Bound how deep the HTML handed to the cleaner may nest.

nh3 parses HTML as browsers do (html5ever), and two of the parsing rules cost time
with the number of elements left open: each block tag looks back through the
open elements for a paragraph to close, and each new block re-opens every
formatting element (``<b>``, ``<em>``…) that an earlier block closed early. Raw
HTML can leave any number open: 30,000 unclosed ``<div>`` take html5ever many
seconds, and unclosed ``<b>`` with distinct attributes make its output grow with
the square of the input.

This pass counts the elements open, closing one only when its end tag comes with
nothing but formatting elements left inside it: the parser closes at least as
much then, so the count never falls below the parser's (save for the few
formatting elements it re-opens, which are capped). A start tag past the limits
is shown as text. Markdown's own HTML always closes what it opens, so it stays
far below both limits.
"""

import re

# The deepest nesting, and the most formatting elements open or left to re-open.
MAX_OPEN_ELEMENTS = 256
MAX_FORMATTING_ELEMENTS = 8

TAG = re.compile(r"<(/?)([A-Za-z][^\t\n\f\r />]*)")
# Never on the parser's stack of open elements: it merges or ignores these.
NOT_OPENED = {"html", "head", "body"}
VOID_ELEMENTS = {
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr",
    "image", "img", "input", "keygen", "link", "meta", "param", "source", "track",
    "wbr",
}  # fmt: skip
FORMATTING_ELEMENTS = {
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike",
    "strong", "tt", "u",
}  # fmt: skip


class OpenElements:
    """The elements a browser would hold open, counted generously."""

    def __init__(self):
        self.names = []
        self.positions = {}  # name: [index in names, …]
        self.others = []  # indexes of the elements that are not formatting ones
        self.formatting_open = 0
        # Formatting elements closed by something else than their own end tag
        # right after them: the parser may re-open them in later blocks.
        self.formatting_left = 0

    def room_for(self, name):
        if len(self.names) >= MAX_OPEN_ELEMENTS:
            return False
        formatting = self.formatting_open + self.formatting_left
        return name not in FORMATTING_ELEMENTS or formatting < MAX_FORMATTING_ELEMENTS

    def open(self, name):
        index = len(self.names)
        self.names.append(name)
        self.positions.setdefault(name, []).append(index)
        if name in FORMATTING_ELEMENTS:
            self.formatting_open += 1
        else:
            self.others.append(index)

    def close(self, name):
        """Close name if only formatting elements are open inside it."""
        found = self.positions.get(name)
        if not found:
            return
        target = found[-1]
        if self.others and self.others[-1] > target:
            return
        cleanly = target == len(self.names) - 1
        while len(self.names) > target:
            popped = self.names.pop()
            self.positions[popped].pop()
            if popped in FORMATTING_ELEMENTS:
                self.formatting_open -= 1
                self.formatting_left += not cleanly
            else:
                self.others.pop()


def bound_nesting(html):
    """Return html with the start tags past the limits turned into text."""
    elements = OpenElements()
    pieces, copied = [], 0
    for match in TAG.finditer(html):
        name = match[2].lower()
        if name in NOT_OPENED or name in VOID_ELEMENTS:
            continue
        if match[1]:
            elements.close(name)
        elif elements.room_for(name):
            elements.open(name)
        else:
            pieces += [html[copied : match.start()], "&lt;"]
            copied = match.start() + 1
    return "".join(pieces) + html[copied:] if pieces else html
