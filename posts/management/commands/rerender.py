from django.core.management.base import BaseCommand

from posts.rerendering import rerender_posts


class Command(BaseCommand):
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

    def handle(self, dry_run, **options):
        changed = rerender_posts(dry_run=dry_run)
        for slug in changed:
            self.stdout.write(f"{'would change' if dry_run else 'changed'}  {slug}")
        verb = "would change" if dry_run else "changed"
        self.stdout.write(self.style.SUCCESS(f"{len(changed)} post(s) {verb}."))
