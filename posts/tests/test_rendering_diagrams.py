"""Mermaid rendered ahead of time: real Mermaid, in real Chromium."""

import os
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import storages

from posts.rendering import diagrams, render_markdown
from posts.rendering.diagrams import diagram_key
from posts.rendering.svg import UnsafeSvg, check_svg, renumber_ids
from posts.tests.media_storage import ON_S3, diagram_storage

FLOW = "graph LR\n  Browser --> Django --> Database\n"
SEQUENCE = "sequenceDiagram\n  Alice->>Bob: Hello\n  Bob-->>Alice: Hi\n"


def fence(source):
    return f"```mermaid\n{source}```\n"


@pytest.fixture
def chromium():
    if not diagrams.chromium_path().exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: `make test` installs it.")
        pytest.skip("Chromium is missing.")


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("diagrams")


def use_diagram_storage(settings, folder):
    settings.STORAGES = settings.STORAGES | {
        "diagrams": diagram_storage(folder, folder.name)
    }
    return storages["diagrams"]


@pytest.fixture
def cached(settings, shared_cache):
    """Tests that may share rendered diagrams use one diagram storage."""
    return use_diagram_storage(settings, shared_cache)


def soup(html):
    return BeautifulSoup(html, "html.parser")


@pytest.mark.browser
def test_a_diagram_becomes_inline_svg_in_light_and_dark(chromium, cached):
    rendering = render_markdown(fence(FLOW))
    assert rendering.problems == []
    figure = soup(rendering.html).select_one("div.diagram")
    light = figure.select_one(".diagram-light > svg")
    dark = figure.select_one(".diagram-dark > svg")
    assert {"Browser", "Django", "Database"} <= set(light.stripped_strings)
    assert light["id"] != dark["id"]
    assert light.style.text != dark.style.text
    # The pinned font is the one Mermaid measured with.
    assert "Blogcraft Diagram" in light.style.text
    assert "css/code.css" not in rendering.stylesheets
    keys = {diagram_key(FLOW, theme) for theme in ("light", "dark")}
    assert {f"{key}.svg" for key in keys} <= set(cached.listdir("")[1])


@pytest.mark.browser
def test_unchanged_diagrams_never_render_again(chromium, cached, monkeypatch):
    first = render_markdown(fence(FLOW)).html

    def no_browser(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(diagrams, "run_worker", no_browser)
    assert render_markdown(fence(FLOW)).html == first


@pytest.mark.browser
def test_rendering_is_deterministic_and_independent_of_other_diagrams(
    chromium, settings, tmp_path
):
    use_diagram_storage(settings, tmp_path / "alone")
    alone = render_markdown(fence(SEQUENCE)).html
    use_diagram_storage(settings, tmp_path / "together")
    together = render_markdown(fence(FLOW) + "\n" + fence(SEQUENCE)).html
    assert alone.encode() in together.encode()


@pytest.mark.browser
def test_ids_never_clash_across_diagrams_on_one_page(chromium, cached):
    html = render_markdown(fence(FLOW) + "\n" + fence(SEQUENCE) + "\n" + fence(FLOW))
    page = soup(html.html)
    ids = [element["id"] for element in page.select("[id]")]
    assert len(ids) > 10
    assert len(ids) == len(set(ids))
    # Each diagram's references point into that diagram, never into another.
    for svg in page.select("svg"):
        own = {element["id"] for element in svg.select("[id]")} | {svg["id"]}
        references = re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', str(svg))
        assert {a or b for a, b in references} & set(ids) <= own


@pytest.mark.browser
def test_an_invalid_diagram_shows_its_source_and_tells_the_editor(chromium, cached):
    rendering = render_markdown(fence("graph TD\n  A -->\n"))
    page = soup(rendering.html)
    assert page.find("svg") is None
    assert page.select_one("figure.code-block code").text == "graph TD\n  A -->\n"
    assert "error" not in page.text.lower()
    assert len(rendering.problems) == 1
    assert "Parse error" in rendering.problems[0]
    assert soup(rendering.html).select_one("div.diagram") is None


@pytest.mark.browser
def test_authors_cannot_unlock_css_or_security_settings(chromium, cached):
    source = (
        '%%{init: {"securityLevel": "loose", "themeCSS": ".node rect {fill: red}", '
        '"fontFamily": "Comic Sans MS", "htmlLabels": true}}%%\n'
        "graph TD\n  A[Start] --> B\n  click A \"javascript:alert('x')\"\n"
    )
    rendering = render_markdown(fence(source))
    assert rendering.problems == []
    svg = soup(rendering.html).select_one(".diagram-light svg")
    assert "fill: red" not in svg.style.text
    assert "Comic Sans" not in str(svg)
    assert "javascript" not in str(svg)
    assert svg.find("foreignobject") is None


def test_without_chromium_every_page_still_renders(settings):
    settings.BLOGCRAFT_CHROMIUM = "/nonexistent/chromium"
    rendering = render_markdown("Intro\n\n" + fence(FLOW))
    page = soup(rendering.html)
    assert page.p.text == "Intro"
    assert page.select_one("figure.code-block code").text == FLOW
    assert any("Chromium" in problem for problem in rendering.problems)
    assert soup(rendering.feed_html).pre.code.text == FLOW.rstrip("\n")


@pytest.mark.browser
def test_the_feed_links_the_stored_svg_by_absolute_url(chromium, cached, settings):
    rendering = render_markdown(fence(FLOW), base_url="https://blog.example/p/")
    image = soup(rendering.feed_html).img
    name = image["src"].rsplit("/", 1)[1]
    if ON_S3:
        assert image["src"] == cached.url(name)
    else:
        assert image["src"] == f"https://blog.example/media/diagrams/{name}"
    with cached.open(name) as stored:
        assert stored.read().startswith(b"<svg")


@pytest.mark.parametrize(
    "svg",
    [
        "<svg><script>alert(1)</script></svg>",
        '<svg onload="alert(1)"></svg>',
        '<svg><a href="https://evil.example"><text>x</text></a></svg>',
        '<svg><use xlink:href="https://evil.example/s.svg#x"/></svg>',
        "<svg><foreignObject><div onclick=alert(1)>x</div></foreignObject></svg>",
        "<svg><style>@import url(https://evil.example/x.css);</style></svg>",
        "<svg><style>.a{background:url(https://evil.example/x.png)}</style></svg>",
        '<svg><rect style="fill:url(https://evil.example/x)"/></svg>',
        "<div><svg></svg></div>",
    ],
)
def test_unsafe_svg_is_refused(svg):
    with pytest.raises(UnsafeSvg):
        check_svg(svg)


def test_safe_svg_passes_and_ids_are_renumbered_with_their_references():
    svg = (
        '<svg id="mermaid-1"><style>#mermaid-1 .node{fill:#fff}</style>'
        '<marker id="arrow"></marker><path marker-end="url(#arrow)"/>'
        '<use href="#arrow"/><g aria-labelledby="arrow"></g></svg>'
    )
    renumbered = check_svg(renumber_ids(svg, "bcdx"))
    assert renumbered == (
        '<svg id="bcdx"><style>#bcdx .node{fill:#fff}</style>'
        '<marker id="bcdx-1"></marker><path marker-end="url(#bcdx-1)"/>'
        '<use href="#bcdx-1"/><g aria-labelledby="bcdx-1"></g></svg>'
    )
