"""Draw the Mermaid diagrams of docs/ as SVG files beside their pages.

manage.py draw_doc_diagrams
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from tooling.doc_diagrams import draw_docs


class Command(BaseCommand):
    help = (
        "Draw each Mermaid block of docs/ marked `<!-- diagram: NAME.svg -->` with "
        "the site's own pipeline, as docs/NAME.svg, unless it is up to date."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--docs",
            type=Path,
            default=Path(settings.BASE_DIR) / "docs",
            help="The folder of pages (default: docs/).",
        )

    def handle(self, docs, **options):
        for line in draw_docs(docs):
            self.stdout.write(line)
