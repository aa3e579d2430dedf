from blogcraft.progress import ReportingCommand
from demo.loader import load_demo


class Command(ReportingCommand):
    help = (
        "Load the demo blog: the seed feed's 62 posts in their six series. Safe to "
        "run again: what exists is left as it is."
    )

    def handle(self, verbosity, **options):
        with self.reporting(verbosity, unit="post", action="Loading") as report:
            load_demo(report=report)
