"""A series' structured data: the parts readers see, numbered as they see them."""

import pytest

from posts.models import Post
from posts.tests.media_storage import media_address
from series.metadata import series_image_url, series_structured_data
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

SITE = "https://blog.example.org"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.SITE_NAME = "Blogcraft"


def structured_data(series):
    parts = series.parts.for_reading().public_order()
    return series_structured_data(series, parts)


def test_a_series_lists_its_published_parts_by_the_numbers_readers_see(make_post):
    series = Series.objects.create(title="Deep", slug="deep", description="All of it.")
    posts = [
        make_post(title="One"),
        make_post(title="Unwritten", status=Post.Status.DRAFT),
        make_post(title="Three"),
        make_post(title="Extra"),
    ]
    for position, post in enumerate(posts, start=1):
        SeriesPart.objects.create(
            series=series,
            post=post,
            position=position,
            label="Bonus" if post.title == "Extra" else "",
        )
    work, trail = structured_data(series)
    assert work["@type"] == "CreativeWorkSeries"
    assert (work["name"], work["description"]) == ("Deep", "All of it.")
    assert work["url"] == f"{SITE}/series/deep/"
    parts = [(part["headline"], part.get("position")) for part in work["hasPart"]]
    # No gap where the draft is; the labelled part has no number.
    assert parts == [("One", 1), ("Three", 2), ("Extra", None)]
    assert work["hasPart"][0]["url"] == f"{SITE}{posts[0].get_absolute_url()}"
    assert [item["name"] for item in trail["itemListElement"]] == [
        "Blogcraft",
        "Series",
        "Deep",
    ]


def test_a_series_with_no_published_part_lists_none(make_post):
    series = Series.objects.create(title="Soon", slug="soon", description="d")
    draft = make_post(status=Post.Status.DRAFT)
    SeriesPart.objects.create(series=series, post=draft, position=1)
    work, _ = structured_data(series)
    assert work["hasPart"] == []


def test_the_preview_picture_is_the_cover_if_there_is_one():
    series = Series(title="S", slug="s")
    assert series_image_url(series) is None
    series.cover_image = "covers/s.png"
    assert series_image_url(series) == media_address(SITE, "covers/s.png")
