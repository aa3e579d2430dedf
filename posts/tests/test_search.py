"""Search: every match counted, a page at a time, in a constant number of queries,
on SQLite and PostgreSQL alike."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from posts.models import Post
from posts.search import search_posts

pytestmark = pytest.mark.django_db

PER_PAGE = 5


@pytest.fixture(autouse=True)
def short_pages(settings):
    settings.BLOGCRAFT_POSTS_PER_PAGE = PER_PAGE


def make_matches(make_post, count, word="caching"):
    return [make_post(body=f"Some words on {word}.") for _ in range(count)]


def get_page(client, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_titles(page):
    return [link.text for link in page.select(".search-result .card-title a")]


def page_links(page):
    """Return {rel: query parameters} of the pagination's links."""
    return {
        link["rel"][0]: parse_qs(urlsplit(link["href"]).query)
        for link in page.select("nav.pagination a")
    }


def test_every_match_is_counted_and_reachable_page_by_page(client, make_post):
    matches = make_matches(make_post, 12)
    make_post(title="Unrelated", body="Nothing to see.")
    make_post(title="Draft", body="caching", status=Post.Status.DRAFT)
    seen, params = [], {"q": "caching"}
    for number in (1, 2, 3):
        page = get_page(client, params)
        assert page.select_one("[role=status]").text.startswith("12 results for")
        assert page.select_one("nav.pagination span").text == f"Page {number} of 3"
        seen += result_titles(page)
        links = page_links(page)
        if number < 3:
            assert links["next"] == {"q": ["caching"], "page": [str(number + 1)]}
            params = {key: value[0] for key, value in links["next"].items()}
        else:
            assert "next" not in links
    assert sorted(seen) == sorted(post.title for post in matches)


def test_the_first_page_link_keeps_the_query_and_drops_the_page(client, make_post):
    make_matches(make_post, 7)
    page = get_page(client, {"q": "words & caching", "page": "2"})
    assert page_links(page)["prev"] == {"q": ["words & caching"]}


def test_a_page_past_the_last_is_not_found(client, make_post):
    make_matches(make_post, 3)
    assert client.get("/search/", {"q": "caching", "page": "2"}).status_code == 404
    assert client.get("/search/", {"q": "caching", "page": "x"}).status_code == 404


def test_more_than_fifty_matches_are_all_counted(client, settings):
    settings.BLOGCRAFT_POSTS_PER_PAGE = 12
    Post.objects.bulk_create(
        Post(
            title=f"Bulk {number}",
            slug=f"bulk-{number}",
            description="d",
            body_text="All about caching.",
            status=Post.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(minutes=number),
        )
        for number in range(60)
    )
    page = get_page(client, {"q": "caching"})
    assert page.select_one("[role=status]").text.startswith("60 results for")
    assert page.select_one("nav.pagination span").text == "Page 1 of 5"


def test_no_match_says_so(client, make_post):
    make_matches(make_post, 2)
    page = get_page(client, {"q": "zeppelin"})
    assert page.select_one("[role=status]").text.startswith("0 results for")
    assert page.select("nav.pagination") == []


@pytest.mark.parametrize(
    ("params", "queries"),
    [
        # The count, the page's ids in rank order, the page's posts with snippets.
        ({"q": "caching"}, 3),
        ({"q": "caching", "page": "2"}, 3),
        ({"q": "zeppelin"}, 1),  # the count says there is nothing to fetch
        ({"q": "&& ||"}, 0),  # no word to look for
        ({}, 0),  # the empty search form
    ],
)
def test_the_query_count_does_not_grow_with_the_matches(
    client, make_post, copy_posts, django_assert_num_queries, params, queries
):
    match = make_post(body="Some words on caching.")
    # Search pages are never cached: each request runs its queries.
    for count in (2 * PER_PAGE, 8 * PER_PAGE):
        copy_posts(match, count - Post.objects.count())
        with django_assert_num_queries(queries):
            assert client.get("/search/", params).status_code == 200


def test_results_slice_in_rank_order(make_post):
    make_post(title="Body only", body="A word on caching.")
    make_post(title="Caching in the title", body="Other words.")
    results = search_posts("caching")
    assert results.count() == 2
    assert [post.title for post in results[0:1]] == ["Caching in the title"]
    assert [post.title for post in results[1:2]] == ["Body only"]


def test_scheduled_posts_are_not_found(make_post):
    make_post(body="caching", published_at=timezone.now() + timedelta(hours=1))
    assert search_posts("caching").count() == 0


def test_every_word_must_match_whatever_it_spells(make_post):
    # "or" is an operator to PostgreSQL's web search syntax and to FTS5: not here.
    make_post(body="Caching alone.")
    both = make_post(body="Caching or sharding.")
    assert [post.pk for post in search_posts("caching OR sharding")[0:10]] == [both.pk]
