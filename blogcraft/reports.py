"""
What happened to each item of a long command: a line each, and a summary.

The work fills a Report as it goes; a watcher (`blogcraft.progress`) is told of
every line as it is added, and of how many items are expected once that is known,
so that it can show progress before the work is done.
"""

import re
from dataclasses import dataclass, field

# In the order the summary names them. "skipped": the item cannot be imported as it
# is; "refused": importing it would cost too much or reach too far, or failed.
OUTCOMES = [
    "exported",
    "created",
    "would create",
    "updated",
    "would update",
    "changed",
    "would change",
    "made",
    "would make",
    "unchanged",
    "exists",
    "skipped",
    "refused",
]
# The outcomes an operator should look at.
WARNINGS = {"skipped", "refused"}
# The work was tried and failed: the command's exit status says so. A skipped
# item is the input's business (its line says what to fix), not a failure.
FAILURES = {"refused"}
# A line stays one line whatever a file's name or an error's message holds.
LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\s]+")


def one_line(text):
    """Return text as one line that any UTF-8 output can write."""
    # A file name that is not UTF-8 comes with surrogates, which no output encodes.
    text = text.encode("utf-8", "replace").decode("utf-8")
    return LINE_BREAKS.sub(" ", text).strip()


@dataclass(frozen=True)
class Line:
    outcome: str  # one of OUTCOMES
    subject: str  # what the line is about: a post's title, a file's path
    reason: str = ""
    guid: str = ""  # a feed item's guid, where there is one
    # Done, but not all of it: an image left out, a component removed.
    incomplete: bool = False

    def __str__(self):
        subject = one_line(self.subject or self.guid) or "(untitled)"
        line = f"{self.outcome:>12}  {subject}"
        return f"{line}: {one_line(self.reason)}" if self.reason else line

    def is_warning(self):
        return self.outcome in WARNINGS or self.incomplete


@dataclass
class Report:
    results: list = field(default_factory=list)
    # How many lines the work expects to add, as far as it knows yet.
    expected: int = 0
    # Told of each line as it is added: expected(count) and added(line).
    watcher: object = field(default=None, repr=False, compare=False)

    def expect(self, count):
        """Say that count more items are on their way."""
        self.expected += count
        if self.watcher is not None:
            self.watcher.expected(self.expected)

    def add(self, outcome, subject, reason="", guid="", incomplete=False):
        line = Line(outcome, str(subject), reason, guid, incomplete)
        self.results.append(line)
        if self.watcher is not None:
            self.watcher.added(line)
        return line

    def count(self, outcome):
        return sum(result.outcome == outcome for result in self.results)

    def failed(self):
        return sum(result.outcome in FAILURES for result in self.results)

    def summary(self):
        counts = [
            f"{self.count(outcome)} {outcome}"
            for outcome in OUTCOMES
            if self.count(outcome)
        ]
        incomplete = sum(result.incomplete for result in self.results)
        if incomplete:
            counts.append(f"{incomplete} with warnings")
        return ", ".join(counts) or "nothing to do"
