"""One time says when readers last saw a post change, and every page, feed and
sitemap gives it: not the time its row happened to be saved."""

import json
from datetime import UTC, datetime, timedelta
from importlib import import_module

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.utils import timezone

from posts.feed_import import import_feed
from posts.models import Author, Category, Post, Tag
from posts.tests.sitemap_reading import sitemap_urls
from posts.timestamps import machine_time
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
APRIL = datetime(2026, 4, 20, 9, 30, tzinfo=UTC)
fill_migration = import_module("posts.migrations.0015_fill_feed_ids_and_content_times")


def sitemap_lastmods(client):
    return {
        url.find(f"{SITEMAP}loc").text.split("/", 3)[3]: url.find(
            f"{SITEMAP}lastmod"
        ).text
        for url in sitemap_urls(client)
    }


def modified_times(client, post):
    """Every place that says when post last changed, by where it says so."""
    url = f"/blog/{post.slug}/"
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    article = next(
        data
        for data in (
            json.loads(script.string)
            for script in soup.select('script[type="application/ld+json"]')
        )
        if data["@type"] == "BlogPosting"
    )
    atom = feedparser.parse(client.get("/atom.xml").content)
    entry = next(entry for entry in atom.entries if entry.link.endswith(url))
    item = next(
        item
        for item in json.loads(client.get("/feed.json").content)["items"]
        if item["url"].endswith(url)
    )
    return {
        "article:modified_time": soup.select_one(
            "meta[property='article:modified_time']"
        )["content"],
        "dateModified": article["dateModified"],
        "atom updated": machine_time(datetime(*entry.updated_parsed[:6], tzinfo=UTC)),
        "json date_modified": item["date_modified"],
    }


def assert_all_say(client, post, moment):
    expected = machine_time(moment)
    assert set(modified_times(client, post).values()) == {expected}
    assert sitemap_lastmods(client)[f"blog/{post.slug}/"] == moment.date().isoformat()


def make_loaded_post(make_post, **fields):
    """A post as an import or the demo leaves it: published in April, saved today."""
    post = make_post(slug="loaded", published_at=APRIL, tags=["ai"], **fields)
    return Post.objects.get(pk=post.pk)


def test_a_post_saved_today_but_published_in_april_changed_in_april(client, make_post):
    post = make_loaded_post(make_post)
    post.save()  # saved again, nothing readers see changed
    assert_all_say(client, post, APRIL)


def test_atom_updated_is_the_publication_until_the_post_changes(client, make_post):
    post = make_loaded_post(make_post)
    entry = feedparser.parse(client.get("/atom.xml").content).entries[0]
    assert entry.updated_parsed == entry.published_parsed
    post.description = "A better summary."
    post.save()
    entry = feedparser.parse(client.get("/atom.xml").content).entries[0]
    assert entry.updated_parsed > entry.published_parsed


@pytest.mark.parametrize(
    "change",
    [
        {"title": "A new title"},
        {"description": "A new summary."},
        {"body": "A new body."},
        {"update_note": "Rewrote the ending."},
    ],
    ids=lambda change: next(iter(change)),
)
def test_what_readers_see_changing_moves_every_date(client, make_post, change):
    post = make_loaded_post(make_post)
    for name, value in change.items():
        setattr(post, name, value)
    post.save()
    assert post.content_changed_at > APRIL
    assert_all_say(client, post, post.content_changed_at)


def test_changing_a_field_only_to_save_it_once_with_update_fields(client, make_post):
    post = make_loaded_post(make_post)
    post.title = "Retitled"
    post.save(update_fields=["title"])
    post.refresh_from_db()
    assert post.content_changed_at > APRIL


def test_what_readers_do_not_see_moves_no_date(client, make_post):
    post = make_loaded_post(make_post)
    post.body = post.body + "\n"  # the same HTML
    post.save()
    post.slug = "loaded-renamed"
    post.save()
    assert_all_say(client, post, APRIL)


def test_tags_and_series_placement_are_changes(client, make_post):
    post = make_loaded_post(make_post)
    post.tags.add("python")
    post.refresh_from_db()
    tagged = post.content_changed_at
    assert tagged > APRIL

    Post.objects.filter(pk=post.pk).update(content_changed_at=APRIL)
    series = Series.objects.create(title="S", slug="s", description="d")
    SeriesPart.objects.create(
        series=series, post=Post.objects.get(pk=post.pk), position=1
    )
    post.refresh_from_db()
    assert post.content_changed_at > APRIL
    assert_all_say(client, post, post.content_changed_at)


def test_an_author_added_from_the_authors_side_is_a_change(make_post):
    post = make_loaded_post(make_post)
    Author.objects.create(name="Ada").posts.add(post)
    post.refresh_from_db()
    assert post.content_changed_at > APRIL


def test_a_post_created_with_its_tags_has_not_changed(make_post):
    post = make_loaded_post(make_post)
    assert post.content_changed_at == APRIL


def test_edits_before_publication_are_not_changes_readers_saw(make_post):
    later = timezone.now() + timedelta(days=2)
    post = make_post(published_at=later)
    post.title = "Edited while scheduled"
    post.save()
    assert post.content_changed_at == later.replace(microsecond=0)


def test_an_import_keeps_the_feeds_dates(tmp_path, client):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
        <title>Elsewhere</title><id>urn:elsewhere</id>
        <updated>2026-04-25T08:00:00Z</updated>
        <entry><title>Imported</title><id>urn:elsewhere:1</id>
        <link href="https://elsewhere.example/blog/imported/"/>
        <published>2026-04-20T09:30:00Z</published>
        <updated>2026-04-25T08:00:00Z</updated>
        <summary>About it.</summary>
        <category term="ai"/></entry></feed>""",
        encoding="utf-8",
    )
    import_feed(str(feed))
    post = Post.objects.get()
    assert_all_say(client, post, datetime(2026, 4, 25, 8, tzinfo=UTC))


def test_the_migration_dates_existing_posts_by_what_readers_saw(client, make_post):
    post = make_loaded_post(make_post, updated_at=APRIL + timedelta(days=3))
    # As the rows stood before: no content time, saved on the day of loading.
    Post.objects.update(content_changed_at=None, feed_id="")
    fill_migration.fill(apps, None)
    post.refresh_from_db()
    assert post.content_changed_at == APRIL + timedelta(days=3)
    assert_all_say(client, post, APRIL + timedelta(days=3))


def test_series_sitemap_follows_what_readers_see_of_the_series(client, make_post):
    post = make_loaded_post(make_post)
    series = Series.objects.create(title="S", slug="s", description="d")
    SeriesPart.objects.create(series=series, post=post, position=1)
    Post.objects.update(content_changed_at=APRIL)
    series = Series.objects.get()
    series.save()  # nothing readers see changed
    assert sitemap_lastmods(client)["series/s/"] == "2026-04-20"
    series.description = "All about S, said better."
    series.save()
    today = timezone.now().date().isoformat()
    assert sitemap_lastmods(client)["series/s/"] == today


@pytest.mark.parametrize(
    ("shown", "change"),
    [
        ("tag", {"name": "Artificial intelligence"}),
        ("category", {"name": "Essays"}),
        ("author", {"name": "Ada Lovelace"}),
        ("author", {"bio": "Writes about engines."}),
    ],
    ids=["tag name", "category name", "author name", "author bio"],
)
def test_renaming_what_a_post_shows_is_a_change_to_it(make_post, shown, change):
    post = make_loaded_post(
        make_post, category=Category.objects.create(name="Notes", slug="notes")
    )
    Author.objects.create(name="Ada").posts.add(post)
    Post.objects.filter(pk=post.pk).update(content_changed_at=APRIL)
    obj = {
        "tag": lambda: Tag.objects.get(name="ai"),
        "category": lambda: Category.objects.get(),
        "author": lambda: Author.objects.get(),
    }[shown]()
    obj.save()  # nothing readers see changed
    post.refresh_from_db()
    assert post.content_changed_at == APRIL
    for name, value in change.items():
        setattr(obj, name, value)
    obj.save()
    post.refresh_from_db()
    assert post.content_changed_at > APRIL
