"""The sitemap's sections: what each lists, the date it gives, and what it costs."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from posts.models import Category, Post, Tag
from series.models import Series
from series.tests.parts import append_parts

from .sitemap_reading import SITEMAP, parsed

pytestmark = pytest.mark.django_db

SITE = "https://blog.example.org"
APRIL = datetime(2026, 4, 20, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def lastmods(client, section):
    """{address: lastmod} of one section's first page, in its order."""
    root = parsed(client, f"/sitemap-{section}.xml")
    return {
        url.find(f"{SITEMAP}loc").text: url.find(f"{SITEMAP}lastmod").text
        for url in root.iter(f"{SITEMAP}url")
    }


def changed_at(post, moment):
    Post.objects.filter(pk=post.pk).update(content_changed_at=moment)


def test_addresses_are_on_the_sites_url_whatever_the_host(make_post):
    make_post(slug="hosted", tags=["Django"])
    for section in ("home", "posts", "tags"):
        client = Client(HTTP_HOST="localhost")
        for address in lastmods(client, section):
            assert address.startswith(f"{SITE}/"), address


def test_home_changes_with_the_newest_published_change(client, make_post):
    post = make_post()
    changed_at(post, APRIL)
    # A draft edited later is nothing readers see.
    changed_at(make_post(status=Post.Status.DRAFT), APRIL + timedelta(days=2))
    assert lastmods(client, "home") == {f"{SITE}/": "2026-04-20"}


def test_posts_are_listed_newest_first_with_their_own_date(client, make_post):
    older, newer = make_post(slug="older"), make_post(slug="newer")
    Post.objects.filter(pk=older.pk).update(
        published_at=APRIL, content_changed_at=APRIL
    )
    Post.objects.filter(pk=newer.pk).update(
        published_at=APRIL + timedelta(days=1), content_changed_at=None
    )
    make_post(slug="hidden", status=Post.Status.DRAFT)
    # A post that never changed after publication is dated by its publication.
    assert lastmods(client, "posts") == {
        f"{SITE}/blog/newer/": "2026-04-21",
        f"{SITE}/blog/older/": "2026-04-20",
    }


def test_a_tag_is_dated_by_its_newest_published_post(client, make_post):
    post = make_post(tags=["Rust", "Go"])
    changed_at(post, APRIL)
    draft = make_post(tags=["Rust"], status=Post.Status.DRAFT)
    changed_at(draft, APRIL + timedelta(days=5))
    make_post(tags=["Secret"], status=Post.Status.DRAFT)
    # In slug order; a tag only drafts use is not listed.
    assert lastmods(client, "tags") == {
        f"{SITE}/tags/go/": "2026-04-20",
        f"{SITE}/tags/rust/": "2026-04-20",
    }


def build_content(make_post, copy_posts, count):
    """count posts in three series, with tags of their own and shared."""
    category, _ = Category.objects.get_or_create(name="AI", slug="ai")
    for number in range(3):
        series, _ = Series.objects.get_or_create(
            slug=f"series-{number}",
            defaults={"title": f"Series {number}", "description": "S."},
        )
        post = make_post(category=category, tags=["one", f"tag-{Tag.objects.count()}"])
        append_parts(series, [post, *copy_posts(post, count // 3 - 1)])


@pytest.mark.parametrize(
    ("section", "queries"),
    [
        ("home", 1),  # the newest change
        ("posts", 3),  # the count, the page's ids and its posts
        ("series", 2),  # the count, the page's series with their dates
        ("tags", 2),  # the count, the page's tags with their dates
    ],
)
def test_sections_use_a_fixed_number_of_queries(
    make_post, copy_posts, assert_page_queries, section, queries
):
    build_content(make_post, copy_posts, 6)
    url = f"/sitemap-{section}.xml"
    assert_page_queries(url, queries)
    build_content(make_post, copy_posts, 24)
    assert_page_queries(url, queries)
