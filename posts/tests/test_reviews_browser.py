"""A review link in Chromium: made in the admin, read without an account, withdrawn."""

import pytest

from posts.models import Post
from posts.reviews import create_review_link, review_path, revoke

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


def log_in(page, live_server, user, next_path):
    page.goto(f"{live_server.url}/admin/login/?next={next_path}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_path}")


def save_and_continue(page):
    page.click("input[name=_continue]")
    page.locator(".messagelist .success").wait_for()


def test_editor_shares_a_draft_then_withdraws_it(
    live_server, editor, make_post, pages, settings
):
    settings.SITE_URL = live_server.url
    post = make_post(
        title="Quokkas under review",
        status=Post.Status.DRAFT,
        body="## What reviewers read\n\nA body with `code`.\n\n"
        "```python\nprint('hello')\n```",
    )
    change = f"/admin/posts/post/{post.pk}/change/"
    admin = pages.open(permissions=["clipboard-read", "clipboard-write"])
    log_in(admin, live_server, editor, change)

    admin.get_by_role("button", name="Add another Review link").click()
    row = admin.locator("#review_links-0")
    row.locator("select[name$='-days']").select_option(label="in 3 days")
    row.locator("input[name$='-note']").fill("Ada")
    save_and_continue(admin)
    address = admin.locator("input.review-link-address")
    url = address.input_value()
    assert url.startswith(f"{live_server.url}/review/")
    copy = admin.locator("#review_links-0 button[data-copy-from]")
    assert copy.inner_text() == "Copy"
    copy.click()
    admin.get_by_role("button", name="Copied").wait_for()
    assert "Works for 2" in admin.locator("#review_links-0 .field-status").inner_text()
    assert admin.console_errors == []

    # A fresh browser, never logged in, where the reviewer pastes the address.
    reader = pages.open()
    reader.add_init_script(WATCH_VIOLATIONS)
    reader.goto(f"{live_server.url}/search/")
    reader.locator("#search-query").focus()
    reader.keyboard.press("ControlOrMeta+V")
    assert reader.locator("#search-query").input_value() == url
    response = reader.goto(url)
    assert response.status == 200
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "no-store" in response.headers["cache-control"]
    banner = reader.get_by_role("status")
    assert banner.is_visible()
    assert "Preview — not published" in banner.inner_text()
    assert reader.locator("h1").inner_text() == "Quokkas under review"
    assert reader.locator(".prose h2").inner_text() == "What reviewers read"
    assert reader.locator(".prose pre").is_visible()
    assert reader.evaluate("window.cspViolations") == []
    assert reader.console_errors == []

    row.locator("input[name$='-revoke']").check()
    save_and_continue(admin)
    assert "Withdrawn" in admin.locator("#review_links-0 .field-status").inner_text()

    response = reader.reload()
    assert response.status == 410
    assert reader.locator("h1").inner_text() == (
        "This review link was withdrawn by the editor"
    )
    assert "ask the editor for a new link" in reader.locator("main").inner_text()
    assert "Quokkas" not in reader.content()
    assert reader.evaluate("window.cspViolations") == []


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_review_pages_are_accessible_in_both_schemes(
    live_server, editor, make_post, pages, color_scheme
):
    post = make_post(status=Post.Status.DRAFT, body="## Heading\n\nText.")
    link = create_review_link(post, editor)
    page = pages.open(color_scheme=color_scheme)
    page.goto(live_server.url + review_path(link))
    banner = page.get_by_role("status")
    assert banner.is_visible()
    background = banner.evaluate("node => getComputedStyle(node).backgroundColor")
    page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != page_background  # the banner stands out
    assert axe_violations(page) == []
    assert page.console_errors == []
    revoke(link)
    assert page.reload().status == 410
    assert axe_violations(page) == []
    # Chromium reports every page that answers with an error status; nothing else.
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 410 (Gone)"
    ]
