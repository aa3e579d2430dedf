"""The editor's home page in Chromium: their work, one click from each post."""

from datetime import timedelta

import pytest
from django.utils import timezone

from posts.models import Post
from posts.publishing import moment
from posts.tests.browser import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(pages, live_server, editor, color_scheme="light"):
    page = pages.open(color_scheme=color_scheme)
    page.goto(f"{live_server.url}/admin/login/")
    assert page.inner_text("#site-name") == "Blogcraft"
    page.fill("#id_username", editor.username)
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def test_home_page_leads_to_a_draft_and_a_scheduled_post(
    live_server, editor, pages, make_post
):
    draft = make_post(title="Half written", status=Post.Status.DRAFT)
    scheduled = make_post(
        title="Going out Friday", published_at=timezone.now() + timedelta(days=3)
    )
    page = log_in(pages, live_server, editor)
    assert page.title().startswith("Blogcraft")

    scheduled_line = page.locator("#scheduled-heading + .worklist li")
    assert scheduled_line.locator(".state-badge").inner_text() == (
        f"Scheduled {moment(scheduled.published_at)}"
    )
    scheduled_line.get_by_role("link", name="Going out Friday").click()
    page.wait_for_url(f"**/admin/posts/post/{scheduled.pk}/change/")
    assert page.input_value("#id_title") == "Going out Friday"

    page.go_back()
    drafts = page.get_by_role("region", name="Drafts")
    drafts.get_by_role("link", name="Half written").click()
    page.wait_for_url(f"**/admin/posts/post/{draft.pk}/change/")
    assert page.input_value("#id_title") == "Half written"
    assert page.console_errors == []


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_home_page_is_accessible(live_server, editor, pages, make_post, color_scheme):
    make_post(title="Half written", status=Post.Status.DRAFT)
    make_post(title="Later", published_at=timezone.now() + timedelta(days=1))
    make_post(title="Out now")
    page = log_in(pages, live_server, editor, color_scheme)
    assert axe_violations(page) == []
    assert page.console_errors == []
