import json
from datetime import timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from posts.models import Post
from series.models import Series, SeriesPart
from series.tests.parts import append_parts

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_series_page_lists_published_parts_in_order(client, make_series):
    series = make_series(part_count=5)
    Post.objects.filter(series_part__position=3).update(status=Post.Status.DRAFT)
    Post.objects.filter(series_part__position=5).update(
        published_at=timezone.now() + timedelta(days=1)
    )
    page = soup_of(client.get(series.get_absolute_url()))
    # Readers see no gap where the draft is: the part at position 4 is their part 3.
    titles = [a.text for a in page.select(".parts .card-title a")]
    assert titles == [
        series.parts.get(position=position).post.title for position in (1, 2, 4)
    ]
    labels = [label.text for label in page.select(".parts .part-label")]
    assert labels == ["Part 1", "Part 2", "Part 3"]
    begin = page.select_one("a.button")
    assert begin.text == "Begin with Part 1"
    assert begin["href"] == series.parts.get(position=1).post.get_absolute_url()
    assert "3 parts" in page.select_one("header .meta").text
    assert page.select_one(".draft-banner") is None
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert [part["position"] for part in data["hasPart"]] == [1, 2, 3]


@pytest.fixture(params=["drafts", "scheduled", "no parts"])
def unpublished_series(request, make_series):
    """The series "Coming Soon", with no published part."""
    series = make_series(
        "coming-soon", part_count=0 if request.param == "no parts" else 2
    )
    parts = Post.objects.filter(series_part__series=series)
    if request.param == "drafts":
        parts.update(status=Post.Status.DRAFT)
    else:
        parts.update(published_at=timezone.now() + timedelta(days=1))
    return series


UNPUBLISHED_SERIES_URLS = [
    "/series/coming-soon/",
    "/series/coming-soon/rss.xml",
    "/series/coming-soon/atom.xml",
]


def test_series_without_a_published_part_is_not_found(client, unpublished_series):
    for url in UNPUBLISHED_SERIES_URLS:
        assert client.get(url).status_code == 404, url


def test_staff_preview_a_series_without_a_published_part(
    client, editor_client, unpublished_series
):
    response = editor_client.get("/series/coming-soon/")
    assert response.status_code == 200
    page = soup_of(response)
    banner = page.select_one(".draft-banner").text
    assert "Not public yet: this series has no published part" in banner
    assert page.h1.text == "Coming Soon"
    assert page.select(".parts li") == []
    assert "no-cache" in response["Cache-Control"]
    for url in UNPUBLISHED_SERIES_URLS[1:]:
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert "no-cache" in response["Cache-Control"]
        assert feedparser.parse(response.content).entries == []
    client.logout()  # nothing staff saw was kept for the public
    for url in UNPUBLISHED_SERIES_URLS:
        assert client.get(url).status_code == 404, url


def test_series_without_a_published_part_is_listed_nowhere(
    client, make_series, unpublished_series
):
    make_series("shown", part_count=1)
    for url in ["/", "/series/"]:
        page = soup_of(client.get(url))
        links = [a["href"] for a in page.select("a[href]")]
        assert "/series/shown/" in links, url
        assert not any(link.startswith("/series/coming-soon/") for link in links)
        assert "Coming Soon" not in page.text, url


def test_series_list_counts_only_published_parts(client, make_series):
    make_series("shown", part_count=2)
    hidden = make_series("hidden", part_count=1)
    Post.objects.filter(series_part__series=hidden).update(status=Post.Status.DRAFT)
    page = soup_of(client.get("/series/"))
    assert [a.text for a in page.select(".series-card .card-title a")] == ["Shown"]
    assert "2 parts" in page.select_one(".series-card-progress").text


def test_unknown_series_is_not_found(client):
    assert client.get("/series/nope/").status_code == 404


def test_post_card_names_its_series(client, make_series):
    series = make_series("cards", part_count=2, title="Cards")
    series.parts.filter(position=2).update(label="Bonus")
    page = soup_of(client.get("/"))
    lines = [card.select_one(".card-series").text for card in page.select(".post-card")]
    assert lines == ["Series: Cards", "Series: Cards · Bonus"]
    assert page.select_one(".post-card .card-series a")["href"] == "/series/cards/"


@pytest.mark.parametrize(("url", "queries"), [("/series/", 1), ("/series/s/", 2)])
def test_series_pages_use_a_fixed_number_of_queries(
    make_series, copy_posts, assert_page_queries, url, queries
):
    make_series("s", part_count=3)
    assert_page_queries(url, queries)
    series = make_series("s2", part_count=1)
    append_parts(series, copy_posts(series.parts.get().post, 29))
    assert_page_queries(url, queries)


def json_ld_of(page, kind):
    for script in page.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data["@type"] == kind:
            return data
    return None


@pytest.fixture
def series_with_a_gap(make_series):
    """Five parts: 2 a draft, 5 a bonus; readers see Part 1, 2 (at 3), 3 (at 4)."""
    series = make_series("gap", part_count=5, title="Gap")
    Post.objects.filter(series_part__position=2).update(status=Post.Status.DRAFT)
    series.parts.filter(position=5).update(label="Bonus")
    return series, {part.position: part.post for part in series.parts.all()}


def test_a_parts_page_numbers_it_as_readers_see_the_series(client, series_with_a_gap):
    _, posts = series_with_a_gap
    page = soup_of(client.get(posts[3].get_absolute_url()))
    box = page.select_one(".series-box")
    assert box.select_one(".series-box-title").text == "Part 2 of 3 · Gap"
    assert [label.text for label in box.select(".part-label")] == [
        "Part 1",
        "Part 2",
        "Part 3",
        "Bonus",
    ]
    previous = page.select_one(".prev-next a[rel=prev]")
    assert previous["href"] == posts[1].get_absolute_url()
    assert "Previous · Part 1" in previous.text
    following = page.select_one(".prev-next a[rel=next]")
    assert following["href"] == posts[4].get_absolute_url()
    assert "Next · Part 3" in following.text
    assert json_ld_of(page, "BlogPosting")["position"] == 2


def test_a_bonus_part_reads_as_its_label(client, series_with_a_gap):
    _, posts = series_with_a_gap
    page = soup_of(client.get(posts[5].get_absolute_url()))
    assert page.select_one(".series-box-title").text == "Bonus · Gap"
    assert "position" not in json_ld_of(page, "BlogPosting")
    assert page.select_one(".prev-next a[rel=next]") is None


def test_staff_preview_a_draft_in_its_place(editor_client, series_with_a_gap):
    _, posts = series_with_a_gap
    page = soup_of(editor_client.get(posts[2].get_absolute_url()))
    box = page.select_one(".series-box")
    assert box.select_one(".series-box-title").text == "Part 2 of 4 · Gap"
    assert box.select_one(".current .part-label").text == "Part 2"
    assert page.select_one(".prev-next a[rel=next]")["href"] == (
        posts[3].get_absolute_url()
    )


def test_a_plan_is_announced_while_the_series_is_in_progress(client, make_series):
    series = make_series("planned", part_count=3, planned_parts=5)
    for url in ["/series/", "/"]:
        card = soup_of(client.get(url)).select_one(".series-card")
        assert card.select_one(".status").text == "In progress", url
        progress = card.select_one(".series-card-progress").text
        assert progress.startswith("3 of 5 planned parts · "), url
    meta = soup_of(client.get(series.get_absolute_url())).select_one("header .meta")
    assert meta.text.startswith("Series in progress · 3 of 5 planned parts · ")
    series.status = Series.Status.COMPLETE
    series.save()
    meta = soup_of(client.get(series.get_absolute_url())).select_one("header .meta")
    assert meta.text.startswith("Series complete · 3 parts · ")


def test_a_plan_never_reads_fewer_parts_than_are_published(client, make_series):
    series = make_series("outgrown", part_count=4, planned_parts=3)
    meta = soup_of(client.get(series.get_absolute_url())).select_one("header .meta")
    assert meta.text.startswith("Series in progress · 4 of 4 planned parts · ")


def test_a_parts_page_uses_a_fixed_number_of_queries(
    make_series, make_post, assert_page_queries
):
    # The post, its tags, its authors, the series' parts with their posts (no
    # tags, so no related posts).
    series = make_series("long", part_count=3)
    post = series.parts.get(position=2).post
    assert_page_queries(post.get_absolute_url(), 4)
    for position in range(4, 30):
        SeriesPart.objects.create(series=series, post=make_post(), position=position)
    assert_page_queries(post.get_absolute_url(), 4)
