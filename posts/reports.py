"""What happened to each item of an import or export: a line each, and a summary."""

from dataclasses import dataclass, field

# In the order the summary names them.
OUTCOMES = ["exported", "created", "would create", "exists", "skipped"]


@dataclass(frozen=True)
class Line:
    outcome: str  # one of OUTCOMES
    subject: str  # what the line is about: a post's title, a file's path
    reason: str = ""
    guid: str = ""  # a feed item's guid, where there is one

    def __str__(self):
        line = f"{self.outcome:>12}  {self.subject or self.guid or '(untitled)'}"
        return f"{line}: {self.reason}" if self.reason else line


@dataclass
class Report:
    results: list = field(default_factory=list)

    def add(self, outcome, subject, reason="", guid=""):
        line = Line(outcome, str(subject), reason, guid)
        self.results.append(line)
        return line

    def count(self, outcome):
        return sum(result.outcome == outcome for result in self.results)

    def summary(self):
        counts = [
            f"{self.count(outcome)} {outcome}"
            for outcome in OUTCOMES
            if self.count(outcome)
        ]
        return ", ".join(counts) or "nothing to do"
