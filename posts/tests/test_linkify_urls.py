"""Bare text becomes a link only when it is surely an address, never a file name."""

import pytest
from bs4 import BeautifulSoup

from posts.rendering import render_markdown

FILE_NAMES = [
    "settings.py", "README.md", "app.py", "main.rs", "index.js", "style.css",
    "manage.py", "Makefile.am", "config.yml", "docker-compose.yml", "notes.txt",
    "script.sh", "package.json", "Cargo.toml", "go.mod", "data.csv", "photo.png",
    "archive.zip", "lib.so", "module.ts", "App.tsx", "report.pdf", "page.html",
    "setup.cfg", "schema.sql", "tests/test_app.py", "src/lib.rs", "docs/index.md",
    "example.com", "blogcraft.dev", "api.example.org/v1",
]  # fmt: skip
REAL_URLS = {
    "https://example.com/a.py": "https://example.com/a.py",
    "http://settings.py": "http://settings.py",
    "https://docs.djangoproject.com/en/6.0/": "https://docs.djangoproject.com/en/6.0/",
    "mailto:editor@example.com": "mailto:editor@example.com",
    "www.example.com": "http://www.example.com",
    "WWW.Example.org/path": "http://WWW.Example.org/path",
    "editor@example.com": "mailto:editor@example.com",
}


def links(html):
    return [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a")]


def both(source):
    rendering = render_markdown(source)
    return rendering.html, rendering.feed_html


@pytest.mark.parametrize("name", FILE_NAMES)
def test_a_file_name_in_prose_stays_text(name):
    for html in both(f"Open {name}, then edit ({name}) and *{name}*.\n\n- {name}\n"):
        assert links(html) == []
        assert name in BeautifulSoup(html, "html.parser").get_text()


def test_file_names_in_a_file_tree_stay_text():
    tree = "\n".join(f"- {name}" for name in FILE_NAMES)
    for html in both(f":::filetree\n- src/\n  - app.py\n{tree}\n:::\n"):
        assert links(html) == []


@pytest.mark.parametrize(("written", "href"), REAL_URLS.items())
def test_a_real_url_becomes_a_link(written, href):
    for html in both(f"See {written} and settings.py.\n"):
        assert links(html) == [href]


def test_real_urls_among_file_names_each_become_one_link():
    words = [word for pair in zip(FILE_NAMES, REAL_URLS, strict=False) for word in pair]
    for html in both(" ".join(words) + "\n"):
        assert links(html) == list(REAL_URLS.values())


@pytest.mark.parametrize(
    "source", ["//example.com/a", "see //cdn.example.com", "http:\\//x.com"]
)
def test_no_scheme_written_out_no_link(source):
    for html in both(source + "\n"):
        assert links(html) == []
