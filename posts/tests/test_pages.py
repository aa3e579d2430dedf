"""The reader's pages: blog index, post, tags, archive, search, errors."""

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from blogcraft.templatetags.reading import duration
from blogcraft.views import server_error
from posts.models import Category, Post
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def titles(soup, selector=".post-card .card-title a"):
    return [link.text for link in soup.select(selector)]


def test_blog_index_is_paginated(client, make_post, settings):
    settings.BLOGCRAFT_POSTS_PER_PAGE = 4
    posts = [make_post(title=f"Post {n}") for n in range(6)]
    first = soup_of(client.get("/blog/"))
    assert titles(first) == [post.title for post in posts[:4]]
    assert first.select_one(".pagination a[rel=next]")["href"] == "/blog/2/"
    second = soup_of(client.get("/blog/2/"))
    assert titles(second) == [post.title for post in posts[4:]]
    assert second.select_one(".pagination a[rel=prev]")["href"] == "/blog/"
    assert client.get("/blog/1/")["Location"] == "/blog/"
    assert client.get("/blog/3/").status_code == 404


def test_card_shows_category_date_reading_time_and_tags(client, make_post):
    category = Category.objects.create(name="Architecture", slug="architecture")
    make_post(
        title="Carded",
        category=category,
        body="word " * 2000,
        tags=["Python"],
        published_at=timezone.make_aware(datetime(2026, 4, 20, 9)),
    )
    card = soup_of(client.get("/blog/")).select_one(".post-card")
    category_link = card.select_one("a.chip-category")
    assert (category_link.text, category_link["href"]) == (
        "Architecture",
        "/categories/architecture/",
    )
    assert card.find("time")["datetime"].startswith("2026-04-20")
    assert "9 min read" in card.select_one(".meta").text
    assert [a.text for a in card.select(".tags a")] == ["#Python"]


def test_slug_of_digits_only_is_refused():
    post = Post(title="2", description="d")
    with pytest.raises(ValidationError) as raised:
        post.full_clean()
    assert "page numbers" in raised.value.message_dict["slug"][0]


@pytest.fixture
def series_with_bonus(make_post):
    series = Series.objects.create(title="From Chat", slug="from-chat", description="d")
    posts = []
    for position, label in [(1, ""), (2, ""), (3, "Bonus")]:
        post = make_post(title=f"Chat {position}", tags=["AI"])
        SeriesPart.objects.create(
            series=series, post=post, position=position, label=label
        )
        posts.append(post)
    return series, posts


def test_series_box_lists_every_part_and_marks_the_current(client, series_with_bonus):
    _, posts = series_with_bonus
    page = soup_of(client.get(posts[1].get_absolute_url()))
    box = page.select_one(".series-box")
    # The bonus part is listed but not numbered, nor counted.
    assert box.select_one(".series-box-title").text == "Part 2 of 2 · From Chat"
    rows = [
        (li.select_one(".part-label").text, li.get("class")) for li in box.select("li")
    ]
    assert rows == [("Part 1", None), ("Part 2", ["current"]), ("Bonus", None)]
    assert box.select_one("[aria-current=page]").text == "Chat 2"
    bonus = soup_of(client.get(posts[2].get_absolute_url()))
    assert bonus.select_one(".series-box-title").text == "Bonus · From Chat"


def test_previous_and_next_follow_the_series(client, series_with_bonus):
    _, posts = series_with_bonus
    page = soup_of(client.get(posts[1].get_absolute_url()))
    assert (
        page.select_one(".prev-next a[rel=prev]")["href"] == posts[0].get_absolute_url()
    )
    assert (
        page.select_one(".prev-next a[rel=next]")["href"] == posts[2].get_absolute_url()
    )
    first = soup_of(client.get(posts[0].get_absolute_url()))
    assert first.select_one(".prev-next a[rel=prev]") is None


def test_standalone_posts_link_in_publication_order(client, make_post):
    older = make_post(title="Older", published_at=timezone.now() - timedelta(days=3))
    middle = make_post(title="Middle", published_at=timezone.now() - timedelta(days=2))
    newer = make_post(title="Newer", published_at=timezone.now() - timedelta(days=1))
    make_post(title="Draft", status=Post.Status.DRAFT)
    page = soup_of(client.get(middle.get_absolute_url()))
    assert page.select_one("a[rel=prev]")["href"] == older.get_absolute_url()
    assert page.select_one("a[rel=next]")["href"] == newer.get_absolute_url()


def test_related_posts_share_the_most_tags(client, make_post):
    post = make_post(title="Subject", tags=["a", "b", "c"])
    make_post(title="One shared", tags=["a"])
    make_post(title="Three shared", tags=["a", "b", "c"])
    make_post(title="Two shared", tags=["b", "c", "z"])
    make_post(title="Unrelated", tags=["z"])
    make_post(title="Draft shares all", tags=["a", "b", "c"], status=Post.Status.DRAFT)
    page = soup_of(client.get(post.get_absolute_url()))
    assert titles(page, ".related .card-title a") == [
        "Three shared",
        "Two shared",
        "One shared",
    ]


def test_post_page_has_its_table_of_contents_and_update_note(client, make_post):
    post = make_post(
        body="## First\n\ntext\n\n### Inner\n\ntext\n\n## Second\n",
        updated_at=timezone.now(),
        update_note="Fixed a typo",
    )
    page = soup_of(client.get(post.get_absolute_url()))
    toc = [(a.text, a["href"]) for a in page.select(".toc a")]
    assert toc == [("First", "#first"), ("Inner", "#inner"), ("Second", "#second")]
    assert "Fixed a typo" in page.select_one(".updated").text
    assert page.select_one(".reading-progress") is not None


def test_tag_list_counts_published_posts(client, make_post):
    make_post(tags=["Python", "Go"])
    make_post(tags=["Python"])
    make_post(tags=["Rust"], status=Post.Status.DRAFT)
    page = soup_of(client.get("/tags/"))
    rows = [
        (li.a.text, li.select_one(".meta").text) for li in page.select(".tag-cloud li")
    ]
    assert rows == [("#Go", "1 post"), ("#Python", "2 posts")]


def test_tag_page_is_paginated(client, make_post, settings):
    settings.BLOGCRAFT_POSTS_PER_PAGE = 2
    for _ in range(3):
        make_post(tags=["Go"])
    assert len(titles(soup_of(client.get("/tags/go/")))) == 2
    assert len(titles(soup_of(client.get("/tags/go/2/")))) == 1
    assert client.get("/tags/go/3/").status_code == 404


def test_search_ranks_titles_first_and_highlights(client, make_post):
    make_post(title="Caching basics", body="Nothing about the topic.")
    make_post(title="Other", description="d", body="We explain caching in depth here.")
    make_post(title="Caching secrets", status=Post.Status.DRAFT)
    page = soup_of(client.get("/search/", {"q": "caching"}))
    assert titles(page) == ["Caching basics", "Other"]
    marks = [mark.text.lower() for mark in page.select(".snippet mark")]
    assert marks and set(marks) == {"caching"}


@pytest.mark.parametrize(
    "query", ['"unbalanced', "AND OR NOT", "*", "a:b", "<script>alert(1)</script>"]
)
def test_search_survives_any_query(client, make_post, query):
    make_post(body="<b>bold</b> &lt;script&gt; text about alerts")
    page = soup_of(client.get("/search/", {"q": query}))
    assert page.find("script", string=lambda text: text and "alert" in text) is None


def test_search_snippet_escapes_the_posts_text(client, make_post):
    make_post(
        title="Escapes", body="Write `<img src=x onerror=alert(1)>` to test escaping."
    )
    page = soup_of(client.get("/search/", {"q": "escaping"}))
    snippet = page.select_one(".snippet")
    assert snippet.find("img") is None
    assert "<img src=x" in snippet.text


def test_empty_search_shows_the_form(client):
    page = soup_of(client.get("/search/"))
    assert page.select_one("form[role=search] input[name=q]") is not None
    assert page.select(".search-result") == []


def test_not_found_page_is_in_the_sites_style(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.text == "Page not found"
    assert page.select_one("nav[aria-label=Main]") is not None


def test_server_error_page_needs_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.mark.parametrize(
    ("minutes", "text"), [(0, "0 min"), (9, "9 min"), (60, "1h"), (92, "1h 32m")]
)
def test_duration_reads_like_the_seed_site(minutes, text):
    assert duration(minutes) == text
