"""Print how long the rendering pipeline takes on typical and hostile bodies.

Hostile bodies are rendered at 50 KB and at 200 KB: a rendering that grows with
the size of the body takes four times as long at four times the size, one that
grows with its square sixteen times.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from posts.rendering import RenderTimeout, render_markdown

from ._hostile_corpus import SHAPES, hostile_body

PARAGRAPH = (
    "Rendering once on save keeps pages fast, because readers only ever receive "
    "stored HTML that was cleaned, highlighted and measured when the author saved. "
)
FENCE = '```python title="app.py" {2}\ndef total(items):\n    return sum(items)\n```\n'
SIZES = (50_000, 200_000)
TARGET_SECONDS = 1.0
# Long enough to time any shape: the benchmark measures, it does not stop.
BENCH_DEADLINE_SECONDS = 600


def generated_post(words=2000, fences=10):
    """Return a post of about `words` words with `fences` code blocks."""
    per_paragraph = len(PARAGRAPH.split())
    paragraphs = [PARAGRAPH * 4 for _ in range(words // (per_paragraph * 4))]
    step = max(1, len(paragraphs) // fences)
    parts = []
    for index, paragraph in enumerate(paragraphs):
        if index % step == 0 and parts.count(FENCE) < fences:
            parts.append(f"## Part {index}\n")
            parts.append(FENCE)
        parts.append(paragraph)
    return "\n\n".join(parts)


def typical_cases():
    showcase = Path(settings.BASE_DIR) / "demo" / "hello-world.md"
    return [
        ("showcase (diagram, math: first render)", showcase.read_text(), 1),
        ("showcase (cached diagram and math)", showcase.read_text(), None),
        ("2,000 words, 10 fences (target 50 ms)", generated_post(), None),
    ]


def best_time(source, repeat, clock=time.perf_counter):
    """Return the fastest of `repeat` renderings of source, in seconds of clock."""
    timings = []
    for _ in range(repeat):
        start = clock()
        render_markdown(source, deadline=BENCH_DEADLINE_SECONDS)
        timings.append(clock() - start)
    return min(timings)


def time_shapes(names, repeat):
    """Return [(name, CPU seconds at each of SIZES)] for the hostile shapes.

    CPU time, not the wall clock: on a shared machine it varies less with what
    else runs, and these bodies run no subprocess once their formulas are cached.
    """
    return [
        (
            name,
            [
                best_time(hostile_body(name, size), repeat, time.process_time)
                for size in SIZES
            ],
        )
        for name in names
    ]


class Command(BaseCommand):
    help = (
        "Time render_markdown() on the showcase, a long post and hostile bodies "
        "at 50 KB and 200 KB."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=2, help="Best of N runs.")
        parser.add_argument(
            "--shape",
            action="append",
            choices=sorted(SHAPES),
            help="Time only this hostile shape (may be repeated).",
        )

    def handle(self, *args, repeat, shape, **options):
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        self.stdout.write(f"Typical bodies (best of {repeat})")
        for name, source, runs in typical_cases():
            if runs is None:
                best_time(source, 1)  # warm: the lexers and patterns load once
            seconds = best_time(source, runs or repeat)
            self.stdout.write(f"  {name:44} {seconds * 1000:9.1f} ms")
        heading = f"Hostile bodies (CPU, best of {repeat})"
        self.stdout.write(f"\n{heading:36}{'50 KB':>9}{'200 KB':>10}  growth")
        try:
            rows = time_shapes(shape or list(SHAPES), repeat)
        except RenderTimeout as error:  # only past BENCH_DEADLINE_SECONDS
            raise CommandError(str(error)) from error
        for name, (small, large) in rows:
            over = "  over 1 s" if large > TARGET_SECONDS else ""
            self.stdout.write(
                f"  {name:32} {small:7.3f} s {large:7.3f} s {large / small:6.1f}x{over}"
            )
        self.report_worst(rows)

    def report_worst(self, rows):
        slowest, (_, slowest_time) = max(rows, key=lambda row: row[1][1])
        steepest, (small, large) = max(rows, key=lambda row: row[1][1] / row[1][0])
        growth = SIZES[1] / SIZES[0]
        self.stdout.write(
            f"\nWorst time: {slowest_time:.3f} s ({slowest}, 200 KB).\n"
            f"Worst growth: {large / small:.1f}x ({steepest}) for {growth:g}x the "
            f"size ({growth:g}x is linear, {growth**2:g}x quadratic)."
        )
        if slowest_time <= TARGET_SECONDS:
            self.stdout.write(self.style.SUCCESS("Every shape renders within 1 s."))
        else:
            over = sum(1 for _, (_, large) in rows if large > TARGET_SECONDS)
            self.stdout.write(
                self.style.WARNING(f"{over} of {len(rows)} shapes take over 1 s.")
            )
