"""Screenshot the reading pages of a running site, for docs/screenshots/.

Each page at a desktop and a phone width, in the light and the dark scheme, so that
the next change to the templates or styles can be compared at a glance:

    make screenshots          # the demo on a server of its own, then this command
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PAGES = {
    "home": "/",
    "blog": "/blog/",
    "series-list": "/series/",
    "series": "/series/from-chat-to-agent/",
    "post-with-headings": "/blog/hello-world/",
    "post-without-headings": "/blog/chat-to-agent-09-skills-playbook/",
    "tag": "/tags/ai/",
    "category": "/categories/ai/",
}
DEVICES = {"desktop": (1280, 900), "phone": (390, 844)}
SCHEMES = ["light", "dark"]


class Command(BaseCommand):
    help = "Screenshot the reading pages of a running site into docs/screenshots/."

    def add_arguments(self, parser):
        parser.add_argument("--url", required=True, help="The running site's address.")
        parser.add_argument(
            "--out",
            default=str(Path(settings.BASE_DIR) / "docs" / "screenshots"),
            help="The folder to write the PNG files to.",
        )

    def handle(self, *args, url, out, **options):
        from playwright.sync_api import Error, sync_playwright

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        base = url.rstrip("/")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=settings.BLOGCRAFT_CHROMIUM
                )
                for device, (width, height) in DEVICES.items():
                    for scheme in SCHEMES:
                        self.shoot(browser, base, out, device, width, height, scheme)
                browser.close()
        except Error as error:
            raise CommandError(
                f"Chromium could not take the screenshots: {error}"
            ) from error

    def shoot(self, browser, base, out, device, width, height, scheme):
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=scheme
        )
        page = context.new_page()
        for name, path in PAGES.items():
            response = page.goto(base + path)
            if response is None or response.status != 200:
                status = response.status if response else "no answer"
                raise CommandError(f"{path} answered {status}: is the demo loaded?")
            target = out / f"{name}-{device}-{scheme}.png"
            page.screenshot(path=target)
            self.stdout.write(f"{target.name}")
        context.close()
