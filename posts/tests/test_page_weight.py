"""Pages block their first paint only on the stylesheets they use."""

import shutil

import pytest
from bs4 import BeautifulSoup

from posts.rendering import math

KATEX = "/static/vendor/katex/katex.min.css"


def blocking_stylesheets(response):
    """Stylesheets the browser must load before it paints the screen."""
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [
        link["href"]
        for link in page.select('link[rel="stylesheet"]')
        if link.get("media", "all") in {"all", "screen"}
    ]


@pytest.fixture
def plain_post(make_post):
    return make_post(slug="plain", body="Words, and no formula.", tags=["ai"])


@pytest.mark.parametrize("path", ["/", "/blog/", "/tags/ai/"])
def test_lists_block_on_the_site_stylesheet_alone(client, plain_post, path):
    assert blocking_stylesheets(client.get(path)) == ["/static/css/site.css"]


def test_a_post_without_math_or_code_skips_their_stylesheets(client, plain_post):
    sheets = blocking_stylesheets(client.get("/blog/plain/"))
    assert sheets == ["/static/css/site.css", "/static/css/prose.css"]


def test_only_a_post_with_math_loads_katex(client, make_post):
    if shutil.which("node") is None:
        pytest.skip("node is missing")
    math._memory.clear()
    make_post(slug="formula", body="Energy: $E = mc^2$.")
    assert KATEX in blocking_stylesheets(client.get("/blog/formula/"))
    assert KATEX not in blocking_stylesheets(client.get("/"))


def test_the_print_stylesheet_never_blocks_the_screen(client, plain_post):
    page = BeautifulSoup(client.get("/").content, "html.parser")
    assert page.select_one('link[href="/static/css/print.css"]')["media"] == "print"
