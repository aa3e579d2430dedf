"""The checks in the editor: the endpoint the panel calls, and the post list."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse

from posts.models import Post

pytestmark = pytest.mark.django_db

CHECKS = reverse("editor-checks")
CHANGELIST = reverse("admin:posts_post_changelist")
DESCRIPTION = "A description long enough for search results to show it as written."


def test_the_editor_form_names_the_checks_endpoint(editor_client):
    page = editor_client.get(reverse("admin:posts_post_add")).content.decode()
    assert f'data-checks-url="{CHECKS}"' in page
    assert "js/checks-panel.js" in page


def test_the_endpoint_checks_the_unsaved_text(editor_client, make_post):
    make_post(slug="draft", status=Post.Status.DRAFT)
    response = editor_client.post(
        CHECKS,
        {
            "title": "T" * 80,
            "description": DESCRIPTION,
            "body": "## A\n\n```rusty\nx\n```\n\nSee [the draft](/blog/draft/).",
        },
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"].startswith("max-age=0")
    findings = response.json()["findings"]
    assert [(f["check"], f["line"], f["field"]) for f in findings] == [
        ("code-language", 3, "body"),
        ("internal-link", 7, "body"),
        ("title-length", None, "title"),
    ]
    assert findings[0]["fix"] == "Did you mean “rust”?"


def test_a_clean_text_has_no_findings(editor_client):
    response = editor_client.post(
        CHECKS, {"title": "Fine", "description": DESCRIPTION, "body": "## Fine\n\nOk."}
    )
    assert response.json() == {"findings": []}


def test_an_oversized_body_is_refused_with_a_reason(editor_client, settings):
    settings.BLOGCRAFT_BODY_MAX_CHARS = 100
    response = editor_client.post(CHECKS, {"body": "x" * 101})
    assert response.status_code == 413
    assert "100 characters" in response.json()["error"]


def test_a_body_past_the_deadline_is_refused_with_a_reason(editor_client, settings):
    settings.BLOGCRAFT_RENDER_TIMEOUT_SECONDS = 0.001
    response = editor_client.post(CHECKS, {"body": "[" * 50_000})
    assert response.status_code == 422
    assert "took longer than" in response.json()["error"]


def test_only_editors_of_posts_may_check(client, django_user_model):
    assert client.post(CHECKS, {"body": "x"}).status_code == 302  # to the login
    stan = django_user_model.objects.create_user("stan", password="x", is_staff=True)
    client.force_login(stan)
    assert client.post(CHECKS, {"body": "x"}).status_code == 403
    stan.user_permissions.add(Permission.objects.get(codename="add_post"))
    assert client.post(CHECKS, {"body": "x"}).status_code == 200
    assert client.get(CHECKS).status_code == 405


def test_the_post_list_shows_and_filters_posts_that_need_attention(
    editor_client, make_post
):
    make_post(title="Needs work", body="![](x.png)", description=DESCRIPTION)
    make_post(title="All good", body="## Fine", description=DESCRIPTION)

    def rows(query=""):
        soup = BeautifulSoup(
            editor_client.get(CHANGELIST + query).content, "html.parser"
        )
        return {
            row.select_one("th").text: row.select_one("td.field-attention").text
            for row in soup.select("#result_list tbody tr")
        }

    assert rows() == {"Needs work": "⚠ 1 to look at", "All good": "—"}
    assert rows("?checks=attention") == {"Needs work": "⚠ 1 to look at"}
    assert rows("?checks=clear") == {"All good": "—"}


def test_rendering_notes_say_they_are_as_of_the_last_save(editor_client, make_post):
    post = make_post()
    page = editor_client.get(reverse("admin:posts_post_change", args=[post.pk]))
    assert "None at the last save" in page.content.decode()
