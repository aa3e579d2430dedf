"""Heading anchors: a link to each section, on the page only, never in its words."""

import pytest
from bs4 import BeautifulSoup

from posts.rendering.pipeline import render_markdown
from posts.tests.browser import axe_violations

BODY = '## Getting "started"\n\nText.\n\n### Next step\n\nMore.\n\n#### Aside\n'


def test_h2_and_h3_link_to_themselves_without_changing_their_words():
    rendering = render_markdown(BODY)
    soup = BeautifulSoup(rendering.html, "html.parser")
    anchors = soup.select("a.heading-anchor")
    assert [(a.parent.name, a["href"]) for a in anchors] == [
        ("h2", "#getting-started"),
        ("h3", "#next-step"),
    ]
    assert anchors[0]["aria-label"] == 'Link to the section “Getting "started"”'
    assert [a.text for a in anchors] == ["", ""]  # the "#" is drawn by CSS
    assert soup.h2.text == 'Getting "started"'
    assert soup.h4.a is None
    assert [entry["title"] for entry in rendering.toc] == [
        'Getting "started"',
        "Next step",
    ]
    assert "#" not in rendering.text


def test_feeds_get_no_anchors():
    feed = BeautifulSoup(render_markdown(BODY).feed_html, "html.parser")
    assert feed.select("a.heading-anchor") == []
    assert feed.h2.text == 'Getting "started"'


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_anchor_shows_on_keyboard_focus_and_leads_to_its_section(
    live_server, make_post, page
):
    post = make_post(body=BODY + "\n\nLong text. " * 200)
    page.goto(live_server.url + post.get_absolute_url())
    anchor = page.locator(".prose h3 a.heading-anchor")
    assert anchor.evaluate("a => getComputedStyle(a).opacity") == "0"
    anchor.focus()
    page.wait_for_function(  # it fades in
        "a => getComputedStyle(a).opacity === '1'", arg=anchor.element_handle()
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**#next-step")
    assert axe_violations(page, [".prose"]) == []
    assert page.console_errors == []
