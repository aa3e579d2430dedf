"""The page cache: what it keeps, under which key, when it lets go, and for whom."""

import sys
import types
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from blogcraft import stored_pages as stored_pages_module
from blogcraft.page_cache import STATE_KEY, compute_content_state, content_state
from posts.models import Author, Category, Post, Tag
from posts.reviews import create_review_link, token_for
from posts.sitemaps import SiteSitemap
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(make_post):
    category = Category.objects.create(name="Essays", slug="essays")
    return make_post(title="Cached", slug="cached", tags=["ai"], category=category)


def test_a_readers_page_is_kept_whole_with_its_validators(
    client, post, assert_page_queries
):
    assert_page_queries("/blog/cached/", 6)
    repeat = client.get("/blog/cached/")
    assert repeat["Cache-Control"] == "max-age=0, must-revalidate, public"
    assert repeat["Vary"] == "Cookie, Accept-Encoding"
    assert repeat["ETag"].startswith('"')
    post.refresh_from_db()
    changed = max(post.published_at, post.modified_at)
    assert repeat["Last-Modified"] == http_date(int(changed.timestamp()))


def test_each_address_is_kept_apart_query_string_included(
    client, make_post, monkeypatch, assert_page_queries, django_assert_num_queries
):
    monkeypatch.setattr(SiteSitemap, "limit", 1)
    first, second = make_post(slug="newer"), make_post(slug="older")
    page_one = assert_page_queries("/sitemap-posts.xml", 3)
    # Rendered on its own (the content state is already known), then kept.
    with django_assert_num_queries(3):
        page_two = client.get("/sitemap-posts.xml?p=2")
    with django_assert_num_queries(0):
        assert client.get("/sitemap-posts.xml?p=2").content == page_two.content
    assert first.slug.encode() in page_one.content
    assert second.slug.encode() in page_two.content
    assert page_one.content != page_two.content


def test_the_state_is_computed_once_for_every_page(client, post):
    client.get("/")
    state = cache.get(STATE_KEY)
    assert state is not None
    for url in ("/blog/", "/tags/ai/", "/rss.xml"):
        assert client.get(url)["ETag"] == f'"{state[0]}"'
    assert content_state() == state


def change_post(post):
    post.title = "Changed"
    post.save()


def change_tag(post):
    tag = Tag.objects.get(slug="ai")
    tag.name = "Artificial intelligence"
    tag.save()


def change_category(post):
    Category.objects.filter(slug="essays").get().save()


def add_author(post):
    post.authors.add(Author.objects.create(name="Ada"))


def retag(post):
    post.tags.add("rust")


def file_in_a_series(post):
    series = Series.objects.create(title="S", slug="s", description="d")
    SeriesPart.objects.create(series=series, post=post, position=1)


def delete_post(post):
    post.delete()


@pytest.mark.parametrize(
    "change",
    [
        change_post,
        change_tag,
        change_category,
        add_author,
        retag,
        file_in_a_series,
        delete_post,
    ],
)
def test_every_change_of_public_content_drops_every_kept_page(
    client, post, change, django_capture_on_commit_callbacks
):
    old = client.get("/")["ETag"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        change(post)
    assert cache.get(STATE_KEY) is None
    # Forgotten again at the commit: a page kept meanwhile, rendered from the data
    # as it was before the commit, must not outlive it.
    cache.set(STATE_KEY, ("rendered-before-the-commit", None))
    for callback in callbacks:
        callback()
    assert cache.get(STATE_KEY) is None
    fresh = client.get("/", headers={"If-None-Match": old})
    assert fresh.status_code == 200
    assert fresh["ETag"] != old


def test_a_saved_draft_changes_nothing_readers_see_but_still_drops_the_pages(
    client, make_post
):
    # Saving cannot know what a page showed; dropping too often is only slower.
    etag = client.get("/")["ETag"]
    make_post(status=Post.Status.DRAFT)
    assert client.get("/", headers={"If-None-Match": etag}).status_code == 200


def test_the_state_lasts_until_the_next_scheduled_post_is_due(make_post, settings):
    settings.BLOGCRAFT_PAGE_CACHE_SECONDS = 600
    make_post()
    assert compute_content_state()[1] == 600
    make_post(published_at=timezone.now() + timedelta(seconds=90))
    assert 0 < compute_content_state()[1] <= 90


def test_if_modified_since_the_last_change_gets_304(client, post):
    last_modified = client.get("/tags/ai/")["Last-Modified"]
    same = client.get("/tags/ai/", headers={"If-Modified-Since": last_modified})
    assert same.status_code == 304
    earlier = http_date(post.published_at.timestamp() - 60)
    older = client.get("/tags/ai/", headers={"If-Modified-Since": earlier})
    assert older.status_code == 200


def test_a_304_is_answered_without_a_query(client, post, django_assert_num_queries):
    etag = client.get("/feed.json")["ETag"]
    with django_assert_num_queries(0):
        response = client.get("/feed.json", headers={"If-None-Match": etag})
    assert response.status_code == 304


def test_a_not_found_page_is_never_kept(client, db, django_assert_num_queries):
    client.get("/blog/nothing-here/")
    with django_assert_num_queries(3):  # the state, then the view's lookups again
        response = client.get("/blog/nothing-here/")
    assert response.status_code == 404
    assert "ETag" not in response


def test_a_post_request_goes_to_the_view(client, post):
    client.get("/")
    assert "ETag" not in client.post("/")


def banner_of(response):
    return BeautifulSoup(response.content, "html.parser").select_one(".draft-banner")


def test_what_staff_see_is_never_kept_nor_given_to_readers(editor_client, make_post):
    client = Client()
    draft = make_post(slug="secret", status=Post.Status.DRAFT, tags=["ai"])
    staff = editor_client.get("/blog/secret/")
    assert staff.status_code == 200
    assert banner_of(staff) is not None
    assert "no-cache" in staff["Cache-Control"]
    staff_feed = editor_client.get("/rss.xml")
    assert "ETag" not in staff_feed
    assert client.get("/blog/secret/").status_code == 404
    assert draft.slug.encode() not in client.get("/rss.xml").content


def test_a_readers_copy_is_never_given_to_staff(editor_client, make_post):
    client = Client()
    make_post(slug="public", tags=["ai"])
    make_post(slug="drafted", status=Post.Status.DRAFT, tags=["unpublished"])
    assert client.get("/tags/unpublished/").status_code == 404
    assert "ETag" in client.get("/rss.xml")
    staff_feed = editor_client.get("/rss.xml")
    assert "ETag" not in staff_feed
    staff = editor_client.get("/tags/unpublished/")
    assert staff.status_code == 200
    assert banner_of(staff) is not None


def test_a_review_link_is_never_kept_anywhere(client, editor, make_post):
    draft = make_post(slug="under-review", status=Post.Status.DRAFT)
    token = token_for(create_review_link(draft, editor))
    first = client.get(f"/review/{token}/")
    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"]
    assert "ETag" not in first
    assert "ETag" not in client.get(f"/review/{token}/")


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_with_the_cache_off_every_request_renders_again(client, post, settings):
    settings.BLOGCRAFT_PAGE_CACHE_SECONDS = 0
    # A kept page costs no query; each of these is rendered.
    assert queries_of(client, "/tags/ai/") > 0
    assert queries_of(client, "/tags/ai/") > 0
    # Still answered conditionally: a repeat costs the reader no bytes.
    etag = client.get("/tags/ai/")["ETag"]
    assert client.get("/tags/ai/", headers={"If-None-Match": etag}).status_code == 304


def test_a_reader_with_a_session_cookie_is_still_a_reader(post):
    # A session cookie alone (say, a logged-out editor's) skips the early answer,
    # not the cache.
    reader = Client()
    reader.cookies["sessionid"] = "stale"
    first = reader.get("/blog/cached/")
    assert first.status_code == 200
    assert "ETag" in first


class Vanishing:
    """A value pickled by reference to a module that a later release no longer has."""


def test_a_page_an_older_release_stored_in_a_shape_now_unreadable_is_a_miss(
    client, post, monkeypatch
):
    first = client.get("/blog/cached/")
    state, _ = content_state()
    key = stored_pages_module.shared_key(state, "/blog/cached/")
    assert cache.get(key) is not None
    # Stored by "the older release": the class's module is gone when read back.
    module = types.ModuleType("blogcraft_release_before")
    module.Vanishing = Vanishing
    Vanishing.__module__ = module.__name__
    monkeypatch.setitem(sys.modules, module.__name__, module)
    cache.set(key, Vanishing())
    monkeypatch.delitem(sys.modules, module.__name__)
    stored_pages_module.stored_pages.forget_local()

    again = client.get("/blog/cached/")

    assert again.status_code == 200
    assert again.content == first.content


def test_cached_pages_are_keyed_by_where_their_class_lives(monkeypatch):
    before = stored_pages_module.page_format()
    monkeypatch.setattr(
        stored_pages_module.StoredPage, "__module__", "blogcraft.pages_moved"
    )
    assert stored_pages_module.page_format() != before
