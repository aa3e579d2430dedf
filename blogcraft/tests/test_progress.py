"""Long commands: a line per item and totals in a log, a bar on a terminal."""

import io
import re

import feedparser
import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style
from tqdm import tqdm

from blogcraft.progress import Progress, duration
from blogcraft.reports import Report
from blogcraft.tests.command_output import report_lines
from demo.loader import SEED_FEED
from posts.models import Post
from posts.tests.test_feed_import import item, rss
from series.models import Series

pytestmark = pytest.mark.django_db

# What tqdm draws: "Importing: 100%|█████| 62/62 [00:03<00:00, 19.60item/s]" (the
# rate padded to five characters, " 9.78item/s"; "1.52s/item" when an item takes
# more than a second).
BAR = re.compile(
    r"(?P<done>\d+)/(?P<total>\d+) \[\d\d:\d\d<(?P<left>\d\d:\d\d|\?), +"
    r"(?P<rate>[\d.]+|\?)(?:item/s|s/item)\]"
)


class Terminal(io.StringIO):
    """An output that says it is a terminal, as a command's stdout on a console."""

    def isatty(self):
        return True


def screens(text):
    """Each state the terminal showed: what is on a line after each redraw."""
    return [part.strip() for part in re.split(r"[\r\n]", text) if part.strip()]


def run(name, *args, **options):
    output = io.StringIO()
    call_command(name, *args, stdout=output, **options)
    return report_lines(output.getvalue())


def line(outcome, subject, reason=""):
    text = f"{outcome:>12}  {subject}"
    return f"{text}: {reason}" if reason else text


@pytest.fixture
def slow_and_fine(tmp_path, slow_to_render):
    """A feed of two items, the first of which takes too long to render."""
    path = tmp_path / "feed.xml"
    path.write_text(
        rss(
            item("Slow", "urn:slow", description="SLOW"),
            item("Fine", "urn:fine"),
        )
    )
    return path


def seed_titles():
    """The titles of the seed feed's items, in the feed's order."""
    return [entry.title for entry in feedparser.parse(SEED_FEED.read_bytes()).entries]


def test_import_feed_writes_a_line_per_item_of_the_seed_feed_then_totals():
    titles = seed_titles()
    assert len(titles) == 62
    assert run("import_feed", str(SEED_FEED), "--dry-run") == [
        *(line("would create", title) for title in titles),
        "62 would create",
    ]


def test_the_long_commands_on_the_demo_write_a_line_per_item_then_totals(tmp_path):
    # One test for the four: loading the demo is most of the time it takes.
    assert run("load_demo") == [
        *(line("created", title) for title in seed_titles()),
        "62 created",
    ]
    assert run("load_demo") == [
        *(line("exists", title) for title in seed_titles()),
        "62 exists",
    ]

    in_order = list(Post.objects.order_by("pk").values_list("slug", flat=True))
    assert run("rerender", "--dry-run") == [
        *(line("unchanged", slug) for slug in in_order),
        "62 unchanged",
    ]

    folder = tmp_path / "export"
    slugs = sorted(in_order)

    assert run("export_markdown", str(folder)) == [
        line("exported", "series.yaml", f"{Series.objects.count()} series"),
        *(line("exported", f"posts/{slug}.md") for slug in slugs),
        "63 exported",
    ]

    series_slugs = list(Series.objects.values_list("slug", flat=True))
    assert run("import_markdown", str(folder), "--update", "--dry-run") == [
        *(line("exists", f"series.yaml {slug}") for slug in series_slugs),
        *(line("unchanged", f"posts/{slug}.md") for slug in slugs),
        f"62 unchanged, {len(series_slugs)} exists",
    ]


def test_a_failed_item_is_named_with_its_reason_and_the_rest_goes_on(slow_and_fine):
    assert run("import_feed", str(slow_and_fine)) == [
        line("refused", "Slow", "Rendering took longer than 5 seconds."),
        line("created", "Fine"),
        "1 created, 1 refused",
    ]


def test_rerender_names_a_post_that_fails_and_renders_the_others(make_post, request):
    first, slow, last = make_post(), make_post(body="SLOW"), make_post()
    request.getfixturevalue("slow_to_render")
    assert run("rerender", "--now") == [
        line("unchanged", first.slug),
        line(
            "refused", slow.slug, "RenderTimeout: Rendering took longer than 5 seconds."
        ),
        line("unchanged", last.slug),
        "2 unchanged, 1 refused",
    ]


def from_the_command_line(name, *args):
    """Run a command as manage.py does; return its exit status."""
    command = load_command_class(get_commands()[name], name)
    try:
        command.run_from_argv(["manage.py", name, *args])
    except SystemExit as stop:
        return stop.code
    return 0


# Transactional: run_from_argv closes the database connections when it is done;
# serialized_rollback leaves the next transactional tests the rows they expect.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_exit_status_says_whether_an_item_failed(slow_and_fine, tmp_path, capsys):
    assert from_the_command_line("import_feed", str(slow_and_fine)) == 1
    assert "1 created, 1 refused in " in capsys.readouterr().out

    fine = tmp_path / "fine.xml"
    fine.write_text(rss(item("Also fine", "urn:also-fine")))
    assert from_the_command_line("import_feed", str(fine)) == 0
    assert "1 created in " in capsys.readouterr().out
    # Run again, quietly: an item that exists is no failure.
    assert from_the_command_line("import_feed", str(fine), "-v0") == 0


def test_quiet_writes_only_the_failures_to_stderr(slow_and_fine):
    output, errors = io.StringIO(), io.StringIO()
    call_command(
        "import_feed", str(slow_and_fine), verbosity=0, stdout=output, stderr=errors
    )
    assert output.getvalue() == ""
    assert errors.getvalue().splitlines() == [
        line("refused", "Slow", "Rendering took longer than 5 seconds.")
    ]
    assert Post.objects.get().title == "Fine"


def test_on_a_terminal_a_bar_counts_the_items_with_rate_and_time_left():
    terminal = Terminal()
    call_command("import_feed", str(SEED_FEED), "--dry-run", stdout=terminal)
    shown = screens(terminal.getvalue())
    bars = [BAR.search(screen) for screen in shown]
    drawn = [(bar["done"], bar["total"]) for bar in bars if bar]
    assert drawn[0] == ("0", "62")
    assert drawn[-1] == ("62", "62")
    last = next(bar for bar in reversed(bars) if bar)
    assert last["left"] == "00:00" and last["rate"] != "?"
    assert shown[-2].startswith("Importing: 100%")
    # No line per item on a terminal: the bar, then the totals.
    assert not any(screen.startswith("would create") for screen in shown)
    assert report_lines(shown[-1]) == ["62 would create"]


@pytest.mark.parametrize("seconds", [0.01, 0.5, 5, 50])
def test_the_bar_pattern_reads_tqdm_at_any_rate(seconds):
    drawn = tqdm.format_meter(2, 2, seconds, unit="item")
    assert BAR.search(drawn)["done"] == "2"


def test_on_a_terminal_failures_are_written_above_the_bar(slow_and_fine):
    terminal = Terminal()
    call_command("import_feed", str(slow_and_fine), stdout=terminal)
    shown = screens(terminal.getvalue())
    refused = line("refused", "Slow", "Rendering took longer than 5 seconds.")
    assert refused.strip() in shown
    assert line("created", "Fine").strip() not in shown
    assert BAR.search(shown[-2])["done"] == "2"
    assert shown[-1].startswith("1 created, 1 refused in ")


def test_with_more_verbosity_a_terminal_shows_every_line_above_the_bar():
    terminal = Terminal()
    call_command("import_feed", str(SEED_FEED), "--dry-run", "-v2", stdout=terminal)
    shown = screens(terminal.getvalue())
    titles = feedparser.parse(SEED_FEED.read_bytes()).entries
    written = [screen for screen in shown if screen.startswith("would create  ")]
    assert len(written) == len(titles) == 62


def test_a_report_without_a_watcher_counts_alone():
    report = Report()
    report.expect(1)
    report.add("created", "a.md")
    assert (report.expected, report.summary(), report.failed()) == (1, "1 created", 0)


def test_progress_in_a_log_writes_each_line_as_it_is_added():
    output = io.StringIO()
    progress = Progress(OutputWrapper(output), None, no_style(), unit="file")
    report = Report(watcher=progress)
    report.expect(2)
    report.add("created", "a.md")
    assert output.getvalue() == line("created", "a.md") + "\n"
    report.add("skipped", "b.md", "title is missing.")
    progress.finish(report)
    assert report_lines(output.getvalue()) == [
        line("created", "a.md"),
        line("skipped", "b.md", "title is missing."),
        "1 created, 1 skipped",
    ]


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0.04, "0.0 s"),
        (4.25, "4.2 s"),
        (59.9, "59.9 s"),
        (185, "3 min 5 s"),
        (3725, "1 h 2 min"),
    ],
)
def test_the_time_taken_reads_at_a_glance(seconds, shown):
    assert duration(seconds) == shown
    assert report_lines(f"1 created in {shown}") == ["1 created"]
