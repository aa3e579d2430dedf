"""The checks panel in a real browser: it follows the text as the editor types."""

import pytest

from posts.tests.browser import axe_violations, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_checks_panel_follows_the_text(live_server, editor, page):
    log_in(page, live_server.url, editor, "/admin/posts/post/add/")
    panel = page.locator(".editor-checks")
    # An empty title and body: nothing to find yet.
    panel.get_by_text("No problems found.").wait_for()

    page.locator("#id_body").press_sequentially(
        "## Setup\n\n```rusty\nfn main() {}\n```\n", delay=5
    )
    finding = panel.locator("li[data-check=code-language]")
    finding.wait_for()
    assert "Line 3" in finding.inner_text()
    assert "Did you mean “rust”?" in finding.inner_text()
    assert panel.get_by_role("status").inner_text() == (
        "1 thing to look at. They do not stop a save."
    )

    # Fixing the language clears the finding.
    body = page.locator("#id_body")
    body.fill(body.input_value().replace("rusty", "rust"))
    body.press("End")  # fill() sends one input event; the panel waits for it
    panel.get_by_text("No problems found.").wait_for()
    assert panel.locator("li").count() == 0
    assert axe_violations(page, [".editor-checks"]) == []
    assert page.console_errors == []
