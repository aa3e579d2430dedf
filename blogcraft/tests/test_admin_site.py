"""The admin is Blogcraft's, and its home page opens on the editor's work."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from posts.models import Post
from posts.publishing import moment
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section(soup, heading_id):
    return soup.find("h2", id=heading_id).find_parent("section")


def change_url(post):
    return reverse("admin:posts_post_change", args=[post.pk])


@pytest.fixture
def work(make_post):
    """A draft, a scheduled post, a published one with a note, a series in progress."""
    draft = make_post(title="Half written", status=Post.Status.DRAFT)
    scheduled = make_post(
        title="Going out Friday", published_at=timezone.now() + timedelta(days=3)
    )
    published = make_post(title="Out already")
    Post.objects.filter(pk=published.pk).update(
        render_problems=["Diagram 1 could not be drawn: a syntax error on line 2."]
    )
    series = Series.objects.create(title="Deep dive", slug="deep-dive", description="d")
    for position, post in enumerate([published, scheduled, draft], start=1):
        SeriesPart.objects.create(series=series, post=post, position=position)
    Series.objects.create(
        title="Finished", slug="finished", description="d", status="complete"
    )
    return {
        "draft": draft,
        "scheduled": scheduled,
        "published": published,
        "series": series,
    }


def test_the_admin_is_branded_blogcraft(editor_client):
    login_page = Client().get(reverse("admin:login"))
    for response in [login_page, editor_client.get(INDEX)]:
        soup = soup_of(response)
        assert soup.select_one("#site-name").text.strip() == "Blogcraft"
        assert "Blogcraft" in soup.title.text
        assert "Django administration" not in response.content.decode()
    assert soup.select_one("h1").text.strip() == "Blogcraft"


def test_home_page_lists_the_editors_work_with_links(editor_client, work):
    soup = soup_of(editor_client.get(INDEX))

    drafts = section(soup, "drafts-heading")
    assert [(a.text, a["href"]) for a in drafts.select(".worklist a")] == [
        ("Half written", change_url(work["draft"]))
    ]

    scheduled = section(soup, "scheduled-heading")
    line = scheduled.select_one(".worklist li")
    assert line.select_one("a")["href"] == change_url(work["scheduled"])
    assert moment(work["scheduled"].published_at) in line.text
    assert "UTC" in line.select_one(".state-badge").text

    published = section(soup, "published-heading")
    assert [a.text for a in published.select(".worklist a")] == ["Out already"]

    notes = section(soup, "notes-heading")
    assert notes.select_one("a")["href"] == change_url(work["published"])
    assert "Diagram 1 could not be drawn" in notes.text


def test_home_page_lists_series_in_progress_with_their_parts(editor_client, work):
    soup = soup_of(editor_client.get(INDEX))
    block = section(soup, "series-heading")
    assert [a.text for a in block.select(".worklist > li > a")] == ["Deep dive"]
    series_link = block.select_one(".worklist > li > a")["href"]
    assert series_link == reverse(
        "admin:series_series_change", args=[work["series"].pk]
    )
    assert "1 of 3 parts published" in block.text
    parts = block.select("ol li")
    assert [part.select_one("a").text for part in parts] == [
        "Part 1: Out already",
        "Part 2: Going out Friday",
        "Part 3: Half written",
    ]
    assert [part.select_one(".state-badge").text.split()[0] for part in parts] == [
        "Published",
        "Scheduled",
        "Draft",
    ]
    assert parts[2].select_one("a")["href"] == change_url(work["draft"])


def test_the_list_of_models_follows(editor_client, work):
    soup = soup_of(editor_client.get(INDEX))
    assert soup.select_one(".app-posts") is not None
    assert soup.select_one(".editor-work") is not None


def test_staff_without_permissions_see_no_posts(client, django_user_model, work):
    user = django_user_model.objects.create_user("visitor", is_staff=True)
    client.force_login(user)
    soup = soup_of(client.get(INDEX))
    assert soup.select_one(".editor-work") is None
    assert "Half written" not in soup.text


def test_home_page_query_count_does_not_grow(
    editor_client, make_post, django_assert_num_queries
):
    def add_work(count):
        for number in range(count):
            series = Series.objects.create(
                title=f"S{number}", slug=f"s-{Series.objects.count()}", description="d"
            )
            posts = [
                make_post(status=Post.Status.DRAFT),
                make_post(published_at=timezone.now() + timedelta(days=1)),
                make_post(),
            ]
            Post.objects.filter(pk=posts[2].pk).update(render_problems=["A note."])
            for position, post in enumerate(posts, start=1):
                SeriesPart.objects.create(series=series, post=post, position=position)

    add_work(1)
    # Session, user, two permission look-ups, four lists of posts, the series and
    # their parts, the editor's recent actions.
    with django_assert_num_queries(11):
        editor_client.get(INDEX)
    add_work(10)
    with django_assert_num_queries(11):
        soup = soup_of(editor_client.get(INDEX))
    assert len(section(soup, "drafts-heading").select(".worklist li")) == 8
