"""Read what a long command wrote: its lines, the totals without the time taken."""

import re

TIME_TAKEN = re.compile(r" in \d+\.\d s$")


def report_lines(output):
    """Return output's lines, the last (the totals) without its " in 0.1 s"."""
    *lines, totals = output.splitlines()
    assert TIME_TAKEN.search(totals), f"no time taken on the totals: {totals!r}"
    return [*lines, TIME_TAKEN.sub("", totals)]
