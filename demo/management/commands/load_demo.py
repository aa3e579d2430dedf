from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo blog: the seed feed's 62 posts in their six series. Safe to "
        "run again: what exists is left as it is."
    )

    def handle(self, **options):
        report = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo content: {report.summary()}."))
