from django.core.management.base import CommandError

from blogcraft.progress import ReportingCommand
from posts.feed_import import FeedError, import_feed


class Command(ReportingCommand):
    help = (
        "Import the items of an RSS 2.0 or Atom feed as posts. Items already imported "
        "(same guid) are left alone; unusable items are reported and skipped. Full "
        "HTML content becomes Markdown, code blocks keeping their language."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A feed file's path or an http(s) URL.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be imported without saving anything.",
        )
        parser.add_argument(
            "--as-draft",
            action="store_true",
            help="Import every item as a draft, keeping its date, to be read over "
            "and published from the admin.",
        )

    def handle(self, source, dry_run, as_draft, verbosity, **options):
        try:
            with self.reporting(verbosity, unit="item", action="Importing") as report:
                import_feed(source, dry_run=dry_run, as_draft=as_draft, report=report)
        except FeedError as error:
            raise CommandError(str(error)) from error
