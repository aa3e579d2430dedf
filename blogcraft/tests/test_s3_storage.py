"""Media in an S3 bucket, against a real S3 API server (`.ci/run` starts one).

Skipped unless the S3 variables are set; the rest of the suite runs on the bucket
too in that pass, as it runs on local files in the other.
"""

import io
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from PIL import ExifTags, Image

from posts.rendering import diagram_files
from posts.tests.media_storage import ON_S3, fetch_media, stored_names

pytestmark = pytest.mark.skipif(not ON_S3, reason="The S3 variables are not set.")

SVG = '<svg xmlns="http://www.w3.org/2000/svg"><style>a{}</style></svg>'


def photo_with_gps():
    exif = Image.Exif()
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    output = io.BytesIO()
    Image.effect_noise((640, 400), 60).convert("RGB").save(
        output, "JPEG", exif=exif, comment=b"where I live"
    )
    return output.getvalue()


def test_a_file_goes_to_the_bucket_and_back():
    name = default_storage.save("uploads/round-trip.png", ContentFile(b"some bytes"))
    assert default_storage.exists(name)
    with default_storage.open(name) as stored:
        assert stored.read() == b"some bytes"
    default_storage.delete(name)
    assert not default_storage.exists(name)


def test_storage_never_overwrites_a_name():
    first = default_storage.save("share/card.png", ContentFile(b"first"))
    second = default_storage.save("share/card.png", ContentFile(b"second"))
    assert first != second
    with default_storage.open(first) as stored:
        assert stored.read() == b"first"


def test_a_public_url_has_no_signature_and_serves_anyone(client, settings):
    name = default_storage.save("uploads/public.png", ContentFile(b"\x89PNG bytes"))
    url = default_storage.url(name)
    assert url == settings.MEDIA_URL + name
    assert urlsplit(url).query == ""
    with urllib.request.urlopen(url, timeout=10) as reply:  # no credentials
        assert reply.read() == b"\x89PNG bytes"
        assert reply.headers["Content-Type"] == "image/png"
        # Names are never reused, so a CDN and browsers may keep them for good.
        assert reply.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_an_upload_is_stored_only_once_re_encoded(editor_client, settings):
    upload = SimpleUploadedFile("me.jpg", photo_with_gps(), content_type="image/jpeg")
    response = editor_client.post(
        reverse("editor-upload"),
        {"image": upload},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    names = stored_names(default_storage)
    assert len(names) > 1  # the full size and its renditions
    for name in names:  # the original, with its position, is nowhere in the bucket
        served = fetch_media(editor_client, default_storage.url(name))
        assert served.status == 200
        assert b"Exif" not in served.content
        assert b"where I live" not in served.content


def test_the_site_routes_no_media_of_its_own(client):
    with pytest.raises(NoReverseMatch):
        reverse("media", kwargs={"path": "uploads/x.png"})
    with pytest.raises(NoReverseMatch):
        reverse("diagram", kwargs={"name": "0" * 64 + ".svg"})


def test_a_diagram_is_served_from_the_bucket_as_svg(client):
    key = "a" * 64
    diagram_files.write_cached(key, "svg", SVG)
    assert diagram_files.read_cached(key) == ("svg", SVG)
    url = diagram_files.cache_url() + f"{key}.svg"
    served = fetch_media(client, url)
    assert (served.status, served.content_type) == (200, "image/svg+xml")
    assert served.content.decode() == SVG


def test_a_diagram_error_is_replaced_by_the_newer_one():
    key = "b" * 64
    diagram_files.write_cached(key, "error", "Mermaid refused it.")
    diagram_files.write_cached(key, "error", "The renderer gave no answer.")
    assert diagram_files.read_cached(key) == ("error", "The renderer gave no answer.")
