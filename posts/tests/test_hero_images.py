"""A post's hero image on its page: renditions made on save, the page's LCP image."""

import io

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from posts.renditions import SIZES, rendition_name

pytestmark = pytest.mark.django_db


def photo(width, height, image_format="JPEG", name="hero.jpg"):
    data = io.BytesIO()
    Image.effect_noise((width, height), 40).convert("RGB").save(data, image_format)
    return SimpleUploadedFile(name, data.getvalue())


def widths(srcset):
    return [int(each.rsplit(" ", 1)[1][:-1]) for each in srcset.split(", ")]


def assert_truthful(srcset):
    """Every candidate is a stored file as wide as it says."""
    for candidate in srcset.split(", "):
        url, width = candidate.rsplit(" ", 1)
        name = url.removeprefix(settings.MEDIA_URL)
        with default_storage.open(name) as stored, Image.open(stored) as image:
            assert f"{image.width}w" == width


def hero_of(client, post):
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one("header img.hero"), soup.select_one(
        "header picture > source[type='image/webp']"
    )


def test_saving_makes_the_hero_renditions(make_post):
    post = make_post(hero_image=photo(2000, 1000), hero_image_alt="A green hill")
    for width in (480, 960, 1440):
        for extension in ("webp", "jpg"):
            name = rendition_name(post.hero_image.name, width, extension)
            assert default_storage.exists(name), name


def test_the_hero_is_responsive_and_fetched_first(client, make_post):
    post = make_post(hero_image=photo(2000, 1000), hero_image_alt="A green hill")
    img, source = hero_of(client, post)
    assert img["alt"] == "A green hill"
    assert (img["width"], img["height"]) == ("2000", "1000")
    assert img["fetchpriority"] == "high"
    assert not img.has_attr("loading")  # the page's largest image: never lazy
    assert img["sizes"] == source["sizes"] == SIZES
    assert widths(img["srcset"]) == [480, 960, 1440, 2000]
    assert widths(source["srcset"]) == [480, 960, 1440]
    assert_truthful(img["srcset"])
    assert_truthful(source["srcset"])


@pytest.mark.parametrize("width", [481, 900, 959])
def test_a_narrower_hero_offers_its_own_width_in_webp(client, make_post, width):
    post = make_post(hero_image=photo(width, 400), hero_image_alt="A field")
    img, source = hero_of(client, post)
    assert widths(source["srcset"]) == [480, width]
    assert widths(img["srcset"]) == [480, width]
    assert_truthful(source["srcset"])


def test_a_small_hero_is_offered_as_it_is(client, make_post):
    post = make_post(hero_image=photo(300, 200), hero_image_alt="A stamp")
    img, source = hero_of(client, post)
    assert source is None
    assert img["srcset"] == f"{post.hero_image.url} 300w"
    assert (img["width"], img["height"]) == ("300", "200")


def test_a_hero_that_cannot_be_read_still_shows(client, make_post):
    post = make_post(hero_image="heroes/gone.jpg", hero_image_alt="Gone")
    img, source = hero_of(client, post)
    assert source is None
    assert img["src"] == f"{settings.MEDIA_URL}heroes/gone.jpg"
    assert img["alt"] == "Gone"
    assert not img.has_attr("srcset")
