"""What happened to each file of an export or import, one line each."""

from dataclasses import dataclass, field

OUTCOMES = ["exported", "created", "would create", "exists", "skipped"]


@dataclass(frozen=True)
class FileResult:
    outcome: str  # one of OUTCOMES
    path: str
    reason: str = ""

    def __str__(self):
        line = f"{self.outcome:>12}  {self.path}"
        return f"{line}: {self.reason}" if self.reason else line


@dataclass
class Report:
    results: list = field(default_factory=list)

    def add(self, outcome, path, reason=""):
        self.results.append(FileResult(outcome, str(path), reason))

    def count(self, outcome):
        return sum(result.outcome == outcome for result in self.results)

    def summary(self):
        counts = [
            f"{self.count(outcome)} {outcome}"
            for outcome in OUTCOMES
            if self.count(outcome)
        ]
        return ", ".join(counts) or "no files"
