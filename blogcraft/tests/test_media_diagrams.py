"""Rendered diagrams are served as SVG from their folder alone; uploads never are."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages

from posts.tests.media_storage import diagram_storage, only_on_local_files

pytestmark = only_on_local_files

SVG = '<svg xmlns="http://www.w3.org/2000/svg"><style>a&gt;b{}</style></svg>'
NAME = hashlib.sha256(b"a diagram").hexdigest()


@pytest.fixture
def stored():
    diagrams = storages["diagrams"]
    diagrams.save(f"{NAME}.svg", ContentFile(SVG.encode()))
    diagrams.save(f"{NAME}.error", ContentFile(b"Mermaid refused it."))
    default_storage.save(f"uploads/{NAME}.svg", ContentFile(SVG.encode()))
    default_storage.save("uploads/drawing.svg", ContentFile(SVG.encode()))


def test_a_diagram_is_served_as_svg_that_loads_and_runs_nothing(client, stored):
    response = client.get(f"/media/diagrams/{NAME}.svg")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == SVG
    assert response["Content-Type"] == "image/svg+xml"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = {
        directive.strip()
        for directive in response["Content-Security-Policy"].split(";")
    }
    assert {"sandbox", "default-src 'none'", "style-src 'unsafe-inline'"} == policy
    assert client.head(f"/media/diagrams/{NAME}.svg").status_code == 200
    assert client.post(f"/media/diagrams/{NAME}.svg").status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        f"/media/uploads/{NAME}.svg",
        "/media/uploads/drawing.svg",
        f"/media/diagrams/{NAME}.error",
        "/media/diagrams/drawing.svg",
        f"/media/diagrams/{NAME.upper()}.svg",
        f"/media/diagrams/../uploads/{NAME}.svg",
        f"/media/diagrams/%2e%2e/uploads/{NAME}.svg",
        f"/media/diagrams/{'0' * 64}.svg",
    ],
)
def test_no_other_svg_and_nothing_else_of_the_folder_is_served(client, stored, url):
    assert client.get(url).status_code == 404


def test_diagrams_kept_outside_the_media_root_are_served_too(
    client, settings, tmp_path
):
    elsewhere = diagram_storage(tmp_path / "elsewhere", "elsewhere")
    settings.STORAGES = settings.STORAGES | {"diagrams": elsewhere}
    storages["diagrams"].save(f"{NAME}.svg", ContentFile(SVG.encode()))
    assert not (settings.MEDIA_ROOT / "diagrams").exists()
    assert client.get(f"/media/diagrams/{NAME}.svg").status_code == 200
