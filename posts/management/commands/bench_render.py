"""Print how long the rendering pipeline takes on typical and hostile bodies."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from posts.rendering import render_markdown

PARAGRAPH = (
    "Rendering once on save keeps pages fast, because readers only ever receive "
    "stored HTML that was cleaned, highlighted and measured when the author saved. "
)
FENCE = '```python title="app.py" {2}\ndef total(items):\n    return sum(items)\n```\n'


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


def nested_list(depth=250):
    return "\n".join("  " * level + "- item" for level in range(depth))


def cases():
    showcase = Path(settings.BASE_DIR) / "series" / "demo" / "hello-world.md"
    return [
        ("showcase (diagram, math: first render)", showcase.read_text(), None),
        ("showcase (cached diagram and math)", showcase.read_text(), None),
        ("2,000 words, 10 fences", generated_post(), 0.05),
        ("8 KB of [", "[" * 8192, 1.0),
        ("250-deep nested list", nested_list(), 1.0),
    ]


class Command(BaseCommand):
    help = "Time render_markdown() on the showcase, a long post and hostile inputs."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, repeat, **options):
        for name, source, target in cases():
            timings = []
            for _ in range(1 if "first render" in name else repeat):
                start = time.perf_counter()
                render_markdown(source)
                timings.append(time.perf_counter() - start)
            best = min(timings) * 1000
            verdict = ""
            if target is not None:
                verdict = " ok" if best <= target * 1000 else " OVER TARGET"
                verdict += f" (target {target * 1000:.0f} ms)"
            self.stdout.write(f"{name:42} {best:9.1f} ms{verdict}")
