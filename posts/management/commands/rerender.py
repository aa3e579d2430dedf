from django.tasks import TaskResultStatus

from blogcraft.progress import ReportingCommand
from posts.rerendering import rerender_all_posts, rerender_posts


class Command(ReportingCommand):
    help = (
        "Render every post's Markdown again and store the result, e.g. after an "
        "upgrade of the rendering pipeline or of Mermaid. The task worker does it "
        "(`manage.py db_worker`) unless --now is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the posts whose stored HTML would change; save nothing.",
        )
        parser.add_argument(
            "--now",
            action="store_true",
            help="Render here and now, listing the posts that changed, rather than "
            "queue the work for the worker.",
        )

    def handle(self, dry_run, now, verbosity, **options):
        if not (dry_run or now):
            return self.queue()
        with self.reporting(verbosity, unit="post", action="Rendering") as report:
            rerender_posts(dry_run=dry_run, report=report)

    def queue(self):
        result = rerender_all_posts.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            # An immediate task backend has done it already.
            changed = result.return_value
            self.stdout.write(self.style.SUCCESS(f"{len(changed)} post(s) changed."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Queued: the task worker renders every post again (task "
                    f"{result.id}); diagrams new to this version of Mermaid follow."
                )
            )
