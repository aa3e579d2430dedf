"""The demo's "Hello, Blogcraft" post renders every feature cleanly."""

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from posts.rendering import diagrams, render_markdown

SHOWCASE = Path(settings.BASE_DIR) / "demo" / "hello-world.md"


@pytest.mark.browser
def test_the_showcase_post_exercises_every_feature():
    if not diagrams.chromium_path().exists() or shutil.which("node") is None:
        pytest.skip("the showcase needs Chromium and node")
    rendering = render_markdown(SHOWCASE.read_text())
    page = BeautifulSoup(rendering.html, "html.parser")
    assert rendering.problems == []
    assert {"css/code.css", "vendor/katex/katex.min.css"} <= {*rendering.stylesheets}
    assert page.select_one("div.diagram svg") is not None
    # The architecture diagram, both variants.
    assert "Stored HTML" in page.select_one(".diagram .diagram-light svg").text
    assert page.select_one(".diagram .diagram-dark svg")
    # TypeScript with a title and highlighted lines.
    typescript = page.select_one("figure.code-block:has(figcaption)")
    assert typescript.figcaption.text == "src/hello.ts"
    marked = [line["data-line"] for line in typescript.select(".line.mark")]
    assert marked == ["2", "5", "6"]
    # Terminal commands, package-manager tabs.
    assert len(page.select("figure.frame-terminal")) == 4
    labels = [label.text for label in page.select(".tabs .tab-label")]
    assert labels == ["npm", "pnpm", "yarn"]
    # Insert and delete markers.
    assert len(page.select(".line.ins")) == len(page.select(".line.del")) == 1
    # Callout, FAQ, comparison table, math.
    assert page.select_one("aside.callout-tip .callout-title").text == "Preview first"
    assert len(page.select("details.faq")) == 2
    assert [th.text for th in page.select("table th")][1:] == [
        "Blogcraft",
        "Client-side rendering",
    ]
    assert len(page.select(".katex")) == 3
    assert [entry["title"] for entry in rendering.toc] == [
        "What Blogcraft does with your Markdown",
        "Install it",
        "Say hello in TypeScript",
        "How long does a page take to read?",
        "Compared with rendering in the browser",
        "Questions",
    ]
    # The feed variant carries the same content in plain form.
    feed = BeautifulSoup(rendering.feed_html, "html.parser")
    assert feed.img["src"].endswith(".svg")
    assert feed.find("input") is None
