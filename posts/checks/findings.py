"""What a check found: a short name, where, what is wrong and how to fix it."""

from dataclasses import asdict, dataclass

# A hostile or careless body can break one rule thousands of times; the editor needs
# the first few and a count, not a list longer than the post.
MAX_PER_CHECK = 20


@dataclass(frozen=True)
class Finding:
    check: str  # a short name, e.g. "heading-order"
    message: str
    fix: str
    line: int | None = None  # in the body, counted from 1; None for other fields
    field: str = "body"


def as_stored(findings):
    """Return findings as JSON-ready dicts, at most MAX_PER_CHECK of each check."""
    stored, counts = [], {}
    for finding in findings:
        counts[finding.check] = counts.get(finding.check, 0) + 1
        if counts[finding.check] <= MAX_PER_CHECK:
            stored.append(asdict(finding))
    for check, count in counts.items():
        if count > MAX_PER_CHECK:
            stored.append(
                asdict(
                    Finding(
                        check,
                        f"{count - MAX_PER_CHECK} more like the above.",
                        "Fix the ones listed and check again.",
                    )
                )
            )
    return stored
