"""A series' cover on its page: renditions made on save, loaded lazily."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from blogcraft.tests.command_output import report_lines
from posts.renditions import SIZES, rendition_name
from series.renditions import make_missing_renditions

pytestmark = pytest.mark.django_db


def cover(width, height):
    data = io.BytesIO()
    Image.effect_noise((width, height), 40).convert("RGB").save(data, "PNG")
    return SimpleUploadedFile("cover.png", data.getvalue())


def widths(srcset):
    return [int(each.rsplit(" ", 1)[1][:-1]) for each in srcset.split(", ")]


@pytest.mark.parametrize(
    ("width", "webp_widths", "own_widths"),
    [(2000, [480, 960, 1440], [480, 960, 1440, 2000]), (900, [480, 900], [480, 900])],
)
def test_the_cover_is_responsive_and_lazy(
    client, make_series, width, webp_widths, own_widths
):
    series = make_series(cover_image=cover(width, 600), cover_image_alt="Boxes")
    for each in webp_widths:
        assert default_storage.exists(
            rendition_name(series.cover_image.name, each, "webp")
        )
    response = client.get(series.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    img = soup.select_one(".series-header img.hero")
    source = soup.select_one(".series-header picture > source[type='image/webp']")
    assert img["alt"] == "Boxes"
    assert (img["width"], img["height"]) == (str(width), "600")
    assert (img["loading"], img["decoding"]) == ("lazy", "async")
    assert not img.has_attr("fetchpriority")
    assert img["sizes"] == source["sizes"] == SIZES
    assert widths(source["srcset"]) == webp_widths
    assert widths(img["srcset"]) == own_widths


def test_make_renditions_brings_older_images_up_to_date(make_series, make_post):
    series = make_series(cover_image=cover(900, 600), cover_image_alt="Boxes")
    post = make_post(hero_image=cover(1000, 500), hero_image_alt="A hill")
    lacking = [
        rendition_name(series.cover_image.name, 900, "webp"),
        rendition_name(post.hero_image.name, 480, "png"),
    ]
    for name in lacking:
        default_storage.delete(name)  # as stored before renditions were made

    output = io.StringIO()
    call_command("make_renditions", "--dry-run", stdout=output)
    assert sorted(report_lines(output.getvalue())) == sorted(
        [
            f"  would make  {post.hero_image.name}: 1 rendition(s)",
            f"  would make  {series.cover_image.name}: 1 rendition(s)",
            "2 would make",
        ]
    )
    assert not any(default_storage.exists(name) for name in lacking)

    output = io.StringIO()
    call_command("make_renditions", stdout=output)
    assert report_lines(output.getvalue())[-1] == "2 made"
    assert all(default_storage.exists(name) for name in lacking)
    assert make_missing_renditions() == {}


@pytest.mark.parametrize("url", ["/series/", "/"])
def test_series_cards_show_the_cover_responsive_too(client, make_series, url):
    make_series(cover_image=cover(2000, 600), cover_image_alt="Boxes")
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    img = soup.select_one(".series-card img.series-cover")
    assert img["alt"] == "Boxes"
    assert (img["width"], img["height"]) == ("2000", "600")
    assert img["loading"] == "lazy"
    assert widths(img["srcset"]) == [480, 960, 1440, 2000]
    assert soup.select_one(".series-card picture > source[type='image/webp']")
