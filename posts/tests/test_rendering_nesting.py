"""Raw HTML may not leave so much open that the cleaner's parser slows down."""

from bs4 import BeautifulSoup

from posts.rendering import render_markdown
from posts.rendering.nesting import (
    MAX_FORMATTING_ELEMENTS,
    MAX_OPEN_ELEMENTS,
    bound_nesting,
)
from posts.rendering.sanitizer import sanitize_html


def depth(element):
    return (
        max((depth(child) for child in element.find_all(recursive=False)), default=0)
        + 1
    )


def test_closed_html_passes_unchanged():
    html = "<div><p><b>bold</b> and <em>em</em></p></div>\n" * 1000
    assert bound_nesting(html) == html


def test_markdown_output_passes_unchanged():
    body = "> - **a** *b* [c](d)\n>   1. `e`\n\n| x | y |\n|---|---|\n| 1 | 2 |\n" * 50
    html = render_markdown(body).html
    assert bound_nesting(html) == html


def test_unclosed_blocks_stop_nesting_at_the_limit():
    cleaned = sanitize_html("<div>" * (MAX_OPEN_ELEMENTS + 100) + "end")
    soup = BeautifulSoup(cleaned, "html.parser")
    assert len(soup.find_all("div")) == MAX_OPEN_ELEMENTS
    assert soup.text.count("<div>") == 100
    assert soup.text.endswith("end")


def test_formatting_left_open_is_capped():
    # html5ever re-opens each formatting element left open in every later block:
    # unbounded, the output would grow with the square of the input.
    html = "".join(f'<p><b class="c{n}">x</p>' for n in range(500))
    soup = BeautifulSoup(sanitize_html(html), "html.parser")
    assert len(soup.find_all("b")) <= (MAX_FORMATTING_ELEMENTS + 1) * 500
    assert soup.text.count("<b") == 500 - MAX_FORMATTING_ELEMENTS


def test_formatting_closed_in_order_is_never_capped():
    html = "<p>" + "<strong><em>x</em></strong> " * 1000 + "</p>"
    assert bound_nesting(html) == html


def test_end_tags_close_only_what_the_parser_surely_closes():
    # "</span>" does not close through a <div>: the parser keeps both open.
    html = "<span><div></span>" * (MAX_OPEN_ELEMENTS // 2 + 10)
    bounded = bound_nesting(html)
    assert bounded.count("&lt;") == 20
    assert depth(BeautifulSoup(sanitize_html(html), "html.parser")) <= (
        MAX_OPEN_ELEMENTS + 1
    )
