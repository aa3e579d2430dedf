"""Rendered bodies in real Chromium: hostile input stays inert, components work."""

from pathlib import Path

import pytest
from django.conf import settings

from posts.rendering import render_markdown

from .test_rendering_security import PAYLOADS

pytestmark = pytest.mark.browser
ORIGIN = "https://blogcraft.test"
TYPES = {".css": "text/css", ".js": "text/javascript", ".woff2": "font/woff2"}


def serve(page, body_html, *, scripts=("js/code.js", "js/tabs.js")):
    """Load body_html as a post page; static files come from the source tree."""
    static = Path(settings.BASE_DIR) / "static"
    document = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
        '<link rel="stylesheet" href="/static/css/prose.css">'
        '<link rel="stylesheet" href="/static/css/code.css">'
        + "".join(f'<script defer src="/static/{s}"></script>' for s in scripts)
        + f'</head><body><main class="prose">{body_html}</main></body></html>'
    )

    def handle(route):
        path = route.request.url.removeprefix(ORIGIN)
        if path.startswith("/static/") and (static / path[8:]).is_file():
            file = static / path[8:]
            content_type = TYPES.get(file.suffix, "application/octet-stream")
            return route.fulfill(body=file.read_bytes(), content_type=content_type)
        if path == "/post/":
            return route.fulfill(body=document, content_type="text/html")
        # Anything the hostile body asks for gets an empty answer, never the network.
        return route.fulfill(body=b"", content_type="application/octet-stream")

    page.route("**/*", handle)
    page.goto(f"{ORIGIN}/post/")
    page.wait_for_load_state("load")


def test_hostile_bodies_fire_no_dialog_and_log_no_error(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    body = "\n\n".join(render_markdown(payload).html for payload in PAYLOADS)
    serve(page, body)
    page.mouse.move(10, 10)
    page.mouse.move(400, 300)
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.console_errors == []
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0


TABS = """
:::tabs
::tab[npm]
First group: npm.
::tab[pnpm]
First group: pnpm.
:::

:::tabs
::tab[npm]
Second group: npm.
::tab[pnpm]
Second group: pnpm.
:::
"""


def visible_panels(page):
    return page.locator(".tab-panel:visible").all_inner_texts()


def test_tabs_work_without_javascript_and_by_keyboard(page):
    serve(page, render_markdown(TABS).html, scripts=())
    assert visible_panels(page) == ["First group: npm.", "Second group: npm."]
    page.click("label[for=bc-tabs-1-1]")
    assert visible_panels(page) == ["First group: pnpm.", "Second group: npm."]
    page.focus("#bc-tabs-2-0")
    page.keyboard.press("ArrowRight")
    assert visible_panels(page) == ["First group: pnpm.", "Second group: pnpm."]
    assert page.console_errors == []


def test_tabs_with_the_same_label_stay_in_sync_with_javascript(page):
    serve(page, render_markdown(TABS).html)
    page.click("label[for=bc-tabs-2-1]")
    assert visible_panels(page) == ["First group: pnpm.", "Second group: pnpm."]
    page.reload()
    assert visible_panels(page) == ["First group: pnpm.", "Second group: pnpm."]


def test_copy_button_copies_the_code_without_deleted_lines(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=ORIGIN)
    html = render_markdown(
        "```js showLineNumbers del={2} ins={3}\nconst a = 1;\nconst b = 2;\n"
        "const c = 3;\n```\n"
    ).html
    serve(page, html)
    page.click("button.code-copy")
    page.locator("button.code-copy", has_text="Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "const a = 1;\nconst c = 3;"
    # Line numbers and markers are drawn by CSS, not present as text.
    assert page.inner_text("pre code").splitlines()[0] == "const a = 1;"
