"""Two tabs on one post, and a restore from the history, in Chromium."""

import pytest

from posts.models import Post
from posts.revisions import versions_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def open_as_editor(pages, live_server, editor, path):
    page = pages.open()
    page.goto(f"{live_server.url}/admin/login/?next={path}")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{path}")
    return page


@pytest.fixture
def post(make_post):
    return make_post(
        title="Open twice",
        description="The first description.",
        body="## Start\n\nThe first body.",
        tags=["Python"],
    )


def test_the_second_tab_is_refused_and_keeps_its_text(live_server, editor, pages, post):
    path = f"/admin/posts/post/{post.pk}/change/"
    tab_a = open_as_editor(pages, live_server, editor, path)
    tab_b = open_as_editor(pages, live_server, editor, path)

    tab_a.fill("#id_description", "A's better description.")
    tab_a.click("input[name=_save]")
    tab_a.wait_for_url("**/admin/posts/post/")

    tab_b.fill("#id_body", "## Start\n\nB's new body.")
    tab_b.click("input[name=_save]")
    tab_b.locator(".errorlist.nonfield").wait_for()
    assert "This post was changed by edith" in tab_b.inner_text(".errorlist.nonfield")
    conflict = tab_b.locator("section.revision-conflict")
    assert "A's better description." in conflict.inner_text()
    assert tab_b.input_value("#id_body") == "## Start\n\nB's new body."
    assert tab_b.input_value("#id_description") == "The first description."

    # B takes A's description and saves again: both changes are kept.
    tab_b.fill("#id_description", "A's better description.")
    tab_b.click("input[name=_save]")
    tab_b.wait_for_url("**/admin/posts/post/")
    post.refresh_from_db()
    assert post.description == "A's better description."
    assert post.body.replace("\r\n", "\n") == "## Start\n\nB's new body."
    assert tab_a.console_errors == [] and tab_b.console_errors == []


def test_restore_a_revision_from_the_history(live_server, editor, pages, post):
    path = f"/admin/posts/post/{post.pk}/change/"
    page = open_as_editor(pages, live_server, editor, path)
    page.fill("#id_title", "A worse title")
    page.fill("#id_body", "Overwritten.")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/posts/post/")
    revisions = versions_of(Post, post.pk).count()

    page.goto(f"{live_server.url}{path}")
    page.get_by_role("link", name="History").click()
    rows = page.locator("table.revision-history tbody tr")
    assert rows.count() == revisions
    # The newest and the one before are picked: compare them, then restore the
    # one before the edit.
    page.get_by_role("button", name="Compare the selected revisions").click()
    assert "The first body." in page.inner_text("table.revision-lines")
    page.go_back()
    rows.nth(1).get_by_role("link", name="Restore").click()
    page.locator(".revision-restore-note").wait_for()
    assert page.input_value("#id_title") == "Open twice"
    assert page.input_value("#id_body") == "## Start\n\nThe first body."
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/posts/post/")

    post.refresh_from_db()
    assert post.title == "Open twice"
    assert post.body.replace("\r\n", "\n") == "## Start\n\nThe first body."
    assert list(post.tags.names()) == ["Python"]
    newest = versions_of(Post, post.pk).select_related("revision").first()
    assert versions_of(Post, post.pk).count() == revisions + 1
    assert newest.revision.comment.startswith("Restored the revision of ")
    assert page.console_errors == []
