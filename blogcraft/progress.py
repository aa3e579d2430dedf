"""
How a command that works through many items shows how far along it is.

The work fills a `Report` (see `blogcraft.reports`) one line per item; this module shows
it through the command's own `stdout` and `stderr`:

- on a terminal, a bar with the counts, the rate and the time left, and above it
  the lines of the items an operator should look at (every line with `-v2`);
- anywhere else (a log, a pipe, a test), each item's line as it is done;
- then a line of totals, with the time the whole run took.

With `-v0` only the lines of items to look at are written, to `stderr`. From the
command line the exit status is 1 when any item failed (see `blogcraft.reports`).
"""

import shutil
import sys
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand
from tqdm import tqdm

from blogcraft.reports import Report


def duration(seconds):
    """Return seconds in words an operator reads at a glance: "4.2 s", "3 min 5 s"."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, seconds = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


class BarStream:
    """A command's output as tqdm needs it: written as given, without the line
    break that Django's OutputWrapper adds to each write."""

    def __init__(self, output):
        self.output = output
        # tqdm draws with block characters only where the encoding has them.
        self.encoding = getattr(output, "encoding", None)

    def write(self, text):
        self.output.write(text, ending="")

    def flush(self):
        self.output.flush()


class Progress:
    """Watch a report and show each line as it is added, or a bar on a terminal."""

    def __init__(self, stdout, stderr, style, verbosity=1, unit="item", action=""):
        self.stdout, self.stderr, self.style = stdout, stderr, style
        self.verbosity = verbosity
        self.unit, self.action = unit, action
        self.on_terminal = verbosity >= 1 and stdout.isatty()
        self.bar = None
        self.started = time.monotonic()

    def expected(self, count):
        if not self.on_terminal:
            return
        if self.bar is None:
            self.open_bar(count)
        else:
            self.bar.total = count
            self.bar.refresh()

    def added(self, line):
        text = str(line)
        if line.is_warning():
            text = self.style.WARNING(text)
        if self.on_terminal:
            bar = self.open_bar()
            if line.is_warning() or self.verbosity >= 2:
                # Written above the bar, which is drawn again below it.
                bar.write(text, file=bar.fp)
            bar.update(1)
        elif self.verbosity >= 1:
            self.stdout.write(text)
        elif line.is_warning():
            self.stderr.write(text)

    def open_bar(self, total=None):
        """Draw the bar, unless it is drawn; without a total (the work has not said
        how many items are coming) it shows a count and a rate."""
        if self.bar is None:
            self.bar = tqdm(
                total=total,
                desc=self.action or None,
                unit=self.unit,
                file=BarStream(self.stdout),
                ncols=shutil.get_terminal_size().columns,
            )
        return self.bar

    def close(self):
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def totals(self, report):
        """Return the line of totals: how many of each outcome, and the time taken."""
        return f"{report.summary()} in {duration(time.monotonic() - self.started)}"

    def finish(self, report):
        self.close()
        if self.verbosity >= 1:
            style = self.style.WARNING if report.failed() else self.style.SUCCESS
            self.stdout.write(style(self.totals(report)))


class ReportingCommand(BaseCommand):
    """A management command that works through items and reports each one."""

    failed = 0

    @contextmanager
    def reporting(self, verbosity, unit="item", action=""):
        """Give the work a report to fill; show it as it fills, then its totals.

        verbosity is the command's option; unit names an item on the bar ("post",
        "file"); action says what is done to them ("Importing").
        """
        progress = Progress(
            self.stdout, self.stderr, self.style, verbosity, unit=unit, action=action
        )
        report = Report(watcher=progress)
        try:
            yield report
        finally:
            # An error that stops the run is written below a finished bar.
            progress.close()
        progress.finish(report)
        self.failed = report.failed()

    def run_from_argv(self, argv):
        # Only from the command line: call_command's callers read the report lines.
        super().run_from_argv(argv)
        if self.failed:
            sys.exit(1)
