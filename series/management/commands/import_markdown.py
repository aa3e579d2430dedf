from django.core.management.base import BaseCommand, CommandError

from series.portability import import_markdown


class Command(BaseCommand):
    help = (
        "Import the Markdown files of a folder as posts: an export_markdown folder, "
        "or an Astro or Hugo content folder. Each file is imported whole or not at "
        "all; posts whose slug exists are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The folder to read.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check every file and report what would be imported; save nothing.",
        )

    def handle(self, directory, dry_run, **options):
        try:
            report = import_markdown(directory, dry_run=dry_run)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        for result in report.results:
            style = self.style.WARNING if result.is_warning() else str
            self.stdout.write(style(str(result)))
        self.stdout.write(self.style.SUCCESS(report.summary()))
