import pytest
from bs4 import BeautifulSoup

from posts.models import Post

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_series_page_lists_published_parts_in_order(client, make_series):
    series = make_series(part_count=4)
    Post.objects.filter(series_part__position=3).update(status=Post.Status.DRAFT)
    page = soup_of(client.get(series.get_absolute_url()))
    labels = [label.text for label in page.select(".parts .part-label")]
    assert labels == ["Part 1", "Part 2", "Part 4"]
    begin = page.select_one("a.button")
    assert begin.text == "Begin with Part 1"
    assert begin["href"] == series.parts.get(position=1).post.get_absolute_url()
    assert "3 parts" in page.select_one("header .meta").text


def test_series_list_counts_only_published_parts(client, make_series):
    make_series("shown", part_count=2)
    hidden = make_series("hidden", part_count=1)
    Post.objects.filter(series_part__series=hidden).update(status=Post.Status.DRAFT)
    page = soup_of(client.get("/series/"))
    assert [a.text for a in page.select(".series-card .card-title a")] == ["Shown"]
    assert "2 parts" in page.select_one(".series-card .meta").text


def test_unknown_series_is_not_found(client):
    assert client.get("/series/nope/").status_code == 404


def test_post_card_names_its_series(client, make_series):
    make_series("cards", part_count=1, title="Cards")
    page = soup_of(client.get("/"))
    assert "Part 1 · Cards" in page.select_one(".post-card").text


@pytest.mark.parametrize(("url", "queries"), [("/series/", 1), ("/series/s/", 2)])
def test_series_pages_use_a_fixed_number_of_queries(
    make_series, assert_page_queries, url, queries
):
    make_series("s", part_count=3)
    assert_page_queries(url, queries)
    make_series("s2", part_count=30)
    assert_page_queries(url, queries)
