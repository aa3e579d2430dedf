"""A feed item keeps its id for good, and a series feed reads in part order."""

import json
from importlib import import_module
from xml.etree import ElementTree

import feedparser
import pytest
from django.apps import apps

from posts.feed_import import import_feed
from posts.models import Post
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

SITE = "https://blog.example.org"
fill_migration = import_module("posts.migrations.0015_fill_feed_ids_and_content_times")

# Every feed a post shows in, once it is tagged "ai" and a part of series "s".
FEEDS = [
    "/rss.xml",
    "/atom.xml",
    "/feed.json",
    "/tags/ai/rss.xml",
    "/series/s/rss.xml",
    "/series/s/atom.xml",
]


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def ids_in(client, url):
    """The ids of a feed's items, as a reader keys them, by title."""
    content = client.get(url).content
    if url.endswith(".json"):
        return {item["title"]: item["id"] for item in json.loads(content)["items"]}
    feed = feedparser.parse(content)
    assert not feed.bozo, url
    return {entry.title: entry.id for entry in feed.entries}


def file_in_series_and_tag(post):
    series, _ = Series.objects.get_or_create(
        slug="s", defaults={"title": "S", "description": "d"}
    )
    SeriesPart.objects.create(
        series=series, post=post, position=series.next_free_position()
    )
    post.tags.add("ai")


@pytest.mark.parametrize("url", FEEDS)
def test_renaming_a_published_post_keeps_its_id(client, make_post, url):
    post = make_post(title="Renamed", slug="first-name")
    file_in_series_and_tag(post)
    before = ids_in(client, url)["Renamed"]
    post = Post.objects.get(pk=post.pk)
    post.slug = "second-name"
    post.save()
    assert ids_in(client, url)["Renamed"] == before == f"{SITE}/blog/first-name/"


def test_a_renamed_posts_rss_guid_is_no_longer_its_permalink(client, make_post):
    post = make_post(slug="first-name")
    rss = ElementTree.fromstring(client.get("/rss.xml").content)
    assert rss.find("./channel/item/guid").get("isPermaLink") == "true"
    post.slug = "second-name"
    post.save()
    item = ElementTree.fromstring(client.get("/rss.xml").content).find("./channel/item")
    assert item.find("link").text == f"{SITE}/blog/second-name/"
    assert item.find("guid").text == f"{SITE}/blog/first-name/"
    assert item.find("guid").get("isPermaLink") == "false"


def test_a_draft_gets_its_id_when_it_is_published(client, make_post):
    post = make_post(status=Post.Status.DRAFT, slug="draft-name")
    post.slug = "final-name"
    post.save()
    assert post.feed_id == ""
    post.status = Post.Status.PUBLISHED
    post.save()
    assert ids_in(client, "/atom.xml") == {post.title: f"{SITE}/blog/final-name/"}


@pytest.mark.parametrize("url", FEEDS)
def test_an_imported_item_keeps_its_original_guid(client, tmp_path, url):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Old</title>
        <link>https://old.example/</link><description>d</description>
        <item><title>Imported</title><link>https://old.example/p/imported/</link>
        <guid isPermaLink="false">tag:old.example,2020:42</guid>
        <description>About it.</description>
        <pubDate>Mon, 20 Apr 2026 00:00:00 GMT</pubDate></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    import_feed(str(feed))
    file_in_series_and_tag(Post.objects.get())
    assert ids_in(client, url) == {"Imported": "tag:old.example,2020:42"}


def test_the_migration_keeps_the_ids_subscribers_have(client, make_post):
    published = make_post(title="Published", slug="published")
    draft = make_post(title="Draft", status=Post.Status.DRAFT)
    before = ids_in(client, "/atom.xml")
    Post.objects.update(feed_id="")
    fill_migration.fill(apps, None)
    assert ids_in(client, "/atom.xml") == before
    published.refresh_from_db()
    draft.refresh_from_db()
    assert (published.feed_id, draft.feed_id) == ("/blog/published/", "")


@pytest.mark.parametrize("url", ["/series/s/rss.xml", "/series/s/atom.xml"])
def test_a_series_feed_is_in_part_order_whatever_the_dates(client, make_post, url):
    # Published at one moment, and created in an order unlike the parts' order.
    series = Series.objects.create(title="S", slug="s", description="d")
    titles = {3: "Part three", 1: "Part one", 4: "Bonus", 2: "Part two"}
    same_time = make_post().published_at
    for position, title in titles.items():
        post = make_post(title=title, published_at=same_time)
        SeriesPart.objects.create(series=series, post=post, position=position)
    assert list(ids_in(client, url)) == ["Part one", "Part two", "Part three", "Bonus"]
