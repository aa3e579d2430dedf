"""Scheduling a post and counting what the editor types, in Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone

from posts.models import Post
from posts.publishing import moment

from .browser import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Record every CSP violation the page reports, from before its first script runs.
WATCH_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def open_as_editor(pages, live_server, editor, path, **options):
    page = pages.open(**options)
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto(f"{live_server.url}/admin/login/?next={path}")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{path}")
    return page


def test_schedule_a_post_and_see_when_it_goes_out(live_server, editor, pages):
    page = open_as_editor(pages, live_server, editor, "/admin/posts/post/add/")
    when = timezone.localtime() + timedelta(days=2)
    page.fill("#id_title", "Launch notes")
    page.fill("#id_description", "What is new in the launch.")
    page.fill("#id_body", "## New\n\nEverything.")
    page.select_option("#id_status", "published")
    page.fill("#id_published_at_0", when.strftime("%Y-%m-%d"))
    page.fill("#id_published_at_1", "09:00:00")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/posts/post/")

    post = Post.objects.get()
    assert post.is_scheduled()
    expected = f"“Launch notes” is scheduled for {moment(post.published_at)}."
    assert page.inner_text(".messagelist .success") == expected
    assert expected.endswith(" 09:00 UTC.")

    badge = page.locator("#result_list tbody tr td.field-state .state-badge")
    assert badge.inner_text() == f"Scheduled {moment(post.published_at)}"
    # The state is told in words, and the filter offers it.
    page.click("#changelist-filter a:text-is('Scheduled')")
    page.wait_for_url("**state=scheduled**")
    assert page.locator("#result_list tbody tr").count() == 1

    assert page.evaluate("window.cspViolations") == []
    assert page.console_errors == []
    assert axe_violations(page) == []


def test_length_counters_update_as_the_editor_types(live_server, editor, pages):
    page = open_as_editor(pages, live_server, editor, "/admin/posts/post/add/")
    title_counter = page.locator("#id_title + .length-counter #id_title_length")
    assert title_counter.inner_text() == "0 / 100"
    page.locator("#id_title").press_sequentially("Counted")
    assert title_counter.inner_text() == "7 / 100"
    assert page.get_attribute("#id_title", "aria-describedby").endswith(
        "id_title_length"
    )

    description = page.locator("#id_description")
    counter = page.locator("#id_description + .length-counter")
    count = counter.locator("#id_description_length")
    description.fill("d" * 280)
    assert count.inner_text() == "280 / 300 · 20 left"
    assert counter.get_attribute("data-state") == "near"
    assert counter.locator("[role=status]").inner_text() == (
        "Near the limit of 300 characters."
    )
    # Nothing is cut at the limit: the text stays whole and the counter says so.
    description.fill("d" * 320)
    assert description.input_value() == "d" * 320
    assert count.inner_text() == "320 / 300 · 20 too many"
    assert counter.get_attribute("data-state") == "over"
    # An emoji is one character, as the server counts it.
    description.fill("🚀" * 3)
    assert count.inner_text() == "3 / 300"

    # The server refuses an overlong text, keeps it, and the counter shows again.
    page.fill("#id_body", "Body.")
    description.fill("d" * 320)
    page.click("input[name=_save]")
    page.locator("#id_description_error").wait_for()
    assert "at most 300 characters (it has 320)" in page.inner_text(
        "#id_description_error"
    )
    assert page.input_value("#id_description") == "d" * 320
    assert (
        page.locator("#id_description + .length-counter")
        .inner_text()
        .startswith("320 / 300")
    )
    assert not Post.objects.exists()
    assert page.evaluate("window.cspViolations") == []
    assert page.console_errors == []


def test_changelist_badges_read_well_in_both_schemes(
    live_server, editor, pages, make_post
):
    make_post(title="A draft", status=Post.Status.DRAFT)
    make_post(title="Coming", published_at=timezone.now() + timedelta(days=1))
    make_post(title="Out now")
    for color_scheme in ["light", "dark"]:
        page = open_as_editor(
            pages, live_server, editor, "/admin/posts/post/", color_scheme=color_scheme
        )
        states = page.locator("td.field-state").all_inner_texts()
        assert [state.split()[0] for state in states] == [
            "Draft",
            "Scheduled",
            "Published",
        ]
        assert axe_violations(page) == [], color_scheme
        page.context.close()
