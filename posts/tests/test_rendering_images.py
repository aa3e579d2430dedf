"""Uploaded images come out responsive: renditions, dimensions, lazy loading."""

import io
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from posts.rendering import render_markdown
from posts.uploads import store_upload


def upload(width, height, image_format="JPEG", name="photo.jpg"):
    data = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(data, image_format)
    return store_upload(SimpleUploadedFile(name, data.getvalue()))


def img_of(markdown):
    soup = BeautifulSoup(render_markdown(markdown).html, "html.parser")
    return soup, soup.find("img")


def test_uploaded_image_gets_its_renditions_and_size():
    stored = upload(2000, 1000)
    soup, img = img_of(f"![A teal field]({stored.url})")
    assert (img["width"], img["height"]) == ("2000", "1000")
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    widths = [candidate.split()[-1] for candidate in img["srcset"].split(", ")]
    assert widths == ["480w", "960w", "1440w", "2000w"]
    assert img["sizes"]
    assert img["alt"] == "A teal field"
    source = soup.select_one("picture > source[type='image/webp']")
    assert [c.split()[-1] for c in source["srcset"].split(", ")] == [
        "480w",
        "960w",
        "1440w",
    ]
    for candidate in img["srcset"].split(", ") + source["srcset"].split(", "):
        assert candidate.startswith(f"{settings.MEDIA_URL}uploads/")


def test_small_upload_is_never_offered_upscaled():
    stored = upload(300, 200, "PNG", "small.png")
    soup, img = img_of(f"![Small]({stored.url})")
    assert img["srcset"] == f"{stored.url} 300w"
    assert soup.find("picture") is None


@pytest.mark.parametrize(
    "src", ["https://example.org/cat.png", "/media/uploads/../../etc/passwd"]
)
def test_other_images_are_lazy_but_untouched(src):
    _, img = img_of(f"![Elsewhere]({src})")
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    assert not img.has_attr("srcset") and not img.has_attr("width")


def test_feed_variant_keeps_plain_absolute_images():
    stored = upload(1000, 500)
    rendering = render_markdown(f"![x]({stored.url})", base_url="https://blog.example/")
    img = BeautifulSoup(rendering.feed_html, "html.parser").find("img")
    assert img["src"] == urljoin("https://blog.example/", stored.url)
    assert not img.has_attr("srcset")
