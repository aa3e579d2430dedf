"""The sitemap index and its sections: no sitemap response grows without bound."""

import pytest
from django.conf import settings

from posts.sitemaps import SiteSitemap

from .sitemap_reading import SITEMAP, index_locations, parsed, sitemap_locations

pytestmark = pytest.mark.django_db


def test_robots_points_at_the_index(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines
    assert parsed(client, "/sitemap.xml").tag == f"{SITEMAP}sitemapindex"


def test_index_lists_each_section_on_the_sites_address(client, make_post):
    make_post(tags=["Django"])
    # Whatever host the request came through.
    locations = index_locations(client)
    site = settings.SITE_URL
    assert locations == [
        f"{site}/sitemap-home.xml",
        f"{site}/sitemap-posts.xml",
        f"{site}/sitemap-series.xml",
        f"{site}/sitemap-tags.xml",
    ]


def test_sections_are_split_into_pages_that_hold_every_post_once(
    client, make_post, monkeypatch
):
    monkeypatch.setattr(SiteSitemap, "limit", 2)
    posts = [make_post() for _ in range(5)]
    locations = index_locations(client)
    posts_pages = [url for url in locations if "/sitemap-posts.xml" in url]
    assert posts_pages == [
        f"{settings.SITE_URL}/sitemap-posts.xml",
        f"{settings.SITE_URL}/sitemap-posts.xml?p=2",
        f"{settings.SITE_URL}/sitemap-posts.xml?p=3",
    ]
    sizes = [
        len(list(parsed(client, page).iter(f"{SITEMAP}url")))
        for page in ["/sitemap-posts.xml", "/sitemap-posts.xml?p=2"]
    ]
    assert sizes == [2, 2]
    listed = [url for url in sitemap_locations(client) if "/blog/" in url]
    assert listed == [f"{settings.SITE_URL}{post.get_absolute_url()}" for post in posts]
    assert client.get("/sitemap-posts.xml?p=4").status_code == 404


def test_an_unknown_section_is_not_found(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/sitemap.xml", 3),  # a count per section that has a query
        ("/sitemap-posts.xml", 3),  # the count, the page's ids and its posts
        ("/sitemap-posts.xml?p=2", 3),
    ],
)
def test_sitemap_queries_do_not_grow(
    make_post, copy_posts, assert_page_queries, monkeypatch, url, queries
):
    monkeypatch.setattr(SiteSitemap, "limit", 3)
    copy_posts(make_post(tags=["one"]), 6)
    assert_page_queries(url, queries)
    copy_posts(make_post(tags=["one", "two"]), 19)
    assert_page_queries(url, queries)
