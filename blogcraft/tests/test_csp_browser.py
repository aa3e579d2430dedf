"""The admin's editor, live preview included, works in Chromium under the CSP."""

import pytest

from posts.tests.browser import WATCH_VIOLATIONS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def violations(page):
    return page.evaluate("window.cspViolations")


def test_editor_preview_runs_under_the_policy(live_server, editor, page):
    page.add_init_script(WATCH_VIOLATIONS)
    response = page.goto(f"{live_server.url}/admin/login/?next=/admin/posts/post/add/")
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    page.fill("#id_username", editor.username)
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/posts/post/add/")

    # The slug is prepopulated by the admin's scripts, the preview by markdownx's
    # and shown in a frame of the page as readers will see it.
    page.locator("#id_title").press_sequentially("Under policy")
    assert page.input_value("#id_slug") == "under-policy"
    page.locator("#id_body").press_sequentially("## Still live\n\n*yes*", delay=5)
    preview = page.frame_locator("iframe[name=page-preview]")
    preview.locator(".prose h2#still-live").wait_for()
    preview.locator("main h1", has_text="Under policy").wait_for()

    assert violations(page) == []
    assert violations(page.frame(name="page-preview")) == []
    assert not [text for text in page.console_errors if "Content Security" in text]

    # The watch itself works: an injected inline script is blocked and reported.
    page.evaluate(
        "const s = document.createElement('script');"
        "s.textContent = 'window.ran = true'; document.body.append(s);"
    )
    page.wait_for_function("window.cspViolations.length > 0")
    assert page.evaluate("window.ran") is None
    assert violations(page)[0].startswith("script-src")


def test_public_page_has_no_violations(live_server, make_post, page):
    post = make_post(title="Public under policy", body="## Heading\n\n`code`")
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto(live_server.url + post.get_absolute_url())
    assert page.inner_text("h1") == "Public under policy"
    assert violations(page) == []
    assert page.console_errors == []


def test_permissions_policy_is_understood_by_the_browser(
    live_server, make_post, page, settings
):
    post = make_post(title="Features", body="```python\nprint(1)\n```")
    page.goto(live_server.url + post.get_absolute_url())
    # Chromium ignores a feature it does not know: each one named must be known.
    known = set(page.evaluate("document.featurePolicy.features()"))
    assert set(settings.PERMISSIONS_POLICY) <= known
    allows = "feature => document.featurePolicy.allowsFeature(feature)"
    assert page.evaluate(allows, "camera") is False
    assert page.evaluate(allows, "geolocation") is False
    assert page.evaluate(allows, "clipboard-write") is True
    assert page.console_errors == []
