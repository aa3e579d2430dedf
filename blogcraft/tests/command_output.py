"""Read what a long command wrote: its lines, the totals without the time taken."""

import re

# As blogcraft.progress.duration writes it: "0.1 s", "3 min 5 s", "1 h 2 min".
TIME_TAKEN = re.compile(r" in (\d+\.\d s|\d+ min \d+ s|\d+ h \d+ min)$")


def report_lines(output):
    """Return output's lines, the last (the totals) without its " in 0.1 s"."""
    *lines, totals = output.splitlines()
    assert TIME_TAKEN.search(totals), f"no time taken on the totals: {totals!r}"
    return [*lines, TIME_TAKEN.sub("", totals)]
