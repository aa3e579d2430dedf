"""The frame around the posts in Chromium: the header on phones, where articles sit."""

import pytest

from posts.models import Category

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NAV_LINKS = ["Blog", "Series", "Categories", "Tags", "Archive"]


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_header_is_one_row_with_a_menu(
    live_server, make_post, pages, javascript
):
    make_post(title="Anything")
    page = pages.open(width=390, height=844, java_script_enabled=javascript)
    page.goto(live_server.url + "/")
    header = box(page, ".site-header")
    assert header["height"] <= 64  # one row: name, menu button, theme button
    nav = page.get_by_role("navigation", name="Main")
    assert nav.is_hidden()
    page.get_by_text("Menu", exact=True).click()
    assert [link.inner_text() for link in nav.get_by_role("link").all()] == NAV_LINKS
    nav.get_by_role("link", name="Categories").click()
    page.wait_for_url("**/categories/")
    assert page.console_errors == []


def test_on_a_desktop_the_links_show_in_the_row(live_server, make_post, page):
    make_post(title="Anything")
    page.goto(live_server.url + "/")
    assert page.get_by_text("Menu", exact=True).is_hidden()
    nav = page.get_by_role("navigation", name="Main")
    assert [link.inner_text() for link in nav.get_by_role("link").all()] == NAV_LINKS
    assert box(page, ".site-header")["height"] <= 80


def test_a_post_without_headings_is_centred(live_server, make_post, pages):
    post = make_post(body="Only a paragraph, no headings.")
    page = pages.open(width=1440)
    page.goto(live_server.url + post.get_absolute_url())
    prose = box(page, ".prose")
    left, right = prose["x"], 1440 - (prose["x"] + prose["width"])
    # The scrollbar-free viewport: both margins within a few pixels of each other.
    assert abs(left - right) < 40, (left, right)
    assert page.locator(".toc").count() == 0


def test_related_posts_line_up_with_the_article(live_server, make_post, pages):
    category = Category.objects.create(name="AI", slug="ai")
    post = make_post(
        body="## One\n\nText.\n\n## Two\n\nMore.", tags=["agents"], category=category
    )
    make_post(title="Also on agents", tags=["agents"])
    page = pages.open(width=1440)
    page.goto(live_server.url + post.get_absolute_url())
    assert page.locator(".toc").count() == 1
    assert abs(box(page, ".related")["x"] - box(page, ".prose")["x"]) < 2
    assert page.console_errors == []


def test_file_tree_icons_are_drawn_not_glyphs(live_server, make_post, pages):
    body = ":::filetree\n- src/\n  - app.py\n- README.md\n:::\n"
    post = make_post(body=body)
    page = pages.open()
    page.goto(live_server.url + post.get_absolute_url())
    items = page.locator(".filetree li")
    assert items.count() == 3
    icons = items.evaluate_all(
        """items => items.map(item => {
            const icon = getComputedStyle(item, "::before");
            return [icon.content, icon.maskImage.startsWith('url("data:image/svg+xml')];
        })"""
    )
    # No character to fall back to a box: an empty box masked by a drawing.
    assert icons == [['""', True]] * 3
    assert page.console_errors == []
