"""The admin's list of posts and its messages say where each post stands."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from posts.models import Post
from posts.publishing import moment
from posts.tests.test_admin import form_data
from posts.timestamps import machine_time

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:posts_post_changelist")
ADD = reverse("admin:posts_post_add")


def rows(response):
    """Return (title, state) for each row of the changelist, in order."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (
            row.select_one("th.field-title").text,
            " ".join(row.select_one("td.field-state").text.split()),
        )
        for row in soup.select("#result_list tbody tr")
    ]


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def plain(html):
    return BeautifulSoup(html, "html.parser").text


@pytest.fixture
def three_states(make_post):
    soon = timezone.now() + timedelta(days=2)
    return {
        "draft": make_post(title="A draft", status=Post.Status.DRAFT),
        "scheduled": make_post(title="Coming", published_at=soon),
        "published": make_post(title="Out now"),
    }


def test_each_row_says_its_state_in_words(editor_client, three_states):
    shown = dict(rows(editor_client.get(CHANGELIST)))
    when = moment(three_states["scheduled"].published_at)
    assert shown == {
        "A draft": "Draft",
        "Coming": f"Scheduled {when}",
        "Out now": "Published",
    }
    assert when.endswith(" UTC")


def test_scheduled_badge_carries_a_machine_readable_time(editor_client, three_states):
    soup = BeautifulSoup(editor_client.get(CHANGELIST).content, "html.parser")
    badge = soup.select_one(".state-badge.state-scheduled")
    time = badge.select_one("time")
    assert time["datetime"] == machine_time(three_states["scheduled"].published_at)
    assert "Scheduled" in badge.text


@pytest.mark.parametrize("state", ["draft", "scheduled", "published"])
def test_state_filter_lists_only_posts_in_that_state(
    editor_client, three_states, state
):
    response = editor_client.get(CHANGELIST, {"state": state})
    assert [title for title, _ in rows(response)] == [three_states[state].title]


def test_state_filter_is_offered_with_its_choices(editor_client, three_states):
    soup = BeautifulSoup(editor_client.get(CHANGELIST).content, "html.parser")
    choices = [link.text.strip() for link in soup.select("#changelist-filter a")]
    assert {"Draft", "Scheduled", "Published"} <= set(choices)


def test_a_post_whose_time_has_come_is_published_without_a_save(
    editor_client, make_post
):
    post = make_post(title="Due", published_at=timezone.now() + timedelta(hours=1))
    assert rows(editor_client.get(CHANGELIST)) == [
        ("Due", f"Scheduled {moment(post.published_at)}")
    ]
    Post.objects.filter(pk=post.pk).update(
        published_at=timezone.now() - timedelta(seconds=1)
    )
    assert rows(editor_client.get(CHANGELIST)) == [("Due", "Published")]
    assert rows(editor_client.get(CHANGELIST, {"state": "scheduled"})) == []


def test_work_in_progress_comes_first(editor_client, make_post):
    now = timezone.now()
    make_post(title="Old", published_at=now - timedelta(days=9))
    make_post(title="Later", published_at=now + timedelta(days=9))
    make_post(title="First draft", status=Post.Status.DRAFT)
    make_post(title="New", published_at=now - timedelta(days=1))
    make_post(title="Soon", published_at=now + timedelta(days=1))
    make_post(title="Latest draft", status=Post.Status.DRAFT)
    # A draft that once had a time, and one changed most recently.
    edited = make_post(title="Edited draft", status=Post.Status.DRAFT)
    edited.published_at = now - timedelta(days=30)
    edited.save()
    titles = [title for title, _ in rows(editor_client.get(CHANGELIST))]
    assert titles == [
        "Edited draft",
        "Latest draft",
        "First draft",
        "Soon",
        "Later",
        "New",
        "Old",
    ]


def test_state_column_sorts_by_state(editor_client, three_states):
    soup = BeautifulSoup(editor_client.get(CHANGELIST).content, "html.parser")
    header = soup.select_one("th.column-state")
    assert header.select_one("a") is not None  # sortable
    descending = editor_client.get(CHANGELIST, {"o": "-1"})
    assert [state.split()[0] for _, state in rows(descending)] == [
        "Published",
        "Scheduled",
        "Draft",
    ]


def test_saving_a_draft_says_so(editor_client):
    response = editor_client.post(ADD, form_data(title="Notes"), follow=True)
    assert [plain(text) for text in message_texts(response)] == [
        "“Notes” was saved as a draft."
    ]


def test_publishing_says_the_post_is_published(editor_client):
    response = editor_client.post(
        ADD, form_data(title="Live", status=Post.Status.PUBLISHED), follow=True
    )
    assert [plain(text) for text in message_texts(response)] == ["“Live” is published."]


def test_scheduling_says_when_in_the_sites_time_zone(editor_client, settings):
    settings.TIME_ZONE = "Europe/Paris"
    data = form_data(
        title="Launch",
        status=Post.Status.PUBLISHED,
        published_at_0="2031-01-07",
        published_at_1="09:00",
    )
    response = editor_client.post(ADD, data, follow=True)
    assert [plain(text) for text in message_texts(response)] == [
        "“Launch” is scheduled for Tue 7 Jan 2031, 09:00 CET."
    ]
    post = Post.objects.get()
    assert post.published_at == datetime(2031, 1, 7, 9, tzinfo=ZoneInfo("Europe/Paris"))
    # The message links to the post it speaks of.
    link = BeautifulSoup(message_texts(response)[0], "html.parser").select_one("a")
    assert link["href"] == reverse("admin:posts_post_change", args=[post.pk])


def test_saving_a_change_says_where_the_post_stands(editor_client, make_post):
    post = make_post(title="Moved", status=Post.Status.DRAFT)
    soon = timezone.localtime() + timedelta(days=1)
    data = form_data(
        title="Moved",
        slug=post.slug,
        status=Post.Status.PUBLISHED,
        published_at_0=soon.strftime("%Y-%m-%d"),
        published_at_1=soon.strftime("%H:%M"),
        **{
            "review_links-TOTAL_FORMS": "0",
            "review_links-INITIAL_FORMS": "0",
        },
    )
    url = reverse("admin:posts_post_change", args=[post.pk])
    response = editor_client.post(url, data | {"_continue": "1"}, follow=True)
    post.refresh_from_db()
    assert [plain(text) for text in message_texts(response)] == [
        f"“Moved” is scheduled for {moment(post.published_at)}."
    ]


def test_unpublishing_moves_a_post_back_to_draft(editor_client, three_states):
    post = three_states["published"]
    editor_client.post(
        CHANGELIST, {"action": "unpublish", "_selected_action": [post.pk]}
    )
    shown = dict(rows(editor_client.get(CHANGELIST)))
    assert shown["Out now"] == "Draft"
