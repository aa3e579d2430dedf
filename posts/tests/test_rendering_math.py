"""Math: KaTeX HTML rendered on the server by node, TeX kept when it cannot be."""

import shutil

import pytest
from bs4 import BeautifulSoup

from posts.rendering import math, render_markdown


@pytest.fixture
def node():
    if shutil.which("node") is None:
        pytest.skip("node is missing")
    math._memory.clear()


def soup(html):
    return BeautifulSoup(html, "html.parser")


def test_inline_and_display_math_become_katex_html(node):
    rendering = render_markdown("Energy: $E = mc^2$.\n\n$$\n\\int_0^1 x\\,dx\n$$\n")
    page = soup(rendering.html)
    inline = page.select_one("p > .katex")
    assert inline.select_one("annotation").text == "E = mc^2"
    assert inline.select_one(".katex-html")["aria-hidden"] == "true"
    display = page.select_one(".katex-display")
    assert display.select_one("math")["display"] == "block"
    assert "vendor/katex/katex.min.css" in rendering.stylesheets
    assert rendering.problems == []


def test_all_formulas_of_a_post_go_to_one_node_process(node, monkeypatch):
    calls = []
    real_run = math.run_katex
    monkeypatch.setattr(
        math, "run_katex", lambda pairs: calls.append(pairs) or real_run(pairs)
    )
    render_markdown("$a$ and $b$ and $a$\n\n$$c$$\n")
    assert calls == [[("a", False), ("b", False), ("c", True)]]


def test_prices_are_not_math(node):
    rendering = render_markdown("It costs $5 and $10 a month.")
    assert soup(rendering.html).p.text == "It costs $5 and $10 a month."
    assert "vendor/katex/katex.min.css" not in rendering.stylesheets


def test_the_feed_gets_the_tex_source_alone(node):
    feed = soup(render_markdown("Area $\\pi r^2$.\n\n$$\nE = mc^2\n$$\n").feed_html)
    assert feed.p.code.text == "\\pi r^2"
    assert feed.select_one("pre > code").text.strip() == "E = mc^2"
    assert feed.find("math") is None
    assert feed.select_one(".katex, .katex-html") is None
    assert feed.find(style=True) is None


def test_a_formula_katex_rejects_stays_tex_and_tells_the_editor(node):
    rendering = render_markdown("Broken $\\frac{1}{$ here.")
    page = soup(rendering.html)
    assert page.select_one("code.math-tex").text == "\\frac{1}{"
    assert len(rendering.problems) == 1
    assert "KaTeX parse error" in rendering.problems[0]


def test_without_node_the_tex_source_stays_visible(settings):
    math._memory.clear()
    settings.BLOGCRAFT_NODE = "/nonexistent/node"
    rendering = render_markdown("$x^2$\n\n$$y$$\n")
    page = soup(rendering.html)
    assert [code.text for code in page.select("code.math-tex")] == ["x^2", "y"]
    assert page.select_one("pre.math-tex > code").text == "y"
    assert "vendor/katex/katex.min.css" not in rendering.stylesheets
    assert "node is not installed" in rendering.problems[0]


def test_pages_without_math_do_not_load_katex():
    rendering = render_markdown("No formulas here.")
    assert "vendor/katex/katex.min.css" not in rendering.stylesheets
