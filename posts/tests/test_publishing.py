"""A post's state, and the words and times the admin says it with."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from posts.models import Post
from posts.publishing import moment, saved_message, state_badge
from posts.timestamps import machine_time

pytestmark = pytest.mark.django_db


def test_state_mirrors_the_querysets(make_post):
    now = timezone.now()
    posts = {
        Post.State.DRAFT: make_post(status=Post.Status.DRAFT),
        Post.State.SCHEDULED: make_post(published_at=now + timedelta(minutes=5)),
        Post.State.PUBLISHED: make_post(published_at=now - timedelta(minutes=5)),
    }
    for state, post in posts.items():
        assert post.state() == state
    assert list(Post.objects.drafts()) == [posts[Post.State.DRAFT]]
    assert list(Post.objects.scheduled()) == [posts[Post.State.SCHEDULED]]
    assert list(Post.objects.published()) == [posts[Post.State.PUBLISHED]]


def test_a_draft_with_a_time_in_the_future_is_a_draft(make_post):
    post = make_post(
        status=Post.Status.DRAFT, published_at=timezone.now() + timedelta(days=1)
    )
    assert post.state() == Post.State.DRAFT


@pytest.mark.parametrize(
    ("zone", "value", "words"),
    [
        (
            "UTC",
            datetime(2031, 12, 2, 9, 0, tzinfo=ZoneInfo("UTC")),
            "Tue 2 Dec 2031, 09:00 UTC",
        ),
        # In the site's zone, with the zone's name for that date.
        (
            "Europe/Paris",
            datetime(2031, 7, 1, 7, 30, tzinfo=ZoneInfo("UTC")),
            "Tue 1 Jul 2031, 09:30 CEST",
        ),
        (
            "America/New_York",
            datetime(2031, 1, 6, 14, 0, tzinfo=ZoneInfo("UTC")),
            "Mon 6 Jan 2031, 09:00 EST",
        ),
    ],
)
def test_moment_names_the_time_zone(settings, zone, value, words):
    settings.TIME_ZONE = zone
    assert moment(value) == words


def test_moment_leaves_out_this_years_year():
    now = timezone.localtime()
    assert str(now.year) not in moment(now)
    assert moment(now).endswith(" UTC")


def test_badges_say_the_state_in_words(make_post):
    later = timezone.now() + timedelta(days=1)
    draft = BeautifulSoup(state_badge(make_post(status="draft")), "html.parser")
    scheduled = BeautifulSoup(state_badge(make_post(published_at=later)), "html.parser")
    assert draft.text == "Draft"
    assert scheduled.text == f"Scheduled {moment(later)}"
    assert scheduled.select_one("time")["datetime"] == machine_time(later)


def test_messages_escape_the_title(make_post):
    post = make_post(title="<script>alert(1)</script>", status="draft")
    message = BeautifulSoup(saved_message(post, "/admin/x/"), "html.parser")
    assert message.select("script") == []
    assert message.text == "“<script>alert(1)</script>” was saved as a draft."
