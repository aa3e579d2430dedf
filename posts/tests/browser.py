"""Headless Chromium for the browser tests: Debian's build, driven by Playwright."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
PROJECT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT / "test-artifacts"
AXE = PROJECT / ".node-tools" / "node_modules" / "axe-core" / "axe.min.js"


def require(path, what):
    """Skip a test when a tool is missing, but fail in CI, where `make test` has it."""
    if not path.exists():
        message = f"{what} is missing at {path}: `make test` installs it."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


class Pages:
    """Opens pages that record console errors; keeps the last one for screenshots."""

    def __init__(self, browser):
        self.browser = browser
        self.last = None

    def open(self, width=1280, height=900, color_scheme="light", **options):
        context = self.browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            **options,
        )
        return self.watch(context.new_page())

    def watch(self, page):
        """Record page's console errors in page.console_errors; return page."""
        page.console_errors = []
        page.on(
            "console",
            lambda message: (
                message.type == "error" and page.console_errors.append(message.text)
            ),
        )
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        self.last = page
        return page


# Record every CSP violation a document reports, from before its first script runs
# (frames included: add it with page.add_init_script).
WATCH_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def log_in(page, base_url, user, path, wait_until="load"):
    """Log user in through the admin's form and land on path."""
    page.goto(f"{base_url}/admin/login/?next={path}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct horse battery")  # the fixtures' password
    page.click("input[type=submit]")
    page.wait_for_url(f"**{path}", wait_until=wait_until)


def axe_violations(page, within=None, rules=None):
    """Run axe-core on the page, or on the elements of the selectors within; return
    its serious and critical violations. With rules, run only those rules (also the
    ones axe leaves off by default)."""
    require(AXE, "axe-core")
    page.evaluate(AXE.read_text())
    results = page.evaluate(
        "([within, rules]) => axe.run("
        "within ? {include: within.map((s) => [s])} : document,"
        " {resultTypes: ['violations'],"
        " ...(rules ? {runOnly: {type: 'rule', values: rules}} : {})})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)})))",
        [within, rules],
    )
    return [v for v in results if v["impact"] in {"serious", "critical"}]
