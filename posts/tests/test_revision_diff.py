import random
import string
import time

import pytest

from posts.revision_diff import FieldChange, changed_fields, line_diff


def numbered(count):
    return "\n".join(f"line {number}" for number in range(1, count + 1))


def kinds(lines):
    return [(line.kind, line.before_number, line.after_number) for line in lines]


def test_equal_texts_have_no_lines():
    assert line_diff("same\ntext", "same\ntext") == []


def test_a_changed_line_is_removed_then_added_with_its_context():
    before = numbered(20)
    after = before.replace("line 10\n", "line ten\n")
    lines = line_diff(before, after)
    assert kinds(lines) == [
        ("gap", None, None),
        ("same", 7, 7),
        ("same", 8, 8),
        ("same", 9, 9),
        ("removed", 10, None),
        ("added", None, 10),
        ("same", 11, 11),
        ("same", 12, 12),
        ("same", 13, 13),
        ("gap", None, None),
    ]
    assert lines[0].text == "6 unchanged lines"
    assert (lines[4].marker, lines[4].text) == ("−", "line 10")
    assert (lines[5].marker, lines[5].text) == ("+", "line ten")
    assert lines[-1].text == "7 unchanged lines"


def test_changes_close_together_share_their_context():
    before = numbered(12)
    after = before.replace("line 3\n", "").replace("line 8\n", "line eight\n")
    lines = line_diff(before, after)
    assert [line.kind for line in lines].count("gap") == 1  # only the end is skipped
    assert ("removed", 3, None) in kinds(lines)
    assert ("removed", 8, None) in kinds(lines)
    assert ("added", None, 7) in kinds(lines)


def test_text_added_to_an_empty_body():
    assert kinds(line_diff("", "one\ntwo")) == [
        ("added", None, 1),
        ("added", None, 2),
    ]


def test_lines_keep_markup_as_text():
    # Escaping is the template's job: the diff returns the text as written.
    lines = line_diff("<b>old</b>", "<script>alert(1)</script>")
    assert [line.text for line in lines] == ["<b>old</b>", "<script>alert(1)</script>"]


def test_changed_fields_lists_differences_in_order():
    before = {"Title": "Old", "Slug": "same", "Tags": "a, b"}
    after = {"Title": "New", "Slug": "same", "Tags": "a"}
    assert changed_fields(before, after) == [
        FieldChange("Title", "Old", "New"),
        FieldChange("Tags", "a, b", "a"),
    ]


def test_fields_missing_on_one_side_count_as_empty():
    assert changed_fields({}, {"Title": "New", "Note": ""}) == [
        FieldChange("Title", "", "New")
    ]


def random_lines(size, seed):
    generator = random.Random(seed)
    lines, total = [], 0
    while total < size:
        line = "".join(generator.choices(string.ascii_letters + " ", k=60))
        lines.append(line)
        total += len(line) + 1
    return lines


@pytest.mark.parametrize("size", [50_000, 200_000])
def test_cost_stays_near_linear_for_long_bodies(size):
    # Every other line kept and new ones appended: the hardest case for difflib,
    # which takes seconds on 200 KB when it gets the whole of both texts.
    old = random_lines(size, 1)
    new = old[::2] + random_lines(size // 2, 2)
    started = time.perf_counter()
    lines = line_diff("\n".join(old), "\n".join(new))
    assert time.perf_counter() - started < 1.0
    assert {line.kind for line in lines} >= {"removed", "added"}


def test_an_edit_in_a_long_body_is_matched_line_by_line():
    old = random_lines(200_000, 3)
    new = [*old[:100], "an inserted line", *old[100:]]
    started = time.perf_counter()
    lines = line_diff("\n".join(old), "\n".join(new))
    assert time.perf_counter() - started < 0.5
    changed = [line.text for line in lines if line.kind in {"added", "removed"}]
    assert changed == ["an inserted line"]
