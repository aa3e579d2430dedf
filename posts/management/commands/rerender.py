from blogcraft.progress import ReportingCommand
from posts.rerendering import rerender_posts


class Command(ReportingCommand):
    help = (
        "Render every post's Markdown again and store the result, e.g. after an "
        "upgrade of the rendering pipeline or of Mermaid."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the posts whose stored HTML would change; save nothing.",
        )

    def handle(self, dry_run, verbosity, **options):
        with self.reporting(verbosity, unit="post", action="Rendering") as report:
            rerender_posts(dry_run=dry_run, report=report)
