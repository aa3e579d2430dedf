"""Uploaded media served by Django on one machine: images only, sandboxed."""

import pytest
from django.http import Http404

from blogcraft.media import media_file
from posts.tests.media_storage import only_on_local_files

# Symbolic links and folders are what local files have; a bucket has neither.
pytestmark = only_on_local_files


@pytest.fixture
def media(settings):
    root = settings.MEDIA_ROOT
    (root / "uploads").mkdir(parents=True)
    (root / "uploads" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    (root / "uploads" / "page.html").write_text("<script>alert(1)</script>")
    (root.parent / "secret.png").write_bytes(b"outside the media root")
    (root / "uploads" / "link.png").symlink_to(root.parent / "secret.png")
    return root


def test_serves_an_image_with_sandboxing_headers(client, media):
    response = client.get("/media/uploads/photo.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


def test_head_is_allowed_and_post_is_not(client, media):
    assert client.head("/media/uploads/photo.png").status_code == 200
    assert client.post("/media/uploads/photo.png").status_code == 405


def test_only_images_are_served(client, media):
    assert client.get("/media/uploads/page.html").status_code == 404


def test_missing_files_and_folders_are_not_found(client, media):
    assert client.get("/media/uploads/nothing.png").status_code == 404
    assert client.get("/media/uploads/").status_code == 404
    assert client.get("/media/uploads").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "../secret.png",
        "uploads/../../secret.png",
        "/etc/passwd",
        "uploads/link.png",
        "uploads/photo.png\x00.png",
    ],
)
def test_nothing_outside_the_media_root_is_reachable(media, path):
    with pytest.raises(Http404):
        media_file(path)


@pytest.mark.parametrize(
    "url", ["/media/%2e%2e/secret.png", "/media/uploads/%2e%2e/%2e%2e/secret.png"]
)
def test_encoded_traversal_is_not_found(client, media, url):
    assert client.get(url).status_code == 404
