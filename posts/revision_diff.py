"""What changed between two revisions: fields before and after, text line by line.

Pure functions on plain values, so that the history's comparison and the form that
refuses a stale save show the same thing, and tests need no database.
"""

import difflib
from dataclasses import dataclass

# Lines of unchanged text shown around each change.
CONTEXT_LINES = 3
# Matching lines is quadratic at worst: past this many line pairs (after the common
# start and end are set aside) the changed block is shown as removed, then added.
MAX_LINE_PAIRS = 1_000_000


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Line:
    """One row of a line diff; numbers are None where the line is not on that side."""

    kind: str  # "same", "removed", "added", or "gap" for skipped unchanged lines
    before_number: int | None
    after_number: int | None
    text: str

    @property
    def marker(self):
        return {"removed": "−", "added": "+"}.get(self.kind, "")


def changed_fields(before, after):
    """Return a FieldChange for each label whose value differs, in after's order."""
    labels = [*after, *(label for label in before if label not in after)]
    return [
        FieldChange(label, before.get(label, ""), after.get(label, ""))
        for label in labels
        if before.get(label, "") != after.get(label, "")
    ]


def line_diff(before, after, context=CONTEXT_LINES):
    """Return the Lines that show how text before became after (empty if equal)."""
    old, new = before.splitlines(), after.splitlines()
    if old == new:
        return []
    lines = []
    last_old = 0
    for group in grouped_opcodes(old, new, context):
        first_old = group[0][1]
        if first_old > last_old:
            lines.append(Line("gap", None, None, skipped(first_old - last_old)))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [
                    Line("same", i + 1, j + 1, old[i])
                    for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                ]
                continue
            lines += [Line("removed", i + 1, None, old[i]) for i in range(i1, i2)]
            lines += [Line("added", None, j + 1, new[j]) for j in range(j1, j2)]
        last_old = group[-1][2]
    if last_old < len(old):
        lines.append(Line("gap", None, None, skipped(len(old) - last_old)))
    return lines


def skipped(count):
    return f"{count} unchanged line{'s' if count != 1 else ''}"


def grouped_opcodes(old, new, context):
    """Like SequenceMatcher.get_grouped_opcodes, in time that stays near linear.

    The common start and end are matched directly; only what lies between them goes
    to difflib, and only while it is small enough to match quickly.
    """
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while (
        end < min(len(old), len(new)) - start
        and old[len(old) - 1 - end] == new[len(new) - 1 - end]
    ):
        end += 1
    old_middle, new_middle = old[start : len(old) - end], new[start : len(new) - end]
    if len(old_middle) * len(new_middle) <= MAX_LINE_PAIRS:
        middle = difflib.SequenceMatcher(
            None, old_middle, new_middle, autojunk=False
        ).get_opcodes()
    else:
        middle = [("replace", 0, len(old_middle), 0, len(new_middle))]
    opcodes = [("equal", 0, start, 0, start)] if start else []
    opcodes += [
        (tag, i1 + start, i2 + start, j1 + start, j2 + start)
        for tag, i1, i2, j1, j2 in middle
    ]
    if end:
        opcodes.append(("equal", len(old) - end, len(old), len(new) - end, len(new)))
    return group_with_context(opcodes, context)


def group_with_context(opcodes, context):
    """Split opcodes into hunks with at most context equal lines around changes."""
    groups, group = [], []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        first, last = index == 0, index == len(opcodes) - 1
        if tag != "equal" or (not first and not last and i2 - i1 <= 2 * context):
            group.append((tag, i1, i2, j1, j2))
            continue
        if not first:  # the context after the hunk before
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            groups.append(group)
            group = []
        if not last:  # the context before the next hunk
            group.append((tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2))
    if group:
        groups.append(group)
    return [trimmed for trimmed in map(drop_empty, groups) if trimmed]


def drop_empty(group):
    return [op for op in group if op[1] != op[2] or op[3] != op[4]]
