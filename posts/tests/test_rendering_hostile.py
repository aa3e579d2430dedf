"""Every hostile shape renders at the body cap, keeps its text and stays safe.

How long they take is the benchmark's business (``make bench-render``): these
tests check what comes out.
"""

from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from posts.rendering import Rendering, RenderTimeout, render_markdown
from posts.rendering.sanitizer import MAX_ATTRIBUTE_CHARS
from tooling.management.commands._hostile_corpus import LEAD_WORDS, SHAPES, hostile_body

# Generous: a slow or busy machine must not fail these tests.
DEADLINE_SECONDS = 120


def rendered(name):
    body = hostile_body(name, settings.BLOGCRAFT_BODY_MAX_CHARS)
    return body, render_markdown(body, deadline=DEADLINE_SECONDS)


class ExecutableFinder(HTMLParser):
    """Collect the scripts, frames and event handlers in a document."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed"}:
            self.found.append(tag)
        self.found += [name for name, _ in attrs if name.startswith("on")]


def executable(html):
    # html.parser alone: a tree of some of these outputs takes BeautifulSoup long.
    finder = ExecutableFinder()
    finder.feed(html)
    finder.close()
    return finder.found


@pytest.mark.parametrize("name", SHAPES)
def test_every_shape_renders_at_the_cap_with_its_text_and_nothing_executable(name):
    body, rendering = rendered(name)
    assert len(body) == settings.BLOGCRAFT_BODY_MAX_CHARS
    assert isinstance(rendering, Rendering)
    assert all(word in rendering.text for word in LEAD_WORDS)
    assert rendering.word_count >= len(LEAD_WORDS)
    assert not executable(rendering.html)
    assert not executable(rendering.feed_html)
    # The output grows with the body, never with its square (a footnote reference
    # of four characters takes a hundred and its back link as many; each formula
    # KaTeX typesets, about a kilobyte).
    formulas = rendering.html.count('<span class="katex">')
    assert len(rendering.html) < 100 * len(body) + 1500 * formulas
    assert len(rendering.feed_html) < 100 * len(body) + 1500 * formulas


def test_duplicate_headings_get_numbered_ids_in_order():
    body, rendering = rendered("headings ## a")
    ids = [entry["id"] for entry in rendering.toc if entry["title"] == "a"]
    assert ids == ["a"] + [f"a-{number}" for number in range(1, body.count("## a\n"))]
    soup = BeautifulSoup(rendering.html, "html.parser")
    assert [h2["id"] for h2 in soup.find_all("h2")] == [
        entry["id"] for entry in rendering.toc
    ]


def test_every_bare_url_becomes_one_link():
    body, rendering = rendered("bare URLs")
    links = BeautifulSoup(rendering.html, "html.parser").find_all("a")
    # The body's last URL may be cut short.
    assert len(links) == body.count("http://example")
    assert {link["href"] for link in links[:-1]} == {"http://example.com/a"}


def test_every_task_item_gets_one_checkbox():
    body, rendering = rendered("task list items")
    soup = BeautifulSoup(rendering.html, "html.parser")
    assert len(soup.select("ul.contains-task-list")) == 1
    items = soup.select("li.task-list-item")
    assert len(items) == body.count("- [ ] ")
    assert all(item.find("input", type="checkbox") for item in items)


def test_every_footnote_reference_links_to_the_one_note():
    body, rendering = rendered("footnote references [^1]")
    soup = BeautifulSoup(rendering.html, "html.parser")
    assert len(soup.select("sup.footnote-ref")) == body.count("[^1]") - 1
    assert len(soup.select("li.footnote-item")) == 1


@pytest.mark.parametrize("name", ["image alt of &", "link title of &"])
def test_long_alt_texts_and_titles_are_cut(name):
    _, rendering = rendered(name)
    soup = BeautifulSoup(rendering.html, "html.parser")
    element = soup.find(["img", "a"])
    value = element.get("alt") or element.get("title")
    assert value == "&" * MAX_ATTRIBUTE_CHARS + "…"


def test_a_link_to_a_very_long_url_stays_text():
    _, rendering = rendered("link URL of &")
    assert BeautifulSoup(rendering.html, "html.parser").find("a") is None
    assert "[a](&&&" in rendering.text


def test_open_brackets_stay_text():
    body, rendering = rendered("open brackets [")
    assert rendering.text.count("[") == body.count("[")


def test_a_tiny_deadline_stops_a_hostile_body_with_a_message():
    body = hostile_body("open images ![", settings.BLOGCRAFT_BODY_MAX_CHARS)
    with pytest.raises(RenderTimeout, match="longer than 0.001 s to render"):
        render_markdown(body, deadline=0.001)
