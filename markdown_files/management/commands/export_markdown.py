from django.core.management.base import BaseCommand

from markdown_files.exporter import export_markdown


class Command(BaseCommand):
    help = (
        "Write every post as a Markdown file with YAML front matter, with the series "
        "and the images, into a folder that import_markdown reads back."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The folder to write into.")

    def handle(self, directory, **options):
        report = export_markdown(directory)
        for result in report.results:
            style = self.style.WARNING if result.reason.startswith("images") else str
            self.stdout.write(style(str(result)))
        self.stdout.write(self.style.SUCCESS(report.summary()))
