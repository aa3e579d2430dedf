"""The full-text index follows every write, on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection

from posts.search import search_posts
from posts.search_index import drop_search_index, ensure_search_index

pytestmark = pytest.mark.django_db


def found(text):
    return [post.pk for post in search_posts(text)[0:10]]


def test_queryset_updates_reach_the_index(make_post):
    post = make_post(title="Before")
    type(post).objects.filter(pk=post.pk).update(title="Renamed thoroughly")
    assert found("thoroughly") == [post.pk]
    assert search_posts("before").count() == 0


def test_deleted_posts_leave_the_index(make_post):
    post = make_post(title="Ephemeral")
    post.delete()
    assert search_posts("ephemeral").count() == 0


def test_a_lost_index_is_restored_and_rebuilt(make_post):
    # What a table rebuild during a migration does to SQLite's triggers.
    drop_search_index(connection)
    post = make_post(title="Written while the index was gone")
    ensure_search_index(connection)
    assert found("gone") == [post.pk]
    ensure_search_index(connection)  # a second run changes nothing
    assert found("gone") == [post.pk]
