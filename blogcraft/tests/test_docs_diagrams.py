"""The docs' diagrams are drawn from the Mermaid source the pages show, as it is now."""

import importlib.util
from pathlib import Path
from xml.etree import ElementTree

import pytest

from posts.rendering.diagrams import chromium_path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def load_script():
    spec = importlib.util.spec_from_file_location(
        "draw_diagrams", DOCS / "draw_diagrams.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


draw_diagrams = load_script()


def test_the_deploy_guide_shows_its_topology_as_a_drawing_and_as_source():
    page = (DOCS / "deploy.md").read_text()
    assert [name for name, _ in draw_diagrams.marked_diagrams(page)] == [
        "deploy-topology.svg"
    ]
    assert "](deploy-topology.svg)" in page


@pytest.mark.parametrize(
    ("page", "name", "source"),
    [
        (page.name, name, source)
        for page in sorted(DOCS.glob("*.md"))
        for name, source in draw_diagrams.marked_diagrams(page.read_text())
    ],
)
def test_each_drawing_is_of_its_source_as_it_is_now(page, name, source):
    drawing = (DOCS / name).read_text()
    assert draw_diagrams.drawn_key(drawing) == draw_diagrams.source_key(source), (
        f"{name} was drawn from another source than {page} shows: "
        "run docs/draw_diagrams.py"
    )
    assert "<svg" in drawing
    assert "<script" not in drawing


def test_the_script_draws_with_the_sites_pipeline(settings, tmp_path):
    if not chromium_path().exists():
        pytest.skip("Diagrams are drawn in Chromium, which is not installed.")
    source = "flowchart LR\n  one[Written] --> two[Drawn]"
    drawing = draw_diagrams.draw(source)
    assert draw_diagrams.drawn_key(drawing) == draw_diagrams.source_key(source)
    svg = ElementTree.fromstring(drawing.split("\n", 1)[1])
    labels = " ".join(svg.itertext())
    assert "Written" in labels
    assert "Drawn" in labels
