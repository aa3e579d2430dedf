"""Category pages and feeds: what readers may open, and what each lists."""

from datetime import timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from posts.models import Category, Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def categories(make_post):
    ai = Category.objects.create(name="AI", slug="ai")
    security = Category.objects.create(name="Security", slug="security")
    coming = Category.objects.create(name="Coming soon", slug="coming-soon")
    make_post(title="Agents", category=ai)
    make_post(title="Prompts", category=ai)
    make_post(title="Tokens", category=security)
    make_post(title="Draft", category=coming, status=Post.Status.DRAFT)
    make_post(
        title="Later", category=coming, published_at=timezone.now() + timedelta(days=1)
    )
    return ai, security, coming


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_category_list_shows_public_categories_with_their_counts(
    client, categories
):
    page = soup(client.get("/categories/"))
    entries = [" ".join(a.text.split()) for a in page.select(".category-list a")]
    assert entries == ["AI 2 posts", "Security 1 post"]


def test_a_category_page_lists_its_published_posts(client, categories):
    page = soup(client.get("/categories/ai/"))
    assert page.h1.text == "AI"
    assert [a.text for a in page.select(".card-title a")] == ["Agents", "Prompts"]
    assert page.select_one('meta[property="og:title"]')["content"] == "AI"
    assert page.select_one('link[type="application/atom+xml"][title^="AI"]')


def test_a_category_only_unpublished_posts_use_is_hidden_from_the_public(
    client, admin_client, categories
):
    for url in ["/categories/coming-soon/", "/categories/coming-soon/rss.xml"]:
        assert client.get(url).status_code == 404, url
    staff_page = admin_client.get("/categories/coming-soon/")
    assert staff_page.status_code == 200
    assert "only staff can see this page" in staff_page.content.decode()


def test_category_pages_are_paginated(client, make_post, settings):
    settings.BLOGCRAFT_POSTS_PER_PAGE = 2
    ai = Category.objects.create(name="AI", slug="ai")
    for _ in range(5):
        make_post(category=ai)
    assert len(soup(client.get("/categories/ai/3/")).select(".post-card")) == 1
    assert client.get("/categories/ai/4/").status_code == 404
    first = client.get("/categories/ai/1/")
    assert (first.status_code, first["Location"]) == (301, "/categories/ai/")


@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml"])
def test_category_feeds_carry_only_that_categorys_posts(client, categories, feed):
    parsed = feedparser.parse(client.get(f"/categories/ai/{feed}").content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "Blogcraft · AI"
    assert sorted(entry.title for entry in parsed.entries) == ["Agents", "Prompts"]


def test_tags_have_an_atom_feed_too(client, make_post):
    make_post(title="Tagged", tags=["django"])
    make_post(title="Not tagged")
    parsed = feedparser.parse(client.get("/tags/django/atom.xml").content)
    assert parsed.version == "atom10"
    assert [entry.title for entry in parsed.entries] == ["Tagged"]


def test_categories_link_to_their_page_wherever_they_appear(client, categories):
    post = Post.objects.get(title="Agents")
    for url in ["/", "/blog/", post.get_absolute_url()]:
        links = soup(client.get(url)).select("a.chip-category")
        assert links and {a["href"] for a in links} <= {
            "/categories/ai/",
            "/categories/security/",
        }, url
