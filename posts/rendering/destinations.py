"""Link destinations read a run of ordinary characters at a time.

markdown-it's helper reads a destination (``[a](here)``) one character at a time
in Python, and a run of ``[a](`` reads the same stretch again from every ``(``
until its parentheses nest past 32: hundreds of characters per link attempt.
This one jumps with a regular expression to the next character that matters (a
space, a control character, a backslash or a parenthesis) and gives the same
result.
"""

import re

from markdown_it import helpers
from markdown_it.common.utils import unescapeAll

# What ends or changes the reading of a destination that is not in <…>.
SIGNIFICANT = re.compile(r"[ \x00-\x1f\x7f()\\]")
# markdown-it gives up on a destination whose parentheses nest deeper.
MAX_PARENTHESES = 32


class Destination:
    __slots__ = ("ok", "pos", "str")

    def __init__(self, ok=False, pos=0, text=""):
        self.ok, self.pos, self.str = ok, pos, text


def parse_link_destination(string, pos, maximum):
    """Return markdown-it's parseLinkDestination(string, pos, maximum)."""
    if string.startswith("<", pos):
        return helpers.parseLinkDestination(string, pos, maximum)
    start, level = pos, 0
    while pos < maximum:
        found = SIGNIFICANT.search(string, pos, maximum)
        if found is None:
            pos = maximum
            break
        pos = found.start()
        character = string[pos]
        if character == "\\":
            if pos + 1 < maximum:
                if string[pos + 1] == " ":
                    break
                pos += 2  # the escaped character, whatever it is, is taken
            else:
                pos += 1
        elif character == "(":
            level += 1
            if level > MAX_PARENTHESES:
                return Destination()
            pos += 1
        elif character == ")":
            if level == 0:
                break
            level -= 1
            pos += 1
        else:  # a space or a control character
            break
    if start == pos or level != 0:
        return Destination()
    return Destination(True, pos, unescapeAll(string[start:pos]))
