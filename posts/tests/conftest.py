"""Fixtures for the posts app's tests: headless Chromium pages."""

import pytest
from django.db import connections

from .browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, Pages, require


@pytest.fixture
def pages(request, monkeypatch):
    """Chromium pages; a failing test leaves a screenshot in test-artifacts/."""
    require(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # test makes between browser steps are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        opened = Pages(browser)
        yield opened
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed and opened.last is not None:
            ARTIFACTS.mkdir(exist_ok=True)
            path = ARTIFACTS / f"{request.node.name}.png"
            opened.last.screenshot(path=path, full_page=True)
        browser.close()
        # ORM calls made while Playwright's loop runs get connections of their own
        # context; close them here, or PostgreSQL cannot drop the test database.
        connections.close_all()


@pytest.fixture
def page(pages):
    """One desktop-sized page in the light scheme."""
    return pages.open()
