"""The pages around the posts: related posts add something, series lead the home."""

import pytest
from bs4 import BeautifulSoup

from posts.models import Post
from series.models import Series

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_related_posts_leave_out_the_parts_the_series_box_lists(
    client, make_series, make_post
):
    series = make_series(part_count=3)
    for post in Post.objects.all():
        post.tags.set(["agents"])
    standalone = make_post(title="Standalone on agents", tags=["agents"])
    first = series.parts.get(position=1).post
    page = soup(client.get(first.get_absolute_url()))
    related = [a.text for a in page.select(".related .card-title a")]
    assert related == [standalone.title]
    in_box = {a.text for a in page.select(".series-box a")}
    assert not in_box & set(related)


def test_the_home_leads_with_series_in_progress(client, make_series):
    # make_post dates each new post a second earlier: the finished series' parts are
    # the newest, and it still comes second.
    make_series(slug="finished", title="Finished", status=Series.Status.COMPLETE)
    make_series(slug="ongoing", title="Ongoing", status=Series.Status.IN_PROGRESS)
    page = soup(client.get("/"))
    featured = page.select_one(".series-card-featured .card-title a")
    assert featured.text == "Ongoing"
    others = [a.text for a in page.select(".card-grid .series-card .card-title a")]
    assert others == ["Finished"]
    assert page.select_one(".series-card-featured .status").text == "In progress"


def test_series_cards_show_their_progress_against_the_plan(client, make_series):
    make_series(
        slug="ongoing", part_count=2, status=Series.Status.IN_PROGRESS, planned_parts=5
    )
    card = soup(client.get("/series/")).select_one(".series-card")
    progress = card.select_one("progress")
    assert (progress["value"], progress["max"]) == ("2", "5")
    assert "2 of 5 planned parts" in card.text
