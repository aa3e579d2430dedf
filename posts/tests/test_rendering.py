import pytest
from bs4 import BeautifulSoup

from posts.rendering import render_markdown, strip_control_characters


def parse(markdown):
    return BeautifulSoup(render_markdown(markdown).html, "html.parser")


def test_commonmark_with_tables_strikethrough_and_task_lists():
    soup = parse("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~\n\n- [x] done\n")
    assert [cell.text for cell in soup.select("td")] == ["1", "2"]
    assert soup.find("s").text == "gone"
    assert soup.find("input", type="checkbox").has_attr("checked")


def test_lists_nested_by_two_spaces_stay_nested():
    soup = parse("- outer\n  - inner\n")
    assert soup.select_one("ul > li > ul > li").text == "inner"


def test_headings_get_unique_ids_and_a_table_of_contents():
    rendering = render_markdown("## Setup\n\n## Setup\n\n### Why `uv`?\n\n#### Deep\n")
    soup = BeautifulSoup(rendering.html, "html.parser")
    assert [h["id"] for h in soup.select("h2, h3")] == ["setup", "setup-1", "why-uv"]
    assert rendering.toc == [
        {"level": 2, "id": "setup", "title": "Setup"},
        {"level": 2, "id": "setup-1", "title": "Setup"},
        {"level": 3, "id": "why-uv", "title": "Why uv?"},
    ]


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<iframe src="https://evil.example"></iframe>',
        "<style>body{display:none}</style>",
        '<form action="/admin/"><input name="q"></form>',
        '<svg onload="alert(1)"><circle/></svg>',
        '<div style="background:url(javascript:alert(1))">x</div>',
        '<base href="https://evil.example/">',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    ],
)
def test_hostile_html_leaves_nothing_executable(payload):
    soup = parse(f"Before\n\n{payload}\n\nAfter")
    for banned in ["script", "iframe", "style", "form", "svg", "base", "meta"]:
        assert soup.find(banned) is None
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            assert not name.startswith("on")
            assert name != "style"
            text = " ".join(value) if isinstance(value, list) else value
            assert not text.strip().lower().startswith(("javascript:", "data:"))
    assert "After" in soup.text


def test_word_count_ignores_markup():
    rendering = render_markdown("**Bold** words and [a link](https://example.com).")
    assert rendering.word_count == 5
    assert rendering.reading_minutes == 1


def test_control_characters_are_removed_but_whitespace_kept():
    assert strip_control_characters("a\x00b\tc\nd\x1b") == "ab\tc\nd"


def test_empty_body_renders_to_nothing():
    rendering = render_markdown("")
    assert rendering.html == ""
    assert rendering.toc == []
