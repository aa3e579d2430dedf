from django.core.management.base import BaseCommand

from series.renditions import make_missing_renditions


class Command(BaseCommand):
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

    def handle(self, dry_run, **options):
        made = make_missing_renditions(dry_run=dry_run)
        verb = "would be made" if dry_run else "made"
        for name, renditions in made.items():
            self.stdout.write(f"{name}: {len(renditions)} {verb}")
        count = sum(len(renditions) for renditions in made.values())
        self.stdout.write(
            self.style.SUCCESS(f"{count} rendition(s) {verb} for {len(made)} image(s).")
        )
