"""The reader's pages in real Chromium: both themes, phone and desktop, axe-core."""

import pytest

from .browser import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = [
    "/",
    "/blog/",
    "/blog/hello-world/",
    "/series/from-chat-to-agent/",
    "/series/",
    "/tags/ai/",
    "/categories/",
    "/categories/ai/",
    "/archive/",
    "/search/?q=agent",
]


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_pages_render_accessibly_on_phones_and_desktops(
    live_server, demo, pages, color_scheme
):
    for width in (375, 1280):
        page = pages.open(width=width, color_scheme=color_scheme)
        for path in PAGES:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            assert page.locator("h1").count() == 1, path
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways at {width}px"
            assert axe_violations(page) == [], f"{path} at {width}px, {color_scheme}"
        assert page.console_errors == []
        page.context.close()


def test_diagrams_stay_legible_on_phones(live_server, demo, pages):
    page = pages.open(width=390, height=844)
    page.goto(live_server.url + "/blog/hello-world/")
    diagram = page.locator(".diagram").first
    drawing = diagram.locator(".diagram-light svg")
    # Not shrunk to the 350px column: at least 30rem, and it scrolls sideways.
    assert drawing.bounding_box()["width"] >= 480
    assert diagram.evaluate("d => d.scrollWidth > d.clientWidth")
    assert diagram.get_attribute("tabindex") == "0"  # keyboards can scroll it
    assert page.console_errors == []


def test_theme_toggle_switches_and_persists(live_server, demo, pages):
    page = pages.open(color_scheme="light")
    page.goto(live_server.url + "/")
    toggle = page.locator("[data-theme-toggle]")
    assert toggle.get_attribute("aria-label") == "Switch to dark theme"
    background = "getComputedStyle(document.body).backgroundColor"
    light = page.evaluate(background)
    toggle.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate(background) != light
    assert toggle.get_attribute("aria-label") == "Switch to light theme"
    # The choice survives a reload and applies before the page is painted.
    page.goto(live_server.url + "/blog/")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate(background) != light
    assert page.console_errors == []


def test_reading_works_without_javascript(live_server, demo, pages):
    page = pages.open(java_script_enabled=False)
    page.goto(live_server.url + "/blog/hello-world/")
    assert page.locator(".prose svg").count() >= 1  # the diagram, drawn ahead of time
    assert page.locator(".toc a").count() >= 3
    assert page.locator("[data-theme-toggle]").is_hidden()


def test_tabs_answer_the_keyboard_on_the_showcase(live_server, demo, pages):
    page = pages.open()
    page.goto(live_server.url + "/blog/hello-world/")
    first_tab = page.locator(".tabs input[type=radio]").first
    first_tab.focus()
    page.keyboard.press("ArrowRight")
    checked = page.locator(".tabs input[type=radio]:checked").first
    assert checked.evaluate(
        "element => element !== document.querySelector('.tabs input[type=radio]')"
    )
    assert page.console_errors == []


# What a page's body uses decides which stylesheets may block its first paint, and
# whether KaTeX's fonts are fetched at all (Lighthouse's render-blocking audit).
STYLESHEET_USERS = {
    "prose.": ".prose",
    "code.": ".prose pre",
    "katex.": ".katex",
}
ALL_PAGES = [*PAGES, "/blog/chat-to-agent-09-skills-playbook/"]


def test_pages_block_on_no_stylesheet_or_font_they_do_not_use(live_server, demo, pages):
    page = pages.open(width=390, height=844)
    for path in ALL_PAGES:
        page.goto(live_server.url + path, wait_until="networkidle")
        blocking = page.eval_on_selector_all(
            "head link[rel=stylesheet]:not([media=print])",
            "links => links.map(link => new URL(link.href).pathname)",
        )
        sheets = [href.rsplit("/", 1)[-1] for href in blocking]
        assert sheets[0].startswith("site."), path
        for prefix, user in STYLESHEET_USERS.items():
            loaded = any(sheet.startswith(prefix) for sheet in sheets)
            used = page.locator(user).count() > 0
            assert loaded == used, f"{path}: {prefix}css loaded {loaded}, used {used}"
        fonts = page.evaluate(
            "performance.getEntriesByType('resource')"
            ".map(r => r.name).filter(n => /\\.(woff2?|ttf)$/.test(n))"
        )
        katex_fonts = [font for font in fonts if "/katex/" in font]
        assert bool(katex_fonts) <= (page.locator(".katex").count() > 0), path
    page.context.close()


def test_links_and_buttons_are_big_enough_to_tap(live_server, demo, pages):
    # Lighthouse's target-size audit: on a phone every link or button is at least
    # 24 px square or has as much room around it (axe's rule, off by default).
    page = pages.open(width=390, height=844)
    for path in ALL_PAGES:
        page.goto(live_server.url + path)
        assert axe_violations(page, rules=["target-size"]) == [], path
    page.context.close()
