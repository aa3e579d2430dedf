"""Nothing typed is lost, in Chromium: the guard before leaving, and the kept copy."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from posts.admin import PostAdmin
from posts.models import Post

from .browser import axe_violations, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

KEPT = "blogcraft-unsaved:"
NOTICE = ".unsaved-copy"


def change_url(post):
    return reverse("admin:posts_post_change", args=[post.pk])


def type_in_body(page, text):
    body = page.locator("#id_body")
    body.focus()
    body.press("Control+End")
    body.press_sequentially(text, delay=5)


def kept_copy(page, path):
    return page.evaluate(
        "(key) => JSON.parse(localStorage.getItem(key))", f"{KEPT}{path}"
    )


def wait_until_kept(page, path, text):
    page.wait_for_function(
        "([key, text]) => (localStorage.getItem(key) || '').includes(text)",
        arg=[f"{KEPT}{path}", text],
    )


def record_dialogs(page):
    """Answer every dialog "stay", and list their types."""
    seen = []

    def stay(dialog):
        seen.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    return seen


def test_leaving_a_changed_form_asks_and_saving_does_not(
    live_server, editor, make_post, page
):
    post = make_post(title="Guarded", body="Stored words.")
    log_in(page, live_server.url, editor, change_url(post))
    dialogs = record_dialogs(page)
    sidebar_posts = page.locator("#nav-sidebar a[href='/admin/posts/post/']")

    # Unchanged, the form is left without a question.
    sidebar_posts.click()
    page.wait_for_url("**/admin/posts/post/")
    assert dialogs == []
    page.go_back()
    page.wait_for_url(f"**{change_url(post)}")

    type_in_body(page, "\n\nNew words, not saved.")
    sidebar_posts.click(no_wait_after=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith(change_url(post))
    assert "New words, not saved." in page.input_value("#id_body")

    page.click("input[name=_save]")
    page.wait_for_url("**/admin/posts/post/")
    assert dialogs == ["beforeunload"]
    assert page.locator(".messagelist .success").count() == 1
    assert "New words, not saved." in Post.objects.get(pk=post.pk).body
    assert page.console_errors == []


def test_closed_tab_text_is_offered_back_until_saved(
    live_server, editor, make_post, pages, page
):
    post = make_post(title="Kept", body="Stored words.")
    path = change_url(post)
    log_in(page, live_server.url, editor, path)
    type_in_body(page, "\n\nTyped before the tab closed.")
    wait_until_kept(page, path, "Typed before the tab closed.")
    context = page.context
    page.close()

    page = pages.watch(context.new_page())
    page.goto(live_server.url + path)
    notice = page.locator(NOTICE)
    notice.get_by_role("button", name="Restore them").wait_for()
    assert notice.get_attribute("role") == "status"
    assert notice.inner_text().startswith("Unsaved changes from ")
    assert "were kept in this browser." in notice.inner_text()
    assert "Typed before" not in page.input_value("#id_body")

    notice.get_by_role("button", name="Restore them").click()
    assert "Typed before the tab closed." in page.input_value("#id_body")
    # Restored as if typed: markdownx's preview and the page preview follow.
    preview = page.frame_locator("iframe[name=page-preview]")
    preview.locator(".prose", has_text="Typed before the tab closed.").wait_for()

    page.click("input[name=_save]")
    page.wait_for_url("**/admin/posts/post/")
    assert kept_copy(page, path) is None
    page.goto(live_server.url + path)
    page.frame_locator("iframe[name=page-preview]").locator(".prose").wait_for()
    assert page.locator(NOTICE).count() == 0
    assert "Typed before the tab closed." in Post.objects.get(pk=post.pk).body
    assert page.console_errors == []


def test_text_survives_an_expired_session(live_server, editor, make_post, page):
    post = make_post(title="Expiring", body="Stored words.")
    path = change_url(post)
    log_in(page, live_server.url, editor, path)
    page.fill("#id_title", "A title typed while the session ran out")
    type_in_body(page, "\n\nWords typed while the session ran out.")
    Session.objects.all().delete()

    page.click("input[name=_save]")
    page.wait_for_url("**/admin/login/**")
    assert kept_copy(page, path)["submitted"] is True
    page.fill("#id_username", editor.username)
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{path}")

    page.locator(NOTICE).get_by_role("button", name="Restore them").click()
    assert page.input_value("#id_title") == "A title typed while the session ran out"
    assert "Words typed while" in page.input_value("#id_body")
    assert Post.objects.get(pk=post.pk).title == "Expiring"


def test_text_survives_a_server_error(
    live_server, editor, make_post, page, monkeypatch
):
    post = make_post(title="Erring", body="Stored words.")
    path = change_url(post)
    log_in(page, live_server.url, editor, path)
    type_in_body(page, "\n\nWords sent to a failing server.")

    def fail(*args, **kwargs):
        raise RuntimeError("The database went away.")

    statuses = []
    page.on("response", lambda response: statuses.append(response.status))
    with monkeypatch.context() as patch:
        patch.setattr(PostAdmin, "save_model", fail)
        page.click("input[name=_save]")
        page.wait_for_load_state()
    assert 500 in statuses

    page.goto(live_server.url + path)
    page.locator(NOTICE).get_by_role("button", name="Restore them").click()
    assert "Words sent to a failing server." in page.input_value("#id_body")


def test_a_refused_save_keeps_the_text_and_asks(live_server, editor, make_post, page):
    post = make_post(title="Refused", body="Stored words.")
    path = change_url(post)
    log_in(page, live_server.url, editor, path)
    page.fill("#id_title", "")
    type_in_body(page, "\n\nWords in a form the server sends back.")
    page.click("input[name=_save]")
    page.locator(".errornote").wait_for()

    # The form shows the text, not saved: it stays kept, no longer as submitted,
    # and leaving asks.
    copy = kept_copy(page, path)
    assert copy["submitted"] is False
    assert "Words in a form" in copy["fields"]["body"]
    dialogs = record_dialogs(page)
    page.locator("#nav-sidebar a[href='/admin/posts/post/']").click(no_wait_after=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]


def test_discard_and_an_equal_copy_are_dropped(
    live_server, editor, make_post, pages, page
):
    post = make_post(title="Dropped", body="Stored words.")
    path = change_url(post)
    log_in(page, live_server.url, editor, path)
    type_in_body(page, "\n\nNot wanted.")
    wait_until_kept(page, path, "Not wanted.")
    context = page.context
    page.close()

    page = pages.watch(context.new_page())
    page.goto(live_server.url + path)
    notice = page.locator(NOTICE)
    notice.get_by_role("button", name="Discard").click()
    assert notice.inner_text() == "Discarded."
    assert kept_copy(page, path) is None
    assert "Not wanted." not in page.input_value("#id_body")

    # A copy equal to what the form shows goes without a word.
    page.evaluate(
        "([key, copy]) => localStorage.setItem(key, JSON.stringify(copy))",
        [
            KEPT + path,
            {"savedAt": 0, "submitted": False, "fields": {"title": "Dropped"}},
        ],
    )
    page.reload()
    page.frame_locator("iframe[name=page-preview]").locator(".prose").wait_for()
    assert page.locator(NOTICE).count() == 0
    assert kept_copy(page, path) is None


def test_another_forms_save_keeps_this_ones_copy(live_server, editor, make_post, page):
    first, second = make_post(title="First"), make_post(title="Second")
    log_in(page, live_server.url, editor, change_url(first))
    type_in_body(page, "\n\nLeft for later.")
    wait_until_kept(page, change_url(first), "Left for later.")
    page.on("dialog", lambda dialog: dialog.accept())  # leave it, knowingly

    page.goto(live_server.url + change_url(second))
    type_in_body(page, "\n\nSaved now.")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/posts/post/")
    assert page.locator(".messagelist .success").count() == 1
    assert kept_copy(page, change_url(second)) is None
    assert "Left for later." in kept_copy(page, change_url(first))["fields"]["body"]


def test_the_series_form_is_guarded_and_kept(live_server, editor, page):
    path = reverse("admin:series_series_add")
    log_in(page, live_server.url, editor, path)
    dialogs = record_dialogs(page)
    page.locator("#id_title").press_sequentially("A series in the making")
    wait_until_kept(page, path, "A series in the making")
    page.locator("#nav-sidebar a[href='/admin/series/series/']").click(
        no_wait_after=True
    )
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.console_errors == []


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_notice_and_the_preview_are_accessible(
    live_server, editor, make_post, pages, color_scheme
):
    post = make_post(title="Accessible", body="Stored words.")
    path = change_url(post)
    page = pages.open(color_scheme=color_scheme)
    log_in(page, live_server.url, editor, path)
    type_in_body(page, "\n\nKept.")
    wait_until_kept(page, path, "Kept.")
    context = page.context
    page.close()

    page = pages.watch(context.new_page())
    page.goto(live_server.url + path)
    page.locator(NOTICE).get_by_role("button", name="Discard").wait_for()
    page.frame_locator("iframe[name=page-preview]").locator(".prose").wait_for()
    assert axe_violations(page, within=[NOTICE, ".page-preview"]) == []
    assert page.console_errors == []
