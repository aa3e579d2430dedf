"""What search engines, social sites and feed readers find on the pages."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from posts.models import Author, Post, Tag
from posts.tests.media_storage import media_address
from posts.timestamps import machine_time
from series.models import Series, SeriesPart

from .sitemap_reading import sitemap_urls

pytestmark = pytest.mark.django_db

SITE = "https://blog.example.org"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup):
    return {
        data["@type"]: data
        for data in (
            json.loads(script.string)
            for script in soup.select('script[type="application/ld+json"]')
        )
    }


def meta(soup, name):
    tag = soup.find("meta", attrs={"property": name}) or soup.find(
        "meta", attrs={"name": name}
    )
    return tag["content"] if tag else None


@pytest.fixture
def series_post(make_post, django_capture_on_commit_callbacks):
    series = Series.objects.create(title="Deep Dive", slug="deep-dive", description="d")
    first = make_post(title="First part")
    post = make_post(title="Second </script> part", tags=["Django", "C++"])
    # Share cards are redrawn when the transaction commits, which tests simulate.
    with django_capture_on_commit_callbacks(execute=True):
        SeriesPart.objects.create(series=series, post=first, position=1)
        SeriesPart.objects.create(series=series, post=post, position=2)
    return Post.objects.get(pk=post.pk)


def test_every_page_has_title_description_canonical_and_feeds(client, make_post):
    make_post()
    soup = page(client, "/")
    assert (
        soup.title.text
        == "Blogcraft · Beautiful technical writing, rendered with care."
    )
    assert (
        meta(soup, "description") == "Beautiful technical writing, rendered with care."
    )
    assert soup.find("link", rel="canonical")["href"] == f"{SITE}/"
    feeds = {
        link["type"]: link["href"] for link in soup.find_all("link", rel="alternate")
    }
    assert feeds == {
        "application/rss+xml": f"{SITE}/rss.xml",
        "application/atom+xml": f"{SITE}/atom.xml",
        "application/feed+json": f"{SITE}/feed.json",
    }


def test_post_page_metadata(client, series_post):
    soup = page(client, series_post.get_absolute_url())
    url = f"{SITE}/blog/{series_post.slug}/"
    assert soup.find("link", rel="canonical")["href"] == url
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:title") == series_post.title
    assert meta(soup, "og:url") == url
    assert meta(soup, "twitter:card") == "summary_large_image"
    image = meta(soup, "og:image")
    assert image == media_address(SITE, series_post.share_image)
    assert meta(soup, "article:published_time") == machine_time(
        series_post.published_at
    )
    tags = [tag["content"] for tag in soup.find_all("meta", property="article:tag")]
    assert sorted(tags) == ["C++", "Django"]
    series_feed = soup.find("link", rel="alternate", title="Deep Dive (RSS)")
    assert series_feed["href"] == f"{SITE}/series/deep-dive/rss.xml"


def test_post_json_ld(client, series_post):
    data = json_ld(page(client, series_post.get_absolute_url()))
    article = data["BlogPosting"]
    assert article["headline"] == "Second </script> part"
    assert article["description"] == series_post.description
    assert article["datePublished"] == machine_time(series_post.published_at)
    assert article["dateModified"]
    # Signed by the site until the post has authors.
    assert article["author"] == [
        {"@type": "Person", "name": "Blogcraft", "url": f"{SITE}/"}
    ]
    assert article["image"].startswith(media_address(SITE, "share/"))
    assert sorted(article["keywords"]) == ["C++", "Django"]
    assert article["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "name": "Deep Dive",
        "url": f"{SITE}/series/deep-dive/",
    }
    assert article["position"] == 2
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == [
        "Blogcraft",
        "Deep Dive",
        article["headline"],
    ]
    assert crumbs[-1]["item"] == f"{SITE}/blog/{series_post.slug}/"


def test_post_json_ld_names_every_author(client, make_post, settings):
    settings.SITE_AUTHOR = "Never shown"
    post = make_post(title="Two hands")
    post.authors.set(
        [
            Author.objects.create(
                name="Ada </script> Lovelace",
                url="https://ada.example.org/",
                bio="Wrote the first program.",
            ),
            # A link no reader should follow is left out.
            Author.objects.create(name="Grace Hopper", url="javascript:alert(1)"),
        ]
    )
    article = json_ld(page(client, post.get_absolute_url()))["BlogPosting"]
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Ada </script> Lovelace",
            "url": "https://ada.example.org/",
            "description": "Wrote the first program.",
        },
        {"@type": "Person", "name": "Grace Hopper"},
    ]


def test_series_json_ld(client, series_post):
    soup = page(client, "/series/deep-dive/")
    work = json_ld(soup)["CreativeWorkSeries"]
    assert work["name"] == "Deep Dive"
    assert [part["position"] for part in work["hasPart"]] == [1, 2]
    assert work["hasPart"][1]["url"] == f"{SITE}/blog/{series_post.slug}/"
    feeds = [link["href"] for link in soup.find_all("link", rel="alternate")]
    assert f"{SITE}/series/deep-dive/rss.xml" in feeds
    assert f"{SITE}/series/deep-dive/atom.xml" in feeds


def test_tag_page_offers_its_feed(client, make_post):
    make_post(tags=["Django"])
    soup = page(client, "/tags/django/")
    feeds = [link["href"] for link in soup.find_all("link", rel="alternate")]
    assert f"{SITE}/tags/django/rss.xml" in feeds


def test_share_image_is_a_1200_by_630_png_named_by_its_content(series_post):
    with default_storage.open(series_post.share_image) as stored:
        image = Image.open(stored)
        assert (image.format, image.size) == ("PNG", (1200, 630))
    before = series_post.share_image
    series_post.save()
    assert series_post.share_image == before  # nothing it shows changed
    series_post.title = "A new title"
    series_post.save()
    assert series_post.share_image != before


def test_share_images_follow_the_series(
    make_post, series_post, django_capture_on_commit_callbacks
):
    before = series_post.share_image
    with django_capture_on_commit_callbacks(execute=True):
        SeriesPart.objects.create(
            series=series_post.series_part.series, post=make_post(), position=3
        )
    series_post.refresh_from_db()
    assert series_post.share_image != before  # "Part 2 of 2" became "of 3"


def test_hero_image_wins_over_the_share_card(client, make_post):
    post = make_post(hero_image="heroes/photo.jpg", hero_image_alt="A photo")
    soup = page(client, post.get_absolute_url())
    assert meta(soup, "og:image") == media_address(SITE, "heroes/photo.jpg")


def test_sitemap_lists_only_published_content(client, series_post, make_post):
    draft = make_post(status=Post.Status.DRAFT, tags=["Secret"])
    scheduled = make_post(
        published_at=timezone.now() + timedelta(days=1), tags=["Soon"]
    )
    Series.objects.create(title="Empty", slug="empty", description="d")
    upcoming = Series.objects.create(title="Upcoming", slug="upcoming", description="d")
    SeriesPart.objects.create(series=upcoming, post=scheduled, position=1)
    SeriesPart.objects.create(series=upcoming, post=draft, position=2)
    urls = sitemap_urls(client)
    locations = [url.find(f"{SITEMAP}loc").text for url in urls]
    assert f"{SITE}/" in locations
    assert f"{SITE}/blog/{series_post.slug}/" in locations
    assert f"{SITE}/series/deep-dive/" in locations
    assert f"{SITE}/tags/django/" in locations
    assert f"{SITE}/blog/{draft.slug}/" not in locations
    assert f"{SITE}/tags/secret/" not in locations
    assert f"{SITE}/tags/soon/" not in locations
    assert f"{SITE}/blog/{scheduled.slug}/" not in locations
    assert f"{SITE}/series/empty/" not in locations
    assert f"{SITE}/series/upcoming/" not in locations
    assert all(url.find(f"{SITEMAP}lastmod").text for url in urls)


def test_robots_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain"
    assert f"Sitemap: {SITE}/sitemap.xml" in response.content.decode().splitlines()


def test_old_post_slug_redirects_permanently(client, make_post):
    post = make_post(slug="old-name")
    post.slug = "new-name"
    post.save()
    post.slug = "newest-name"
    post.save()
    for old in ["old-name", "new-name"]:
        response = client.get(f"/blog/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/blog/newest-name/"


def test_old_series_slug_redirects_its_page_and_feeds(client, series_post):
    series = series_post.series_part.series
    series.slug = "deeper-dive"
    series.save()
    assert client.get("/series/deep-dive/")["Location"] == "/series/deeper-dive/"
    response = client.get("/series/deep-dive/rss.xml")
    assert response.status_code == 301
    assert response["Location"] == "/series/deeper-dive/rss.xml"


def test_old_tag_slug_redirects(client, make_post):
    make_post(tags=["Django"])
    tag = Tag.objects.get()
    tag.slug = "django-framework"
    tag.save()
    assert client.get("/tags/django/")["Location"] == "/tags/django-framework/"


def test_renamed_draft_does_not_give_its_new_address_away(client, make_post):
    post = make_post(slug="first-name", status=Post.Status.DRAFT)
    post.slug = "secret-name"
    post.save()
    assert client.get("/blog/first-name/").status_code == 404


def test_renamed_unpublished_series_and_tag_do_not_give_their_address_away(
    client, make_post
):
    series = Series.objects.create(title="Soon", slug="soon", description="d")
    make_post(tags=["Secret"], status=Post.Status.DRAFT)
    tag = Tag.objects.get()
    for renamed in [series, tag]:
        renamed.slug = "new-name"
        renamed.save()
    assert client.get("/series/soon/").status_code == 404
    assert client.get("/tags/secret/").status_code == 404


def test_unknown_slug_is_still_not_found(client):
    assert client.get("/blog/never-existed/").status_code == 404
