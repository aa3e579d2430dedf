import pytest
from django.db import connection

from posts.search import search_posts
from posts.search_index import drop_search_index, ensure_search_index

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("the FTS5 index is SQLite's; PostgreSQL searches its own way")


def test_queryset_updates_reach_the_index(make_post):
    post = make_post(title="Before")
    type(post).objects.filter(pk=post.pk).update(title="Renamed thoroughly")
    assert [found.pk for found in search_posts("thoroughly")] == [post.pk]
    assert search_posts("before") == []


def test_a_lost_index_is_restored_and_rebuilt(make_post):
    # What a table rebuild during a migration does to the triggers.
    drop_search_index(connection)
    post = make_post(title="Written while the index was gone")
    ensure_search_index(connection)
    assert [found.pk for found in search_posts("gone")] == [post.pk]
