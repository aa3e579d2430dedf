"""The archive: an index of years, and a page per year split into pages of titles."""

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from posts.models import Post

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def moment(*parts):
    return timezone.make_aware(datetime(*parts))


def years_listed(page):
    return [
        (item.a.text, item.a["href"], item.select_one(".meta").text)
        for item in page.select("main .archive-years li")
    ]


def titles_by_month(page):
    return [
        (
            section.h2.contents[0].strip(),
            [link.text for link in section.select(".archive-list a")],
        )
        for section in page.select("main section")
    ]


@pytest.fixture
def three_years(make_post):
    for title, day in [
        ("June", moment(2024, 6, 2)),
        ("New year", moment(2026, 1, 2)),
        ("April fool", moment(2026, 4, 1)),
        ("Easter", moment(2026, 4, 5)),
    ]:
        make_post(title=title, published_at=day)
    make_post(title="Draft", status=Post.Status.DRAFT, published_at=moment(2023, 1, 1))
    make_post(title="Due", published_at=timezone.now() + timedelta(days=400))


def test_index_lists_the_years_with_counts_and_no_post(client, three_years):
    page = soup_of(client.get("/archive/"))
    assert years_listed(page) == [
        ("2026", "/archive/2026/", "3 posts"),
        ("2024", "/archive/2024/", "1 post"),
    ]
    # The index stays the same size however many posts a year has.
    assert not page.select('main a[href^="/blog/"]')


def test_year_page_lists_its_posts_by_month_newest_first(client, three_years):
    page = soup_of(client.get("/archive/2026/"))
    assert page.h1.text == "Archive: 2026"
    assert titles_by_month(page) == [
        ("April", ["Easter", "April fool"]),
        ("January", ["New year"]),
    ]
    years = page.select_one('nav[aria-label="Years"]')
    assert [(a.text, a["href"]) for a in years.select("a")] == [
        ("2024 →", "/archive/2024/")
    ]


def test_year_page_links_to_the_newer_year(client, three_years):
    page = soup_of(client.get("/archive/2024/"))
    years = page.select_one('nav[aria-label="Years"]')
    assert [(a.text, a["href"]) for a in years.select("a")] == [
        ("← 2026", "/archive/2026/")
    ]


@pytest.mark.parametrize(
    "url", ["/archive/2025/", "/archive/2023/", "/archive/99999/", "/archive/0/"]
)
def test_a_year_without_published_posts_is_not_found(client, three_years, url):
    assert client.get(url).status_code == 404


def test_a_long_year_is_split_into_pages(client, make_post, monkeypatch):
    monkeypatch.setattr("posts.views.ARCHIVE_POSTS_PER_PAGE", 2)
    for day in range(1, 6):
        make_post(title=f"May {day}", published_at=moment(2025, 5, day))
    pages = [soup_of(client.get(url)) for url in ["/archive/2025/", "/archive/2025/2/"]]
    pages.append(soup_of(client.get("/archive/2025/3/")))
    listed = [titles_by_month(page)[0][1] for page in pages]
    assert listed == [["May 5", "May 4"], ["May 3", "May 2"], ["May 1"]]
    assert pages[0].select_one(".pagination a[rel=next]")["href"] == "/archive/2025/2/"
    assert pages[1].select_one(".pagination a[rel=prev]")["href"] == "/archive/2025/"
    assert client.get("/archive/2025/4/").status_code == 404
    first = client.get("/archive/2025/1/")
    assert (first.status_code, first["Location"]) == (301, "/archive/2025/")


def test_years_are_those_of_the_sites_time_zone(client, make_post, settings):
    settings.TIME_ZONE = "Europe/Paris"
    # 23:30 UTC on New Year's Eve is already the new year in Paris.
    make_post(
        title="Midnight in Paris",
        published_at=datetime(2025, 12, 31, 23, 30, tzinfo=timezone.UTC),
    )
    make_post(title="Summer", published_at=moment(2025, 7, 1))
    assert years_listed(soup_of(client.get("/archive/"))) == [
        ("2026", "/archive/2026/", "1 post"),
        ("2025", "/archive/2025/", "1 post"),
    ]
    page = soup_of(client.get("/archive/2026/"))
    assert titles_by_month(page) == [("January", ["Midnight in Paris"])]


def add_posts(make_post, copy_posts, count):
    """count posts in each of 2025 and 2024, on days across the year."""
    post = make_post()
    posts = [post, *copy_posts(post, 2 * count - 1)]
    for number, post in enumerate(posts):
        day = number // 2
        post.published_at = moment(2025 - number % 2, 1 + day % 12, 1 + day % 28)
    Post.objects.bulk_update(posts, ["published_at"])


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/archive/", 3),  # the first and last years, the counts per year
        # The year's count, the page's ids and posts, the newer and older years.
        ("/archive/2025/", 5),
        ("/archive/2025/2/", 5),
    ],
)
def test_archive_queries_do_not_grow(
    make_post, copy_posts, assert_page_queries, monkeypatch, url, queries
):
    monkeypatch.setattr("posts.views.ARCHIVE_POSTS_PER_PAGE", 3)
    add_posts(make_post, copy_posts, 4)
    assert_page_queries(url, queries)
    add_posts(make_post, copy_posts, 30)
    assert_page_queries(url, queries)
