"""Tables: an empty header cell is a plain cell, so no header says nothing."""

from bs4 import BeautifulSoup

from posts.rendering.pipeline import render_markdown


def test_an_empty_corner_is_a_plain_cell():
    html = render_markdown(
        "|   | Astro | Django |\n|---|---|---|\n| SSR | yes | yes |"
    ).html
    header = BeautifulSoup(html, "html.parser").thead.tr
    assert [(cell.name, cell.text) for cell in header.find_all(["th", "td"])] == [
        ("td", ""),
        ("th", "Astro"),
        ("th", "Django"),
    ]


def test_header_cells_with_words_or_markup_stay_headers():
    html = render_markdown("| `x` | ![y](y.png) |\n|---|---|\n| 1 | 2 |").html
    assert len(BeautifulSoup(html, "html.parser").thead.find_all("th")) == 2
