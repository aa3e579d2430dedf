from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from posts.models import Post
from series.tests.parts import append_parts

pytestmark = pytest.mark.django_db

SITE = "https://blog.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.mark.parametrize(
    ("url", "version"), [("rss.xml", "rss20"), ("atom.xml", "atom10")]
)
def test_series_feed_has_its_published_parts(
    client, make_series, make_post, url, version
):
    series = make_series("my-series", part_count=3, title="My Series")
    make_post(title="Not in the series")
    Post.objects.filter(series_part__position=2).update(status=Post.Status.DRAFT)
    response = client.get(f"/series/my-series/{url}")
    feed = feedparser.parse(response.content)
    assert not feed.bozo and feed.version == version
    assert feed.feed.title == "My Series · Blogcraft"
    assert feed.feed.link == f"{SITE}/series/my-series/"
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"{SITE}/series/my-series/{url}"]
    expected = [
        part.post.title for part in series.parts.published().order_by("position")
    ]
    assert [entry.title for entry in feed.entries] == expected
    assert len(expected) == 2


def test_unknown_series_feed_is_not_found(client):
    assert client.get("/series/nope/rss.xml").status_code == 404


@pytest.mark.parametrize("url", ["/series/s/rss.xml", "/series/s/atom.xml"])
def test_series_feeds_use_a_fixed_number_of_queries(
    make_series, make_post, copy_posts, assert_page_queries, url
):
    # The series, its published parts' posts, their tags, their authors.
    series = make_series("s", part_count=3)
    assert_page_queries(url, 4)
    post = make_post(tags=["one", "two"])
    append_parts(series, [post, *copy_posts(post, 19)])
    assert_page_queries(url, 4)


@pytest.mark.parametrize("url", ["rss.xml", "atom.xml"])
def test_series_feed_is_in_part_order(client, make_series, url):
    series = make_series("my-series", part_count=3)
    # Part 3 was published first, part 1 last.
    Post.objects.filter(series_part__position=3).update(
        published_at=timezone.now() - timedelta(days=3)
    )
    series.parts.filter(position=1).update(position=4)
    feed = feedparser.parse(client.get(f"/series/my-series/{url}").content)
    expected = [part.post.title for part in series.parts.order_by("position")]
    assert [entry.title for entry in feed.entries] == expected
