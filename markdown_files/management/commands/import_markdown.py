from django.core.management.base import CommandError

from blogcraft.progress import ReportingCommand
from markdown_files.importer import import_markdown


class Command(ReportingCommand):
    help = (
        "Import the Markdown files of a folder as posts: an export_markdown folder, "
        "or an Astro or Hugo content folder (.md and .mdx). Each file is imported "
        "whole or not at all; a post that exists is left alone unless --update."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The folder to read.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check every file and report what would be imported; save nothing.",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Apply each file to the post it matches (by the id of an export, "
            "else by slug) and say which fields changed.",
        )
        parser.add_argument(
            "--public-dir",
            help="Where images named \"/name.png\" are (Astro's public/, Hugo's "
            "static/). Without it, public/ or static/ in the folder or up to three "
            "levels above it.",
        )

    def handle(self, directory, dry_run, update, public_dir, verbosity, **options):
        try:
            with self.reporting(verbosity, unit="file", action="Importing") as report:
                import_markdown(
                    directory,
                    dry_run=dry_run,
                    update=update,
                    public_dir=public_dir,
                    report=report,
                )
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
