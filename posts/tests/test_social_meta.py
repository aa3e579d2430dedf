"""Link previews: every public page gives social sites its own title, description
and picture."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from PIL import Image

from posts.models import Category
from posts.tests.media_storage import media_address
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

SITE = "https://blog.example.org"
SITE_CARD = f"{SITE}/static/img/share-card.png"
PREVIEW_TAGS = [
    ("property", "og:title"),
    ("property", "og:description"),
    ("property", "og:image"),
    ("name", "twitter:title"),
    ("name", "twitter:description"),
    ("name", "twitter:image"),
]


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.SITE_NAME = "Example Notes"
    settings.SITE_TAGLINE = "Notes about examples."


@pytest.fixture
def content(make_post):
    category = Category.objects.create(name="Speed", slug="speed")
    post = make_post(title="Caching in depth", tags=["Performance"], category=category)
    series = Series.objects.create(
        title="Deep Dive", slug="deep-dive", description="A series in depth."
    )
    SeriesPart.objects.create(series=series, post=post, position=1)
    return post


def preview(client, url):
    """Return the page's link preview as {tag: content}, each tag present once."""
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    found = {}
    for attribute, name in PREVIEW_TAGS:
        tags = soup.find_all("meta", attrs={attribute: name})
        assert len(tags) == 1, name
        found[name] = tags[0]["content"]
    assert found["twitter:title"] == found["og:title"]
    assert found["twitter:description"] == found["og:description"]
    assert found["twitter:image"] == found["og:image"]
    return found


def test_a_tag_page_is_previewed_as_the_tag(client, content):
    found = preview(client, "/tags/performance/")
    assert found["og:title"] == "#Performance"
    assert found["og:description"] == "Posts tagged “Performance” on Example Notes."
    assert found["og:image"] == SITE_CARD


def test_a_series_is_previewed_with_its_cover(client, content, settings):
    series = Series.objects.get()
    series.cover_image = "series/2026/cover.png"
    series.cover_image_alt = "The cover"
    series.save()
    found = preview(client, series.get_absolute_url())
    assert found["og:title"] == "Deep Dive"
    assert found["og:description"] == "A series in depth."
    assert found["og:image"] == media_address(SITE, "series/2026/cover.png")


def test_a_series_without_a_cover_is_previewed_with_the_site_card(client, content):
    found = preview(client, "/series/deep-dive/")
    assert found["og:title"] == "Deep Dive"
    assert found["og:image"] == SITE_CARD


def test_a_post_is_previewed_with_its_own_card(client, content):
    content.refresh_from_db()
    found = preview(client, content.get_absolute_url())
    assert found["og:title"] == "Caching in depth"
    assert found["og:description"] == content.description
    assert found["og:image"].startswith(media_address(SITE, "share/"))


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/blog/", "Blog"),
        ("/tags/", "Tags"),
        ("/categories/", "Categories"),
        ("/archive/", "Archive"),
        ("/series/", "Series"),
        ("/search/?q=caching", "Search"),
    ],
)
def test_every_list_is_previewed_as_itself_with_the_site_card(
    client, content, url, title
):
    found = preview(client, url)
    assert found["og:title"] == title
    home = preview(client, "/")
    assert found["og:description"] not in {"", home["og:description"]}
    assert found["og:image"] == SITE_CARD


def test_the_home_page_is_previewed_as_the_site(client, content):
    found = preview(client, "/")
    assert found["og:title"] == "Example Notes"
    assert found["og:description"] == "Notes about examples."
    assert found["og:image"] == SITE_CARD


def test_the_site_card_is_a_share_image():
    with Image.open(finders.find("img/share-card.png")) as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))


def test_a_category_page_is_previewed_as_the_category(client, content):
    found = preview(client, "/categories/speed/")
    assert found["og:title"] == "Speed"
    assert found["og:description"] == "Posts filed under “Speed” on Example Notes."
    assert found["og:image"] == SITE_CARD
