from django.core.management.base import BaseCommand

from posts.revision_retention import KEEP_ALL_DAYS, prune_revisions


class Command(BaseCommand):
    help = (
        f"Thin out old revisions of posts and series: keep every revision of the "
        f"last {KEEP_ALL_DAYS} days and the newest of each older day. Saves do this "
        "for the object they save; this does it for all."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the revisions that would be removed; remove nothing.",
        )

    def handle(self, dry_run, **options):
        count = prune_revisions(dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(self.style.SUCCESS(f"{verb} {count} old revision(s)."))
