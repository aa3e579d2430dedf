"""Every machine-readable time is ISO 8601 to the second (RFC 822 in RSS), on every
page and feed, even when the stored times carry microseconds."""

import json
import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from posts.models import Post, ReviewLink
from posts.reviews import create_review_link, token_for
from posts.timestamps import machine_time, now_to_the_second, to_the_second
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

# A valid HTML global date and time string / RFC 3339 time, with no fraction.
TO_THE_SECOND = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")
# A sitemap's lastmod: a date, or a time to the second.
SITEMAP_DATE = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d))?$")
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

PAGES = [
    "/",
    "/blog/",
    "/blog/timed/",
    "/tags/timing/",
    "/archive/2026/",
    "/series/clocks/",
]
DATE_KEYS = {"datePublished", "dateModified", "dateCreated", "expires"}


@pytest.fixture
def timed_post(make_post):
    """A published post whose every time has microseconds, in a series, tagged."""
    published = datetime(2026, 11, 30, 23, 43, 13, 364486, tzinfo=UTC)
    post = make_post(
        slug="timed",
        tags=["timing"],
        published_at=published,
        updated_at=published + timedelta(hours=1, microseconds=17),
        update_note="Fixed a typo.",
    )
    # As rows written some other way may hold them.
    Post.objects.filter(pk=post.pk).update(
        content_changed_at=published + timedelta(hours=2, microseconds=5)
    )
    series = Series.objects.create(title="Clocks", slug="clocks", description="d")
    SeriesPart.objects.create(series=series, post=post, position=1)
    return post


def dates_in(data):
    """The values of the date keys anywhere in a JSON-LD object."""
    if isinstance(data, list):
        for item in data:
            yield from dates_in(item)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key in DATE_KEYS:
                yield key, value
            else:
                yield from dates_in(value)


def machine_times_on(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    times = [("time", tag["datetime"]) for tag in soup.select("time[datetime]")]
    times += [
        (tag["property"], tag["content"])
        for tag in soup.select("meta[property$='_time']")
    ]
    for script in soup.select('script[type="application/ld+json"]'):
        times += list(dates_in(json.loads(script.string)))
    return times


@pytest.mark.parametrize("url", PAGES)
def test_every_time_on_every_page_is_to_the_second(client, timed_post, url):
    times = machine_times_on(client, url)
    assert times, f"{url} shows no machine-readable time"
    for where, value in times:
        assert TO_THE_SECOND.match(value), (url, where, value)


def test_the_post_page_carries_each_of_its_times(client, timed_post):
    names = {where for where, _ in machine_times_on(client, "/blog/timed/")}
    assert {
        "time",
        "article:published_time",
        "article:modified_time",
        "datePublished",
        "dateModified",
    } <= names


@pytest.mark.parametrize(
    "url", ["/atom.xml", "/series/clocks/atom.xml"], ids=["site", "series"]
)
def test_atom_times_are_to_the_second(client, timed_post, url):
    content = client.get(url).content
    assert not feedparser.parse(content).bozo
    root = ElementTree.fromstring(content)
    times = [element.text for element in root.iter(f"{ATOM}updated")]
    times += [element.text for element in root.iter(f"{ATOM}published")]
    assert len(times) == 3  # the feed's updated, the entry's updated and published
    for value in times:
        assert TO_THE_SECOND.match(value), value


@pytest.mark.parametrize(
    "url", ["/rss.xml", "/series/clocks/rss.xml", "/tags/timing/rss.xml"]
)
def test_rss_dates_are_whole_seconds(client, timed_post, url):
    content = client.get(url).content
    assert not feedparser.parse(content).bozo
    dates = [
        element.text
        for element in ElementTree.fromstring(content).iter()
        if element.tag in {"pubDate", "lastBuildDate"}
    ]
    assert dates
    for value in dates:
        assert parsedate_to_datetime(value).microsecond == 0


def test_json_feed_times_are_to_the_second(client, timed_post):
    item = json.loads(client.get("/feed.json").content)["items"][0]
    assert TO_THE_SECOND.match(item["date_published"])
    assert TO_THE_SECOND.match(item["date_modified"])


def test_sitemap_dates_are_dates_or_times_to_the_second(client, timed_post, settings):
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    sections = [element.text for element in index.iter(f"{SITEMAP}loc")]
    lastmods = [element.text for element in index.iter(f"{SITEMAP}lastmod")]
    for section in sections:
        root = ElementTree.fromstring(
            client.get(section.removeprefix(settings.SITE_URL)).content
        )
        lastmods += [element.text for element in root.iter(f"{SITEMAP}lastmod")]
    assert len(lastmods) >= 4  # home, the post, its tag, its series
    for value in lastmods:
        assert SITEMAP_DATE.match(value), value


def test_scheduled_badge_time_is_to_the_second(admin_client, make_post):
    make_post(
        status=Post.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1, microseconds=123),
    )
    soup = BeautifulSoup(admin_client.get("/admin/posts/post/").content, "html.parser")
    badge = soup.select_one(".state-scheduled time")
    assert TO_THE_SECOND.match(badge["datetime"])


def test_times_the_server_sets_are_whole_seconds(db):
    post = Post(title="Now", description="d", status=Post.Status.PUBLISHED)
    post.save()
    post.refresh_from_db()
    assert post.published_at.microsecond == 0
    assert post.content_changed_at == post.published_at
    post.title = "Now, changed"
    post.save()
    post.refresh_from_db()
    assert post.content_changed_at.microsecond == 0


def test_one_formatter_for_every_machine_time(settings):
    moment = datetime(2026, 11, 30, 23, 43, 13, 364486, tzinfo=UTC)
    assert machine_time(moment) == "2026-11-30T23:43:13+00:00"
    assert machine_time(None) == ""
    assert to_the_second(moment).microsecond == 0
    assert now_to_the_second().microsecond == 0
    settings.TIME_ZONE = "Europe/Paris"
    timezone.activate("Europe/Paris")
    try:
        assert machine_time(moment) == "2026-12-01T00:43:13+01:00"
    finally:
        timezone.deactivate()


def test_an_expired_review_links_time_is_to_the_second(client, make_post, admin_user):
    link = create_review_link(make_post(status=Post.Status.DRAFT), admin_user)
    made = timezone.now().replace(microsecond=364486) - timedelta(days=8)
    ReviewLink.objects.filter(pk=link.pk).update(
        created_at=made, expires_at=made + timedelta(days=7)
    )
    response = client.get(f"/review/{token_for(link)}/")
    assert response.status_code == 410
    time = BeautifulSoup(response.content, "html.parser").select_one("time")
    assert TO_THE_SECOND.match(time["datetime"]), time["datetime"]
