"""The load test's readers and editor, run briefly against a live server."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from posts.models import Post
from tooling.loadtest import Client, Editor, NotLoopback, available_urls, run_load

# serialized_rollback: the rows migrations made (content types, the Editor group)
# outlive the flushes of other transactional tests; the admin log needs them.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "pw-for-load-1"


@pytest.fixture
def edited_post(make_post, django_user_model):
    django_user_model.objects.create_superuser("loader", password=PASSWORD)
    # Whole seconds: the admin's date and time inputs show no microseconds.
    published_at = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    return make_post(
        slug="edited", body="Original words.", tags=["kept"], published_at=published_at
    )


def run(live_server, post, connections, seconds, password=PASSWORD):
    return run_load(
        live_server.url,
        ["/", post.get_absolute_url()],
        connections=connections,
        seconds=seconds,
        editor=Editor(live_server.url, "admin/", "loader", password),
        edit=(post.pk, post.get_absolute_url(), post.body),
    )


def assert_edits_landed(results, post):
    before = (post.title, post.description, post.published_at, post.status)
    assert results.edits_acknowledged >= 2
    assert results.edits_failed == [] and results.edits_lost == []
    post = Post.objects.get(pk=post.pk)
    assert post.body.startswith("Original words.")
    assert f"Load test edit {results.edits_acknowledged}" in post.body_html
    # The form was sent back whole: the other fields are unchanged.
    assert (post.title, post.description, post.published_at, post.status) == before
    assert [tag.name for tag in post.tags.all()] == ["kept"]


def test_editor_saves_through_the_admin_form(live_server, edited_post):
    results = run(live_server, edited_post, connections=0, seconds=3)
    assert_edits_landed(results, edited_post)


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the live server's threads share the one in-memory SQLite test "
    "connection, which cannot serve them at the same time",
)
def test_readers_and_editor_together(live_server, edited_post):
    results = run(live_server, edited_post, connections=4, seconds=4)
    assert results.statuses.get(200, 0) > 10
    assert results.server_errors() == 0
    assert results.connection_errors == []
    assert_edits_landed(results, edited_post)
    assert "p50" in results.summary()


def test_readers_count_statuses_and_skip_missing_urls(live_server, make_post):
    post = make_post()
    paths = available_urls(live_server.url, ["/", post.get_absolute_url(), "/nope/"])
    assert paths == ["/", post.get_absolute_url()]
    results = run_load(live_server.url, paths, connections=1, seconds=1)
    assert results.statuses.get(200, 0) > 3
    assert set(results.statuses) == {200}
    assert results.percentile(0.5) <= results.percentile(0.99)


def test_editor_with_a_wrong_password_reports_failed_edits(live_server, edited_post):
    results = run(live_server, edited_post, 0, seconds=0.5, password="wrong")
    assert "could not log in" in results.edits_failed[0][1]


def test_load_is_only_sent_to_this_machine():
    with pytest.raises(NotLoopback):
        Client("http://example.org/")
