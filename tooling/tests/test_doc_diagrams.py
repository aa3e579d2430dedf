"""The docs' diagrams are drawn from the Mermaid source the pages show, as it is now."""

import io
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.core.management import call_command

from posts.rendering.diagrams import chromium_path
from tooling import doc_diagrams

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_deploy_guide_shows_its_topology_as_a_drawing_and_as_source():
    page = (DOCS / "deploy.md").read_text()
    assert [name for name, _ in doc_diagrams.marked_diagrams(page)] == [
        "deploy-topology.svg"
    ]
    assert "](deploy-topology.svg)" in page


@pytest.mark.parametrize(
    ("page", "name", "source"),
    [
        (page.name, name, source)
        for page in sorted(DOCS.glob("*.md"))
        for name, source in doc_diagrams.marked_diagrams(page.read_text())
    ],
)
def test_each_drawing_is_of_its_source_as_it_is_now(page, name, source):
    drawing = (DOCS / name).read_text()
    assert doc_diagrams.drawn_key(drawing) == doc_diagrams.source_key(source), (
        f"{name} was drawn from another source than {page} shows: "
        "run manage.py draw_doc_diagrams"
    )
    assert "<script" not in drawing


def test_the_command_draws_what_changed_with_the_sites_pipeline(tmp_path):
    if not chromium_path().exists():
        pytest.skip("Diagrams are drawn in Chromium, which is not installed.")
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "page.md"
    source = "flowchart LR\n  one[Written] --> two[Drawn]\n"
    page.write_text(
        f"# A page\n\n<!-- diagram: page-flow.svg -->\n```mermaid\n{source}```\n"
    )
    docs = ["--docs", str(tmp_path / "docs")]

    call_command("draw_doc_diagrams", *docs, stdout=(first := io.StringIO()))
    call_command("draw_doc_diagrams", *docs, stdout=(second := io.StringIO()))

    assert first.getvalue() == "page-flow.svg: drawn from page.md\n"
    assert second.getvalue() == "page-flow.svg: up to date\n"
    drawing = (tmp_path / "docs" / "page-flow.svg").read_text()
    assert doc_diagrams.drawn_key(drawing) == doc_diagrams.source_key(source)
    svg = ElementTree.fromstring(drawing.split("\n", 1)[1])
    labels = " ".join(svg.itertext())
    assert "Written" in labels
    assert "Drawn" in labels
