from blogcraft.progress import ReportingCommand
from markdown_files.exporter import export_markdown


class Command(ReportingCommand):
    help = (
        "Write every post as a Markdown file with YAML front matter, with the series "
        "and the images, into a folder that import_markdown reads back."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The folder to write into.")

    def handle(self, directory, verbosity, **options):
        with self.reporting(verbosity, unit="file", action="Exporting") as report:
            export_markdown(directory, report=report)
