"""The archive's index and year pages in real Chromium: both themes, axe-core."""

from datetime import datetime

import pytest
from django.utils import timezone

from .browser import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def two_years(make_post, settings):
    for month in range(1, 13):
        make_post(
            title=f"A rather long title for the post of month {month}, to wrap",
            published_at=timezone.make_aware(datetime(2025, month, 3)),
        )
    make_post(title="Newest", published_at=timezone.make_aware(datetime(2026, 1, 2)))


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_archive_pages_are_accessible_on_phones_and_desktops(
    live_server, two_years, pages, color_scheme
):
    for width in (375, 1280):
        page = pages.open(width=width, color_scheme=color_scheme)
        for path in ["/archive/", "/archive/2025/", "/archive/2026/"]:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            assert page.locator("h1").count() == 1, path
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways at {width}px"
            assert axe_violations(page) == [], f"{path} at {width}px, {color_scheme}"
        # From the index to a year and on to the next year, by keyboard-reachable links.
        page.goto(live_server.url + "/archive/")
        page.get_by_role("link", name="2025").click()
        assert page.locator("h1").inner_text() == "Archive: 2025"
        page.get_by_role("navigation", name="Years").get_by_role("link").click()
        assert page.locator("h1").inner_text() == "Archive: 2026"
        assert page.console_errors == []
        page.context.close()
