from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from posts.models import Author, Category, Post
from posts.tests.media_storage import media_address
from posts.timestamps import machine_time
from series.models import Series
from series.tests.parts import append_parts

from .waiting import read_until

pytestmark = pytest.mark.django_db

SITE = "https://blog.example.org"
SEED = Path(__file__).resolve().parents[2] / "demo" / "blogcraft-rss.xml"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def fetch(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.status_code
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


def shown(detail):
    """The text a reader shows for a field: HTML rendered, plain text as it is."""
    if detail.type == "text/plain":
        return detail.value
    return BeautifulSoup(detail.value, "html.parser").get_text()


def test_rss_channel_matches_the_seed(client, make_post):
    make_post()
    response, feed = fetch(client, "/rss.xml")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert feed.version == "rss20"
    assert feed.feed.title == "Blogcraft"
    assert feed.feed.description == "Beautiful technical writing, rendered with care."
    assert feed.feed.link == f"{SITE}/"
    assert feed.feed.language == "en-us"
    assert feed.feed.updated_parsed is not None  # lastBuildDate
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"{SITE}/rss.xml"]


def test_rss_items_are_the_published_posts_newest_first(client, make_post):
    newest = make_post(title="Newest", tags=["Python", "C++"], body="## Full\n\nbody")
    older = make_post(title="Older", published_at=timezone.now() - timedelta(days=3))
    make_post(title="Draft", status=Post.Status.DRAFT)
    make_post(title="Scheduled", published_at=timezone.now() + timedelta(hours=2))
    _, feed = fetch(client, "/rss.xml")
    assert [entry.title for entry in feed.entries] == ["Newest", "Older"]
    entry = feed.entries[0]
    link = f"{SITE}/blog/{newest.slug}/"
    assert entry.link == link
    assert entry.id == link
    assert entry.summary == newest.description
    assert entry.content[0].value == newest.feed_html.strip()
    assert sorted(tag.term for tag in entry.tags) == ["C++", "Python"]
    assert entry.published_parsed[:6] == newest.published_at.utctimetuple()[:6]
    assert feed.entries[1].link == f"{SITE}/blog/{older.slug}/"


def test_rss_guids_are_permalinks(client, make_post):
    make_post()
    root = ElementTree.fromstring(client.get("/rss.xml").content)
    guids = root.findall("./channel/item/guid")
    assert [guid.get("isPermaLink") for guid in guids] == ["true"]
    assert guids[0].text == root.find("./channel/item/link").text


def test_demo_feed_carries_the_seeds_items(client, settings, demo):
    settings.SITE_URL = "https://blogcraft.pages.dev"
    _, ours = fetch(client, "/rss.xml")
    seed = feedparser.parse(SEED.read_bytes())

    # Our titles carry escaped text, the seed's raw text: readers show the same.
    def item(entry):
        return (
            shown(entry.title_detail),
            entry.link,
            entry.id,
            shown(entry.summary_detail),
            entry.published_parsed,
        )

    assert len(ours.entries) == 62
    assert {item(entry) for entry in ours.entries} == {
        item(entry) for entry in seed.entries
    }
    dates = [entry.published_parsed for entry in ours.entries]
    assert dates == sorted(dates, reverse=True)


def test_atom_and_json_feeds(client, make_post):
    post = make_post(title="Everywhere", tags=["Django"])
    _, atom = fetch(client, "/atom.xml")
    assert atom.version == "atom10"
    assert [link.href for link in atom.feed.links if link.rel == "self"] == [
        f"{SITE}/atom.xml"
    ]
    assert atom.entries[0].link == f"{SITE}/blog/{post.slug}/"
    assert atom.entries[0].content[0].value == post.feed_html.strip()
    # feedparser 6 reads no JSON Feed: check the 1.1 fields it requires directly.
    response = client.get("/feed.json")
    assert response["Content-Type"].startswith("application/feed+json")
    data = response.json()
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["title"] == "Blogcraft"
    assert data["home_page_url"] == f"{SITE}/"
    assert data["feed_url"] == f"{SITE}/feed.json"
    item = data["items"][0]
    assert item["id"] == item["url"] == f"{SITE}/blog/{post.slug}/"
    assert item["content_html"] == post.feed_html
    assert item["tags"] == ["Django"]
    assert item["date_published"] == machine_time(post.published_at)


def test_feeds_name_every_author_of_each_post(client, make_post, settings):
    settings.SITE_AUTHOR = "The Team"
    signed = make_post(title="Signed")
    signed.authors.set(
        [
            Author.objects.create(
                name="Ada Lovelace",
                url="https://ada.example.org/",
                avatar="authors/ada.png",
            ),
            Author.objects.create(name="Grace Hopper"),
        ]
    )
    make_post(title="Unsigned")
    names = [["Ada Lovelace", "Grace Hopper"], ["The Team"]]

    _, rss = fetch(client, "/rss.xml")
    assert [[a.name for a in entry.authors] for entry in rss.entries] == names

    _, atom = fetch(client, "/atom.xml")
    assert [[a.name for a in entry.authors] for entry in atom.entries] == names
    assert atom.entries[0].authors[0].href == "https://ada.example.org/"
    assert "href" not in atom.entries[0].authors[1]
    assert atom.entries[1].authors[0].href == f"{SITE}/"

    items = client.get("/feed.json").json()["items"]
    assert items[0]["authors"] == [
        {
            "name": "Ada Lovelace",
            "url": "https://ada.example.org/",
            "avatar": media_address(SITE, "authors/ada.png"),
        },
        {"name": "Grace Hopper"},
    ]
    assert items[1]["authors"] == [{"name": "The Team", "url": f"{SITE}/"}]


def test_tag_feed_has_only_that_tags_posts(client, make_post):
    tagged = make_post(title="Tagged", tags=["C#"])
    make_post(title="Other", tags=["Go"])
    _, feed = fetch(client, "/tags/c-sharp/rss.xml")
    assert [entry.title for entry in feed.entries] == [tagged.title]
    assert feed.feed.link == f"{SITE}/tags/c-sharp/"
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"{SITE}/tags/c-sharp/rss.xml"]
    assert client.get("/tags/nope/rss.xml").status_code == 404


def test_feed_is_limited_by_the_setting(client, make_post, settings):
    settings.BLOGCRAFT_FEED_ITEMS = 3
    for _ in range(5):
        make_post()
    _, feed = fetch(client, "/rss.xml")
    assert len(feed.entries) == 3


def test_repeat_request_is_answered_not_modified(client, make_post):
    make_post()
    response, _ = fetch(client, "/rss.xml")
    etag, last_modified = response["ETag"], response["Last-Modified"]
    assert client.get("/rss.xml", headers={"If-None-Match": etag}).status_code == 304
    repeat = client.get("/rss.xml", headers={"If-Modified-Since": last_modified})
    assert repeat.status_code == 304


def test_editing_a_post_drops_the_cached_feed(client, make_post):
    post = make_post(title="Before")
    response, _ = fetch(client, "/rss.xml")
    post.title = "After"
    post.save()
    etag = response["ETag"]
    assert client.get("/rss.xml", headers={"If-None-Match": etag}).status_code == 200
    _, feed = fetch(client, "/rss.xml")
    assert feed.entries[0].title == "After"


def test_scheduled_post_enters_the_feed_when_its_time_comes(client, make_post):
    make_post(title="Now")
    due = timezone.now() + timedelta(seconds=2)
    make_post(title="Soon", published_at=due)
    _, feed = fetch(client, "/rss.xml")
    assert [entry.title for entry in feed.entries] == ["Now"]

    # Time passes: no save, no signal, and the cached feed still notices.
    def titles():
        return [entry.title for entry in fetch(client, "/rss.xml")[1].entries]

    waited = (due - timezone.now()).total_seconds() + 5
    assert read_until(titles, ["Soon", "Now"], timeout=waited) == ["Soon", "Now"]


def test_control_character_in_an_old_post_is_dropped(client, make_post):
    post = make_post()
    Post.objects.filter(pk=post.pk).update(
        title="Old\x0b title", description="Bell\x07", body_html="<p>x\x01y</p>"
    )
    for url in ["/rss.xml", "/atom.xml"]:
        _, feed = fetch(client, url)
        assert feed.entries[0].title == "Old title"
    assert client.get("/feed.json").json()["items"][0]["title"] == "Old title"


def build_feed_posts(make_post, copy_posts, count):
    """Posts with everything a feed item names: tags, authors, a category, a series."""
    category, _ = Category.objects.get_or_create(name="AI", slug="ai")
    series, _ = Series.objects.get_or_create(
        slug="feed-series", defaults={"title": "Feed series", "description": "S."}
    )
    authors = list(Author.objects.all()) or [
        Author.objects.create(name="Ada"),
        Author.objects.create(name="Bo"),
    ]
    post = make_post(tags=["one", "two"], category=category)
    post.authors.set(authors)
    append_parts(series, [post, *copy_posts(post, count - 1)])


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/rss.xml", 3),  # posts, their tags, their authors
        ("/atom.xml", 3),
        ("/feed.json", 3),
        # The tag or the category, then as the site's feed.
        ("/tags/one/rss.xml", 4),
        ("/tags/one/atom.xml", 4),
        ("/categories/ai/rss.xml", 4),
        ("/categories/ai/atom.xml", 4),
    ],
)
def test_feeds_use_a_fixed_number_of_queries(
    make_post, copy_posts, assert_page_queries, url, queries
):
    build_feed_posts(make_post, copy_posts, 3)
    assert_page_queries(url, queries)
    build_feed_posts(make_post, copy_posts, 20)
    assert_page_queries(url, queries)


@pytest.mark.parametrize(
    ("url", "queries"),
    [("/rss.xml", 3), ("/feed.json", 3), ("/categories/ai/atom.xml", 4)],
)
def test_a_cut_feed_costs_what_a_short_one_does(
    make_post, copy_posts, assert_page_queries, settings, url, queries
):
    # Past the feed's length, older posts add no query either.
    settings.BLOGCRAFT_FEED_ITEMS = 5
    build_feed_posts(make_post, copy_posts, 8)
    response = assert_page_queries(url, queries)
    if url.endswith(".json"):
        assert len(response.json()["items"]) == 5
    else:
        assert len(feedparser.parse(response.content).entries) == 5
