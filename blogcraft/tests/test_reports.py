"""The per-item report of imports and exports: one line each, whatever it names."""

from blogcraft.reports import Line, Report


def test_a_line_is_one_line_of_utf_8_whatever_it_quotes():
    line = Line(
        "skipped",
        "odd\udcff\nname.md",  # a file name that is not UTF-8, with a line break
        "The front matter is not valid YAML: while parsing\n  in line 2\x1b[31m",
    )
    text = str(line)
    assert text == (
        "     skipped  odd? name.md: The front matter is not valid YAML: while "
        "parsing in line 2 [31m"
    )
    text.encode("utf-8")


def test_refused_items_are_counted_and_flagged():
    report = Report()
    report.add("created", "a.md")
    report.add("refused", "b.md", "Rendering took longer than 5 seconds.")
    report.add("skipped", "c.md", "title is missing.")
    assert report.summary() == "1 created, 1 skipped, 1 refused"
    assert [line.is_warning() for line in report.results] == [False, True, True]
