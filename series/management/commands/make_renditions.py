from blogcraft.progress import ReportingCommand
from series.renditions import make_missing_renditions


class Command(ReportingCommand):
    help = (
        "Make the renditions (smaller copies in WebP and the original format) that "
        "hero images and covers stored before they were made on save lack. Images "
        "in bodies get theirs from rerender."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the renditions that would be made; make none.",
        )

    def handle(self, dry_run, verbosity, **options):
        with self.reporting(verbosity, unit="image", action="Checking") as report:
            make_missing_renditions(dry_run=dry_run, report=report)
