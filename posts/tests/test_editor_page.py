"""The editor's page preview: the public post page, from changes not saved yet."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from posts.models import Category, Post, Tag
from posts.tests.test_admin import form_data
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

PREVIEW_PAGE = reverse("editor-preview-page")


def preview_of(post):
    return f"{PREVIEW_PAGE}?post={post.pk}"


def page(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_shows_the_unsaved_post_in_the_public_template(editor_client):
    category = Category.objects.create(name="Craft", slug="craft")
    data = form_data(
        title="Not saved yet",
        description="A lede typed a moment ago.",
        body="## First steps\n\nSome *fresh* words.\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        category=str(category.pk),
        tags="Writing, Python",
    )
    html = page(editor_client.post(PREVIEW_PAGE, data))
    assert html.select_one("main h1").text == "Not saved yet"
    assert html.select_one(".lede").text == "A lede typed a moment ago."
    assert html.select_one(".prose h2#first-steps").text == "First steps"
    assert html.select_one(".prose em").text == "fresh"
    assert html.select_one(".prose table")
    assert html.select_one(".chip-category").text == "Craft"
    assert [a.text for a in html.select(".post-header .tags a")] == [
        "#Python",
        "#Writing",
    ]
    assert html.select_one(".toc a[href='#first-steps']")
    stylesheets = [link["href"] for link in html.select("link[rel=stylesheet]")]
    assert "/static/css/site.css" in stylesheets
    assert "/static/css/prose.css" in stylesheets
    banner = html.select_one(".preview-banner")
    assert banner["role"] == "status"
    assert "Preview of unsaved changes — not published" in banner.text


def test_is_never_indexed_cached_or_framed_by_others(editor_client):
    response = editor_client.post(PREVIEW_PAGE, form_data())
    html = page(response)
    assert html.select_one("meta[name=robots]")["content"] == "noindex, nofollow"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["frame-ancestors"] == "'self'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["script-src"].startswith("'self'")


def test_saves_nothing(editor_client, make_post):
    post = make_post(title="Stored title", body="Stored body.", tags=["Stored"])
    data = form_data(
        title="Changed title", body="Changed body.", tags="Stored, Brand new"
    )
    html = page(editor_client.post(preview_of(post), data))
    assert html.select_one("main h1").text == "Changed title"
    assert html.select_one(".prose").text.strip() == "Changed body."
    new_page = page(editor_client.post(PREVIEW_PAGE, form_data(title="Brand new")))
    assert new_page.select_one("main h1").text == "Brand new"

    stored = Post.objects.get()
    assert (stored.title, stored.body) == ("Stored title", "Stored body.")
    assert list(stored.tags.names()) == ["Stored"]
    assert list(Tag.objects.values_list("name", flat=True)) == ["Stored"]


def test_reads_the_change_forms_split_dates(editor_client, make_post):
    post = make_post(status=Post.Status.DRAFT)
    data = form_data(
        status=Post.Status.PUBLISHED,
        published_at_0="2025-12-01",
        published_at_1="10:02:00",
    )
    html = page(editor_client.post(preview_of(post), data))
    assert html.select_one("main time")["datetime"].startswith("2025-12-01T10:02")
    assert not html.select_one(".draft-banner:not(.preview-banner)")


def test_a_new_post_takes_its_place_among_published_ones(editor_client, make_post):
    older = make_post(title="The one before")
    data = form_data(status=Post.Status.PUBLISHED)
    html = page(editor_client.post(PREVIEW_PAGE, data))
    assert html.select_one("a[rel=prev]")["href"] == older.get_absolute_url()
    assert not html.select_one("a[rel=next]")


def test_an_unsaved_draft_keeps_its_stored_hero_image(editor_client, make_post):
    post = make_post(hero_image="heroes/2025/sky.png", hero_image_alt="A blue sky")
    data = form_data(hero_image_alt="A clear blue sky")
    html = page(editor_client.post(preview_of(post), data))
    hero = html.select_one("img.hero")
    assert hero["src"].endswith("heroes/2025/sky.png")
    assert hero["alt"] == "A clear blue sky"


def test_a_body_too_long_to_save_is_not_shown(editor_client, make_post, settings):
    settings.BLOGCRAFT_BODY_MAX_CHARS = 100
    post = make_post(body="The stored body.")
    html = page(editor_client.post(preview_of(post), form_data(body="x" * 101)))
    assert html.select_one(".prose").text.strip() == ""
    assert "at most 100 characters" in html.select_one(".preview-banner").text


def test_get_is_not_allowed(editor_client):
    assert editor_client.get(PREVIEW_PAGE).status_code == 405


def test_anonymous_requests_are_sent_to_login(client):
    response = client.post(PREVIEW_PAGE, form_data())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_permission_are_refused(client, django_user_model, make_post):
    post = make_post()
    user = django_user_model.objects.create_user("visitor", is_staff=True)
    client.force_login(user)
    assert client.post(PREVIEW_PAGE, form_data()).status_code == 403
    assert client.post(preview_of(post), form_data()).status_code == 403

    # Changing posts is what previewing a change needs; adding, a new one.
    user.user_permissions.add(Permission.objects.get(codename="change_post"))
    user = django_user_model.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.post(preview_of(post), form_data()).status_code == 200
    assert client.post(PREVIEW_PAGE, form_data()).status_code == 403


def test_an_unknown_post_is_not_found(editor_client):
    assert (
        editor_client.post(f"{PREVIEW_PAGE}?post=999", form_data()).status_code == 404
    )
    assert editor_client.post(f"{PREVIEW_PAGE}?post=x", form_data()).status_code == 404


def test_the_change_form_names_the_preview_and_the_post(editor_client, make_post):
    post = make_post()
    change = editor_client.get(reverse("admin:posts_post_change", args=[post.pk]))
    body = BeautifulSoup(change.content, "html.parser").select_one("#id_body")
    assert body["data-page-preview-url"] == preview_of(post)
    add = editor_client.get(reverse("admin:posts_post_add"))
    body = BeautifulSoup(add.content, "html.parser").select_one("#id_body")
    assert body["data-page-preview-url"] == PREVIEW_PAGE


def test_the_body_help_text_promises_what_the_preview_does(editor_client):
    add = BeautifulSoup(
        editor_client.get(reverse("admin:posts_post_add")).content, "html.parser"
    )
    help_text = add.select_one("#id_body_helptext").text
    assert "exactly" not in help_text
    assert "Preview in a new tab" in help_text


def test_a_scheduled_post_is_previewed_as_scheduled(editor_client, make_post):
    later = timezone.localtime() + timedelta(days=2)
    data = form_data(
        status=Post.Status.PUBLISHED,
        published_at_0=later.strftime("%Y-%m-%d"),
        published_at_1=later.strftime("%H:%M:%S"),
    )
    html = page(editor_client.post(PREVIEW_PAGE, data))
    assert "Scheduled for" in html.select_one(".draft-banner:not(.preview-banner)").text


def test_the_series_box_names_the_unsaved_title_in_the_saved_place(
    editor_client, make_post
):
    series = Series.objects.create(slug="craft", title="Craft", description="How.")
    first = make_post(title="The first part")
    post = make_post(title="Stored title")
    SeriesPart.objects.create(series=series, post=first, position=1)
    SeriesPart.objects.create(series=series, post=post, position=2)
    # The form's own fields are previewed; the series inline's are not (yet).
    data = form_data(
        title="Unsaved title",
        status=Post.Status.PUBLISHED,
        published_at_0="2025-12-01",
        published_at_1="10:00:00",
        **{"series_part-0-label": "Bonus"},
    )
    box = page(editor_client.post(preview_of(post), data)).select_one(".series-box")
    assert box.select_one(".series-box-title").text.split(" · ") == [
        "Part 2 of 2",
        "Craft",
    ]
    rows = [
        (row.select_one(".part-label").text, row.select_one("a, span[aria-current]"))
        for row in box.select("li")
    ]
    assert [(label, item.text) for label, item in rows] == [
        ("Part 1", "The first part"),
        ("Part 2", "Unsaved title"),
    ]
    assert rows[1][1]["aria-current"] == "page"
