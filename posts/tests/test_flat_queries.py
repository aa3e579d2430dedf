"""What the public lists and the admin's list of posts ask of the database.

Their cost must not grow with the archive: they load only the columns they show,
never list every published post in a subquery, and on SQLite (where a row's small
columns come after its body and HTML) read posts only through indexes that answer
alone, or by id.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from posts.models import Category, Post
from series.models import Series, SeriesPart
from series.tests.parts import append_parts

pytestmark = pytest.mark.django_db

# The columns only a post's own page (or its feed item) reads.
PAGE_ONLY_COLUMNS = [
    "body",
    "body_html",
    "body_text",
    "feed_html",
    "toc",
    "page_assets",
    "render_problems",
]
PUBLIC_LISTS = [
    "/",
    "/blog/",
    "/blog/2/",
    "/series/",
    "/series/flat/",
    "/tags/",
    "/tags/one/",
    "/tags/one/2/",
    "/archive/",
    "/archive/2026/",
    "/sitemap.xml",
    "/sitemap-posts.xml",
]
CHANGELIST = "/admin/posts/post/"


@pytest.fixture
def archive(make_post, settings):
    settings.BLOGCRAFT_POSTS_PER_PAGE = 3
    category = Category.objects.create(name="Notes", slug="notes")
    posts = [make_post(category=category, tags=["one", "two"]) for _ in range(8)]
    series = Series.objects.create(title="Flat", slug="flat", description="d")
    for position, post in enumerate(posts[:3], start=1):
        SeriesPart.objects.create(series=series, post=post, position=position)
    make_post(status=Post.Status.DRAFT, tags=["one"])
    return posts


def queries_of(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in context.captured_queries]


def post_columns(sql):
    """The columns of posts_post that a query selects."""
    select = sql.split(" FROM ", 1)[0]
    return set(re.findall(r'"posts_post"\."(\w+)"', select))


@pytest.mark.parametrize("url", ["/", "/blog/", "/blog/2/", "/tags/one/"])
def test_cards_load_nothing_that_only_a_post_page_reads(client, archive, url):
    loaded = set().union(*(post_columns(sql) for sql in queries_of(client, url)))
    assert "title" in loaded
    assert loaded.isdisjoint(PAGE_ONLY_COLUMNS), loaded & set(PAGE_ONLY_COLUMNS)


def test_admin_list_loads_only_the_columns_it_shows(admin_client, archive):
    loaded = set().union(
        *(post_columns(sql) for sql in queries_of(admin_client, CHANGELIST))
    )
    assert "title" in loaded
    assert loaded.isdisjoint([*PAGE_ONLY_COLUMNS, "description", "hero_image"])
    page = BeautifulSoup(admin_client.get(CHANGELIST).content, "html.parser")
    rows = page.select("#result_list tbody tr")
    assert len(rows) == 9
    assert rows[0].select_one("td.field-state").text == "Draft"
    assert "Flat · Part 1" in {cell.text for cell in page.select("td")}


@pytest.mark.parametrize("url", PUBLIC_LISTS)
def test_no_list_asks_for_every_published_post(client, archive, url):
    # "post_id IN (SELECT id FROM posts_post WHERE published…)" lists them all, on
    # every request; the joined post's own row answers the same question.
    for sql in queries_of(client, url):
        assert not re.search(r'IN \(SELECT \S+ FROM "posts_post"', sql), sql


def query_plan(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return [row[-1] for row in cursor.fetchall()]


def post_aliases(sql):
    """The names a query gives posts_post: its own, and its subqueries' aliases."""
    return {"posts_post", *re.findall(r'"posts_post" "(\w+)"', sql)}


def reads_post_rows_one_by_one(step, aliases):
    """Whether a plan step tests posts' rows rather than an index or an id."""
    table = re.match(r"(?:SCAN|SEARCH) (\w+)", step)
    if table is None or table.group(1) not in aliases:
        return False
    return not re.search(r"COVERING INDEX|PRIMARY KEY|\(id=\?", step)


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the row layout this guards is SQLite's"
)
@pytest.mark.parametrize("url", [*PUBLIC_LISTS, CHANGELIST])
def test_counts_and_subqueries_read_posts_through_indexes(
    admin_client, client, archive, url
):
    """What is counted, aggregated or looked up in a subquery is read from an index.

    (The rows a page shows are read, and only those: the query that loads them
    may use an index that is not covering.)
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # plans as on a real site with statistics
    requester = admin_client if url == CHANGELIST else client
    for sql in queries_of(requester, url):
        aliases = post_aliases(sql)
        if not re.search(r"\b(COUNT|MAX|MIN|SUM)\(", sql):
            aliases.discard("posts_post")
        plan = query_plan(sql)
        assert not [s for s in plan if reads_post_rows_one_by_one(s, aliases)], (
            sql,
            plan,
        )


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/blog/3/", 4),  # the count, the page's ids, its posts, their tags
        ("/series/", 1),  # the series with their published parts' counts
        ("/tags/one/2/", 5),  # the tag, the count, the page's ids and posts, tags
    ],
)
def test_deep_pages_and_series_list_use_a_fixed_number_of_queries(
    make_post, copy_posts, assert_page_queries, settings, url, queries
):
    settings.BLOGCRAFT_POSTS_PER_PAGE = 3
    series = Series.objects.create(title="Flat", slug="flat", description="d")

    def add(count):
        post = make_post(tags=["one"])
        append_parts(series, [post, *copy_posts(post, count - 1)])

    add(9)
    assert_page_queries(url, queries)
    add(30)
    assert_page_queries(url, queries)


def test_admin_list_pages_use_a_fixed_number_of_queries(
    admin_client, make_post, copy_posts, django_assert_num_queries
):
    def add(count):
        copy_posts(make_post(tags=["one"]), count - 1)
        copy_posts(make_post(status=Post.Status.DRAFT), count - 1)

    add(60)  # more than one page of 100
    # Session, user, three filter lists, the count, the page's ids and its posts.
    with django_assert_num_queries(8):
        assert admin_client.get(CHANGELIST + "?p=2").status_code == 200
    add(60)
    with django_assert_num_queries(8):
        assert admin_client.get(CHANGELIST + "?p=2").status_code == 200
