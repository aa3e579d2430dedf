"""An editor's whole flow in a real browser: log in, write with preview, publish."""

import pytest

from posts.models import Post

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_editor_writes_previews_and_publishes(live_server, editor, page):
    page.goto(f"{live_server.url}/admin/login/?next=/admin/posts/post/add/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/posts/post/add/")

    page.locator("#id_title").press_sequentially("Written in the browser")
    assert page.input_value("#id_slug") == "written-in-the-browser"
    page.fill("#id_description", "A post written through the admin's editor.")
    page.locator("#id_body").press_sequentially(
        "## Live preview\n\nIt *works*.", delay=5
    )
    preview = page.frame_locator("iframe[name=page-preview]").locator(".prose")
    preview.locator("h2#live-preview").wait_for()
    assert preview.locator("em").inner_text() == "works"

    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/posts/post/")
    assert page.inner_text(".messagelist") == "“Written in the browser” is published."

    post = Post.objects.get(slug="written-in-the-browser")
    assert post.is_published()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Written in the browser").click()
    page.wait_for_url(f"**{post.get_absolute_url()}")
    assert page.inner_text("h1") == "Written in the browser"
    assert page.inner_text(".prose h2") == "Live preview"
    assert page.console_errors == []
