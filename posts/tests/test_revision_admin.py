"""Revisions in the admin: history, comparison, restore, and refused stale saves."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from reversion.models import Version

from posts.models import Post
from posts.revisions import versions_of

pytestmark = pytest.mark.django_db


def change_url(post):
    return reverse("admin:posts_post_change", args=[post.pk])


def history_url(post):
    return reverse("admin:posts_post_history", args=[post.pk])


def form_values(response, form_id="post_form"):
    """Return the fields of the page's form as a browser would submit them."""
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one(f"form#{form_id}")
    values = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            values[name] = field.text.removeprefix("\n")
        elif field.name == "select" and field.has_attr("multiple"):
            # As a browser does: every chosen option, nothing when none is.
            values[name] = [option["value"] for option in field.select("[selected]")]
        elif field.name == "select":
            chosen = field.select_one("option[selected]")
            values[name] = chosen["value"] if chosen else ""
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                values[name] = field.get("value", "on")
        elif field.get("type") not in {"submit", "file"}:
            values[name] = field.get("value", "")
    return values


def non_field_errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(item.text for item in soup.select("ul.errorlist.nonfield li"))


@pytest.fixture
def post(make_post):
    return make_post(
        title="Two tabs",
        description="The first description.",
        body="## Start\n\nThe first body.",
        tags=["Python"],
    )


def test_two_tabs_the_second_save_is_refused_then_merged(editor_client, post):
    tab_a = form_values(editor_client.get(change_url(post)))
    tab_b = form_values(editor_client.get(change_url(post)))

    tab_a["description"] = "A's better description."
    response = editor_client.post(change_url(post), tab_a)
    assert response.status_code == 302

    tab_b["body"] = "## Start\n\nB's new body."
    response = editor_client.post(change_url(post), tab_b)
    assert response.status_code == 200
    errors = non_field_errors(response)
    assert "This post was changed by edith at" in errors
    assert "your text is kept in the form" in errors
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("textarea[name=body]").text.strip() == (
        "## Start\n\nB's new body."
    )
    # A's change is shown, before and after.
    conflict = soup.select_one("section.revision-conflict")
    row = conflict.select_one("table.revision-fields tbody tr")
    assert [cell.text for cell in row.select("th, td")] == [
        "Description",
        "The first description.",
        "A's better description.",
    ]
    post.refresh_from_db()
    assert post.description == "A's better description."
    assert post.body == "## Start\n\nThe first body."

    # B merges (keeps A's description) and saves again: it goes through.
    merged = form_values(response)
    merged["description"] = "A's better description."
    assert editor_client.post(change_url(post), merged).status_code == 302
    post.refresh_from_db()
    assert post.body == "## Start\n\nB's new body."
    assert post.description == "A's better description."


def test_the_refused_form_shows_their_body_lines(editor_client, post):
    tab_a = form_values(editor_client.get(change_url(post)))
    tab_b = form_values(editor_client.get(change_url(post)))
    tab_a["body"] = "## Start\n\nThe first body.\n\nA <script> line from A."
    editor_client.post(change_url(post), tab_a)
    tab_b["title"] = "B's title"
    response = editor_client.post(change_url(post), tab_b)
    soup = BeautifulSoup(response.content, "html.parser")
    added = soup.select("table.revision-lines tr.line-added td.text ins")
    assert [line.text for line in added] == [
        "Added: ",
        "Added: A <script> line from A.",
    ]
    assert b"<script> line" not in response.content  # escaped


def test_a_bulk_publish_meanwhile_is_a_conflict(editor_client, make_post):
    draft = make_post(status=Post.Status.DRAFT)
    opened = form_values(editor_client.get(change_url(draft)))
    editor_client.post(
        reverse("admin:posts_post_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    opened["title"] = "Edited meanwhile"
    response = editor_client.post(change_url(draft), opened)
    assert response.status_code == 200
    assert "was changed by edith" in non_field_errors(response)
    newest = versions_of(Post, draft.pk).select_related("revision").first()
    assert newest.revision.comment == "Published with the bulk action."
    assert newest.revision.user.username == "edith"


def test_a_share_card_redrawn_meanwhile_is_no_conflict(editor_client, post):
    opened = form_values(editor_client.get(change_url(post)))
    Post.objects.filter(pk=post.pk).update(share_image="cards/redrawn.png")
    opened["title"] = "Saved after a redraw"
    assert editor_client.post(change_url(post), opened).status_code == 302


def test_an_admin_save_is_one_revision_with_user_and_comment(editor_client, post):
    values = form_values(editor_client.get(change_url(post)))
    values["tags"] = "Python, Django"
    values["description"] = "Changed."
    editor_client.post(change_url(post), values)
    newest = versions_of(Post, post.pk).select_related("revision__user").first()
    assert newest.revision.user.username == "edith"
    assert newest.revision.get_comment() == "Changed Description and Tags."
    # The tag rows are in the same revision.
    assert newest.revision.version_set.count() == 3


def test_history_lists_revisions_and_compares_two(editor_client, post):
    values = form_values(editor_client.get(change_url(post)))
    values["body"] = "## Start\n\nThe second body."
    editor_client.post(change_url(post), values)
    soup = BeautifulSoup(editor_client.get(history_url(post)).content, "html.parser")
    rows = soup.select("table.revision-history tbody tr")
    assert len(rows) == 3  # saved, tagged, changed in the admin
    assert "edith" in rows[0].text and "Changed Body." in rows[0].text
    checked = {
        field["name"]: field["value"]
        for field in soup.select("input[type=radio][checked]")
    }
    compare = soup.select_one("form[action$='/history/compare/']")["action"]
    response = editor_client.get(compare, checked)
    assert response.status_code == 200
    lines = BeautifulSoup(response.content, "html.parser").select(
        "table.revision-lines tbody tr"
    )
    assert [(row["class"][0], row.select("td")[-1].text.strip()) for row in lines] == [
        ("line-same", "## Start"),
        ("line-same", ""),
        ("line-removed", "Removed: The first body."),
        ("line-added", "Added: The second body."),
    ]


def test_compare_refuses_versions_of_another_post(editor_client, post, make_post):
    other = make_post()
    mine = versions_of(Post, post.pk).first()
    theirs = versions_of(Post, other.pk).first()
    url = reverse("admin:posts_post_compare", args=[post.pk])
    response = editor_client.get(url, {"from": mine.pk, "to": theirs.pk})
    assert response.status_code == 404


def test_restore_shows_the_old_revision_then_saves_it_as_new(editor_client, post):
    first = versions_of(Post, post.pk).first()
    values = form_values(editor_client.get(change_url(post)))
    values.update(title="Renamed", slug="renamed", body="Rewritten.", tags="Go")
    editor_client.post(change_url(post), values)
    post.refresh_from_db()
    assert (post.title, list(post.tags.names())) == ("Renamed", ["Go"])

    restore = reverse("admin:posts_post_revision", args=[post.pk, first.pk])
    response = editor_client.get(restore)
    assert response.status_code == 200
    shown = form_values(response)
    assert shown["title"] == "Two tabs"
    assert shown["body"] == "## Start\n\nThe first body."
    assert shown["tags"] == "Python"
    post.refresh_from_db()
    assert post.title == "Renamed"  # showing it changed nothing

    response = editor_client.post(restore, shown)
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Two tabs"
    assert list(post.tags.names()) == ["Python"]
    assert "The first body." in post.body_html  # rendered again
    newest = versions_of(Post, post.pk).select_related("revision").first()
    assert newest.revision.comment.startswith("Restored the revision of ")
    assert newest.revision.user.username == "edith"
    # The address it had meanwhile still leads to it.
    assert editor_client.get("/blog/renamed/").status_code in {301, 302}


def test_restore_from_a_stale_page_is_refused_too(editor_client, post):
    first = versions_of(Post, post.pk).first()
    restore = reverse("admin:posts_post_revision", args=[post.pk, first.pk])
    shown = form_values(editor_client.get(restore))
    post.title = "Changed by someone else"
    post.save()
    response = editor_client.post(restore, shown)
    assert response.status_code == 200
    assert "since you opened it" in non_field_errors(response)
    post.refresh_from_db()
    assert post.title == "Changed by someone else"


def test_deleted_posts_are_not_recovered_here(editor_client):
    response = editor_client.get(reverse("admin:posts_post_recoverlist"))
    assert response.status_code == 404
    assert not Version.objects.exists()


def image_upload(name, colour):
    image = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(image, "PNG")
    image.seek(0)
    image.name = name
    return image


def test_restore_brings_back_the_hero_image(editor_client, post):
    values = form_values(editor_client.get(change_url(post)))
    values.update(hero_image=image_upload("first.png", "blue"), hero_image_alt="Blue")
    assert editor_client.post(change_url(post), values).status_code == 302
    post.refresh_from_db()
    first_image = post.hero_image.name
    with_first_image = versions_of(Post, post.pk).first()

    values = form_values(editor_client.get(change_url(post)))
    values.update(hero_image=image_upload("second.png", "red"), hero_image_alt="Red")
    editor_client.post(change_url(post), values)
    post.refresh_from_db()
    assert post.hero_image.name != first_image

    restore = reverse("admin:posts_post_revision", args=[post.pk, with_first_image.pk])
    shown = form_values(editor_client.get(restore))
    assert editor_client.post(restore, shown).status_code == 302
    post.refresh_from_db()
    assert (post.hero_image.name, post.hero_image_alt) == (first_image, "Blue")


def test_a_form_opened_before_any_revision_is_checked_too(editor_client, post):
    values = form_values(editor_client.get(change_url(post)))
    values["opened_version"] = ""  # as a form opened when there was no revision
    response = editor_client.post(change_url(post), values)
    assert response.status_code == 200
    assert "since you opened it" in non_field_errors(response)


def test_the_check_locks_the_row_before_the_save_writes(editor_client, post):
    if not connection.features.has_select_for_update:
        pytest.skip("SQLite locks the whole database for each writer instead.")
    values = form_values(editor_client.get(change_url(post)))
    with CaptureQueriesContext(connection) as captured:
        assert editor_client.post(change_url(post), values).status_code == 302
    queries = [query["sql"] for query in captured.captured_queries]
    locked = next(i for i, sql in enumerate(queries) if sql.endswith("FOR UPDATE"))
    written = next(
        i for i, sql in enumerate(queries) if sql.startswith('UPDATE "posts_post"')
    )
    assert locked < written


def test_history_queries_do_not_grow_with_revisions(editor_client, post):
    def history_queries():
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(history_url(post)).status_code == 200
        return len(captured.captured_queries)

    few = history_queries()
    for number in range(10):
        post.title = f"Title {number}"
        post.save()
    assert history_queries() == few


def test_restore_needs_the_change_permission(client, django_user_model, post):
    viewer = django_user_model.objects.create_user("vera", is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_post", "view_tag"])
    )
    client.force_login(viewer)
    first = versions_of(Post, post.pk).first()
    restore = reverse("admin:posts_post_revision", args=[post.pk, first.pk])
    assert client.get(restore).status_code == 403
