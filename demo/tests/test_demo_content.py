"""The demo's own Markdown: what it shows readers must be accessible too."""

from bs4 import BeautifulSoup

from demo.loader import SHOWCASE
from posts.rendering import render_markdown


def test_the_showcase_tables_name_every_column():
    for path in SHOWCASE.values():
        html = render_markdown(path.read_text(encoding="utf-8")).html
        headers = BeautifulSoup(html, "html.parser").select("table th")
        assert headers, path.name
        assert all(header.get_text(strip=True) for header in headers), path.name
