"""Review links on a post's change page: make, list, copy and withdraw them."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from posts.models import Post, ReviewLink
from posts.reviews import create_review_link, review_path, review_url, revoke

from .test_admin import field_errors, form_data

pytestmark = pytest.mark.django_db

SITE = "https://blog.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def draft(make_post):
    return make_post(title="Writing with care", status=Post.Status.DRAFT)


def change_url(post):
    return reverse("admin:posts_post_change", args=[post.pk])


def post_form(post, links=(), new=(), **overrides):
    """The change form as the browser sends it: the post, its listed links (a dict
    of fields each, by link) and the rows the editor added (a dict each)."""
    data = form_data(
        title=post.title,
        slug=post.slug,
        description=post.description,
        body=post.body,
        status=post.status,
        tags="",
        **{"review_links-TOTAL_FORMS": len(links) + len(new)},
        **{"review_links-INITIAL_FORMS": len(links)},
    )
    rows = [{"id": link.pk, **fields} for link, fields in links]
    rows += [{"id": "", "days": 7, "note": "", **fields} for fields in new]
    for index, fields in enumerate(rows):
        fields.setdefault("note", "")
        data |= {f"review_links-{index}-post": post.pk}
        for name, value in fields.items():
            data[f"review_links-{index}-{name}"] = value
    return data | overrides


def rows(response):
    page = BeautifulSoup(response.content, "html.parser")
    return page.select("#review_links-group tbody tr.has_original")


def test_the_editor_makes_a_link_with_the_expiry_chosen(editor_client, editor, draft):
    data = post_form(draft, new=[{"days": 3, "note": "Ada, technical review"}])
    response = editor_client.post(change_url(draft), data | {"_continue": "1"})
    assert response.status_code == 302, field_errors(response)
    link = ReviewLink.objects.get()
    assert (link.post, link.created_by, link.note) == (
        draft,
        editor,
        "Ada, technical review",
    )
    assert link.expires_at - link.created_at == timedelta(days=3)

    (row,) = rows(editor_client.get(change_url(draft)))
    assert row.select_one("input.review-link-address")["value"] == review_url(link)
    assert row.select_one("button[data-copy-from]").text == "Copy"
    assert "Works for 2\xa0days" in row.select_one(".field-status").text
    assert "edith" in row.select_one(".field-made").text
    editor_client.logout()
    assert editor_client.get(review_path(link)).status_code == 200


def test_saving_the_post_makes_no_link_unasked(editor_client, draft):
    response = editor_client.post(change_url(draft), post_form(draft))
    assert response.status_code == 302, field_errors(response)
    assert not ReviewLink.objects.exists()


def test_the_editor_withdraws_a_link(editor_client, editor, draft, client):
    link, other = (create_review_link(draft, editor) for _ in range(2))
    data = post_form(draft, links=[(other, {}), (link, {"revoke": "on"})])
    response = editor_client.post(change_url(draft), data)
    assert response.status_code == 302, field_errors(response)
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert ReviewLink.objects.get(pk=other.pk).revoked_at is None
    assert client.get(review_path(link)).status_code == 410

    withdrawn = rows(editor_client.get(change_url(draft)))[1]
    assert "Withdrawn on" in withdrawn.select_one(".field-status").text
    # A link that no longer works has no address to copy, nor a box to tick.
    assert withdrawn.select_one("input.review-link-address") is None
    assert withdrawn.select_one("input[type=checkbox]") is None


def test_links_are_listed_newest_first_and_never_deleted(editor_client, editor, draft):
    old = create_review_link(draft, editor, note="first")
    ReviewLink.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=9),
        expires_at=timezone.now() - timedelta(days=2),
    )
    revoke(create_review_link(draft, editor, note="second"))
    create_review_link(draft, editor, note="third")
    listed = rows(editor_client.get(change_url(draft)))
    assert [row.select_one(".field-note input")["value"] for row in listed] == [
        "third",
        "second",
        "first",
    ]
    assert listed[2].select_one(".field-status").text.strip() == "Expired."
    assert not any(row.select_one(".delete input") for row in listed)


def test_a_published_post_lists_its_links_but_takes_no_new_one(
    editor_client, editor, make_post
):
    post = make_post()
    create_review_link(post, editor)
    response = editor_client.get(change_url(post))
    (row,) = rows(response)
    assert "public page" in row.select_one(".field-status").text
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("#review_links-empty") is None  # no "Add another"
    data = post_form(post, new=[{"days": 1}], status=Post.Status.PUBLISHED)
    data |= {"published_at_0": "2026-01-02", "published_at_1": "10:00:00"}
    response = editor_client.post(change_url(post), data)
    assert response.status_code == 302, field_errors(response)
    assert ReviewLink.objects.count() == 1


def test_a_scheduled_post_takes_links(editor_client, make_post):
    post = make_post(published_at=timezone.now() + timedelta(days=3))
    page = BeautifulSoup(editor_client.get(change_url(post)).content, "html.parser")
    assert page.select_one("#review_links-empty") is not None


def test_a_new_post_has_no_links_yet(editor_client):
    response = editor_client.get(reverse("admin:posts_post_add"))
    assert b"review_links" not in response.content


def test_only_who_may_change_posts_sees_or_makes_links(
    client, django_user_model, editor, draft
):
    create_review_link(draft, editor)
    reader = django_user_model.objects.create_user("vera", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_post"))
    client.force_login(reader)
    response = client.get(change_url(draft))
    assert response.status_code == 200
    assert b"review_links" not in response.content
    assert b"/review/" not in response.content
