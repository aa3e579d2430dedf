"""Which renditions an image gets, and that pages offer one wide enough for the column.

Real images of many widths go through the upload and the rendering; every candidate
offered is opened from storage, so a width that lies, a missing file or a WebP set
that stops short of the column fails here.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from posts.models import Post
from posts.rendering import images as rendering_images
from posts.rendering import render_markdown
from posts.renditions import (
    RENDITION_WIDTHS,
    SIZES,
    UPLOAD_FOLDER,
    is_upload_name,
    new_image_name,
    planned_widths,
    rendition_name,
)
from posts.rerendering import rerender_posts
from posts.uploads import ensure_renditions, store_upload

pytestmark = pytest.mark.django_db

# The public page's column: main's max-width, 48rem at 16 px (static/css/site.css).
COLUMN_PX = 768
WIDTHS = [300, 480, 481, 700, 768, 900, 959, 960, 1000, 1440, 1600, 2000]


def upload(width, image_format="JPEG", extension="jpg"):
    data = io.BytesIO()
    Image.effect_noise((width, max(1, width // 2)), 40).convert("RGB").save(
        data, image_format
    )
    return store_upload(SimpleUploadedFile(f"photo.{extension}", data.getvalue()))


def offered(markdown):
    """Return the img and the WebP source (or None) of the rendered image."""
    soup = BeautifulSoup(render_markdown(markdown).html, "html.parser")
    return soup.find("img"), soup.select_one("picture > source[type='image/webp']")


def candidates(srcset):
    """Return [(storage name, declared width)] of a srcset."""
    pairs = [candidate.rsplit(" ", 1) for candidate in srcset.split(", ")]
    return [
        (url.removeprefix(settings.MEDIA_URL), int(w.removesuffix("w")))
        for url, w in pairs
    ]


def assert_truthful(srcset, image_format):
    """Every candidate exists, in the format said, as wide as it says."""
    for name, width in candidates(srcset):
        with default_storage.open(name) as stored, Image.open(stored) as image:
            assert image.width == width, name
            assert image.format == image_format, name


@pytest.mark.parametrize("width", WIDTHS)
def test_every_set_offered_reaches_the_column_or_the_image(width):
    stored = upload(width)
    img, source = offered(f"![Noise]({stored.url})")
    assert img["sizes"] == SIZES
    widest_needed = min(width, COLUMN_PX)
    sets = [(img["srcset"], "JPEG")]
    if source is not None:
        assert source["sizes"] == SIZES
        sets.append((source["srcset"], "WEBP"))
    for srcset, image_format in sets:
        assert_truthful(srcset, image_format)
        widths = [w for _, w in candidates(srcset)]
        assert widths == sorted(widths)
        assert max(widths) >= widest_needed
        assert max(widths) <= width  # never upscaled
    # Browsers that read WebP take the source alone: it must reach as far.
    if width > min(RENDITION_WIDTHS):
        assert source is not None
        assert max(w for _, w in candidates(source["srcset"])) == min(
            width, max(RENDITION_WIDTHS)
        )


@pytest.mark.parametrize(
    ("width", "planned"),
    [
        (300, []),
        (480, []),
        (481, [480, 481]),
        (900, [480, 900]),
        (959, [480, 959]),
        (960, [480, 960]),
        (1440, [480, 960, 1440]),
        (2000, [480, 960, 1440]),
    ],
)
def test_planned_widths(width, planned):
    assert planned_widths(width) == planned


def test_a_webp_upload_is_its_own_widest_webp_candidate():
    stored = upload(900, "WEBP", "webp")
    img, source = offered(f"![Noise]({stored.url})")
    assert source is None
    assert [w for _, w in candidates(img["srcset"])] == [480, 900]
    assert_truthful(img["srcset"], "WEBP")


def old_style(stored):
    """Remove the rendition an upload stored before its own width was planned."""
    name = rendition_name(stored.name, 900, "webp")
    default_storage.delete(name)
    return name


def test_rendering_makes_the_renditions_an_older_upload_lacks():
    stored = upload(900)
    missing = old_style(stored)
    img, source = offered(f"![Noise]({stored.url})")
    assert default_storage.exists(missing)
    assert [w for _, w in candidates(source["srcset"])] == [480, 900]


def test_a_webp_set_that_stops_short_is_not_offered(monkeypatch):
    stored = upload(900)
    old_style(stored)
    monkeypatch.setattr(rendering_images, "ensure_renditions", lambda *a: [])
    img, source = offered(f"![Noise]({stored.url})")
    assert source is None
    assert [w for _, w in candidates(img["srcset"])] == [480, 900]


def test_rerender_rebuilds_missing_renditions(make_post):
    stored = upload(959)
    post = make_post(body=f"![Noise]({stored.url})")
    missing = rendition_name(stored.name, 959, "webp")
    default_storage.delete(missing)
    # As the page was stored before: its WebP set stopped at 480 px.
    Post.objects.filter(pk=post.pk).update(
        body_html=post.body_html.replace(f", {settings.MEDIA_URL}{missing} 959w", "")
    )
    assert rerender_posts() == [post.slug]
    assert default_storage.exists(missing)
    post.refresh_from_db()
    assert f"{settings.MEDIA_URL}{missing} 959w" in post.body_html
    assert rerender_posts() == []  # nothing left to do


def test_ensure_renditions_makes_only_what_is_missing():
    stored = upload(2000)
    assert ensure_renditions(stored.name) == []
    default_storage.delete(rendition_name(stored.name, 960, "jpg"))
    assert ensure_renditions(stored.name) == [rendition_name(stored.name, 960, "jpg")]


def test_ensure_renditions_refuses_what_an_upload_would():
    name = default_storage.save("heroes/drawing.png", io.BytesIO(b"<svg></svg>"))
    assert ensure_renditions(name) == []


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP", "GIF"])
def test_the_reader_knows_every_name_the_writer_gives_an_upload(image_format):
    name = new_image_name(UPLOAD_FOLDER, image_format)
    assert is_upload_name(name)
    assert not is_upload_name(new_image_name("heroes/2026", image_format))
