"""The demo's showcase post passes axe-core, every rule at every impact, in its
tables too (a comparison table once had an empty corner header)."""

import pytest

from posts.tests.browser import AXE, require

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ALL_VIOLATIONS = """(within) => axe
  .run(within || document, {resultTypes: ["violations"]})
  .then((results) => results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    nodes: violation.nodes.map((node) => node.target.join(" ")),
  })))"""


def test_the_showcase_tables_have_no_violation_of_any_impact(live_server, demo, pages):
    require(AXE, "axe-core")
    page = pages.open(width=390, height=844)
    page.goto(live_server.url + "/blog/hello-world/")
    assert page.locator(".prose table").count() >= 1
    page.evaluate(AXE.read_text())
    in_tables = page.evaluate(ALL_VIOLATIONS, {"include": [[".prose table"]]})
    assert in_tables == []
    on_the_page = page.evaluate(ALL_VIOLATIONS, None)
    assert "empty-table-header" not in {violation["id"] for violation in on_the_page}
    assert page.console_errors == []
