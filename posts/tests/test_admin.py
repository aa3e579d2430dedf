import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from posts.models import Category, Post

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:posts_post_changelist")
ADD = reverse("admin:posts_post_add")
SERIES_CHANGELIST = reverse("admin:series_series_changelist")


def form_data(**overrides):
    data = {
        "title": "Writing with care",
        "slug": "",
        "description": "Why the details matter.",
        "body": "## Start\n\nHello.",
        "status": Post.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "updated_at_0": "",
        "updated_at_1": "",
        "update_note": "",
        "category": "",
        "tags": "Writing, Python",
        "hero_image_alt": "",
        # The change page's inline of review links, with no rows.
        "review_links-TOTAL_FORMS": "0",
        "review_links-INITIAL_FORMS": "0",
    }
    return data | overrides


def field_errors(response):
    """Return {field name: error text} as the editor sees them on the form."""
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        errors["id"].removeprefix("id_").removesuffix("_error"): errors.text
        for errors in soup.select("ul.errorlist[id$='_error']")
    }


def test_editor_writes_and_publishes_a_post(editor_client):
    data = form_data(status=Post.Status.PUBLISHED)
    response = editor_client.post(ADD, data)
    assert response.status_code == 302, field_errors(response)
    post = Post.objects.get()
    assert post.slug == "writing-with-care"
    assert post.is_published()
    assert sorted(post.tags.names()) == ["Python", "Writing"]
    assert "Writing with care" in editor_client.get("/").content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "t" * 101}, "title", "at most 100 characters"),
        ({"description": "d" * 301}, "description", "at most 300 characters"),
        ({"title": "!!!"}, "slug", "no letters or digits"),
        ({"title": "🚀"}, "slug", "no letters or digits"),
        ({"title": ""}, "title", "required"),
        ({"description": ""}, "description", "required"),
        ({"slug": "bad slug!"}, "slug", "valid"),
    ],
)
def test_invalid_input_is_shown_in_the_form(editor_client, overrides, field, message):
    response = editor_client.post(ADD, form_data(**overrides))
    assert response.status_code == 200
    errors = field_errors(response)
    assert message in errors[field]
    assert not Post.objects.exists()


def test_duplicate_slug_is_shown_in_the_form(editor_client, make_post):
    make_post(slug="taken")
    response = editor_client.post(ADD, form_data(slug="taken"))
    assert "Another post already uses this slug." in field_errors(response)["slug"]
    assert Post.objects.count() == 1


def test_title_that_slugifies_to_an_existing_slug(editor_client, make_post):
    make_post(title="Writing with care")
    response = editor_client.post(ADD, form_data())
    assert "Another post already uses this slug." in field_errors(response)["slug"]


def test_overlong_tag_is_shown_in_the_form(editor_client):
    response = editor_client.post(ADD, form_data(tags="fine, " + "x" * 150))
    assert "at most 100 characters" in field_errors(response)["tags"]
    assert not Post.objects.exists()


def test_tag_made_of_symbols_gets_a_slug_that_fits(editor_client):
    response = editor_client.post(ADD, form_data(tags="+" * 100))
    assert response.status_code == 302
    slug = Post.objects.get().tags.get().slug
    assert slug.startswith("plus-plus") and len(slug) <= 90


def test_hero_image_without_alt_text_is_shown_in_the_form(editor_client):
    image = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(image, "PNG")
    image.seek(0)
    image.name = "hero.png"
    response = editor_client.post(ADD, form_data(hero_image=image))
    assert "Describe the hero image" in field_errors(response)["hero_image_alt"]
    assert not Post.objects.exists()


def test_fake_image_is_refused_in_the_form(editor_client):
    fake = io.BytesIO(b"<html><script>alert(1)</script></html>")
    fake.name = "photo.png"
    response = editor_client.post(
        ADD, form_data(hero_image=fake, hero_image_alt="A photo")
    )
    assert "valid image" in field_errors(response)["hero_image"]
    assert not Post.objects.exists()


def test_control_characters_in_the_title_are_dropped(editor_client):
    response = editor_client.post(ADD, form_data(title="Ring\x07 the bell"))
    assert response.status_code == 302
    assert Post.objects.get().title == "Ring the bell"


def test_publish_and_unpublish_actions(editor_client, make_post):
    draft = make_post(status=Post.Status.DRAFT)
    scheduled_time = timezone.now() + timedelta(days=2)
    scheduled = make_post(status=Post.Status.DRAFT, published_at=scheduled_time)
    editor_client.post(
        CHANGELIST,
        {"action": "publish", "_selected_action": [draft.pk, scheduled.pk]},
    )
    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert draft.is_published()
    assert scheduled.is_scheduled() and scheduled.published_at == scheduled_time

    editor_client.post(
        CHANGELIST, {"action": "unpublish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == Post.Status.DRAFT
    assert not Post.objects.published().exists()


def test_changelist_shows_state_and_category(editor_client, make_post):
    make_post(
        title="Shown here", category=Category.objects.create(name="AI", slug="ai")
    )
    soup = BeautifulSoup(editor_client.get(CHANGELIST).content, "html.parser")
    row = soup.select_one("#result_list tbody tr")
    assert "Shown here" in row.text
    assert row.select_one("td.field-state").text == "Published"
    assert row.select_one("td.field-category").text == "AI"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=post",
        "?state=draft",
        "?state=scheduled",
        "?state=published",
        "?tags__id__exact=1",
        "?o=2",
        "?o=-2",
        "?o=1",
        "?checks=attention",
        "?checks=clear",
    ],
)
def test_changelist_query_count_does_not_grow(
    editor_client, make_post, django_assert_num_queries, query
):
    category = Category.objects.create(name="AI", slug="ai")

    def add_posts(count):
        for number in range(count):
            make_post(category=category, tags=["one", "two"])
            make_post(status=Post.Status.DRAFT, tags=["one"])
            make_post(published_at=timezone.now() + timedelta(days=number + 1))

    add_posts(2)
    # Session, user, two permission look-ups, three filter lists, one count (the
    # total without filters is not counted) and the posts (the list fits on one
    # page; past that, a page's ids are one query more: see test_flat_queries).
    with django_assert_num_queries(9):
        assert editor_client.get(CHANGELIST + query).status_code == 200
    add_posts(10)
    with django_assert_num_queries(9):
        assert editor_client.get(CHANGELIST + query).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:posts_post_add"),
        reverse("admin:posts_category_changelist"),
        reverse("admin:posts_tag_changelist"),
        reverse("admin:series_series_add"),
    ],
)
def test_editor_pages_load(editor_client, url):
    assert editor_client.get(url).status_code == 200


def test_editor_cannot_manage_users(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_editor_page_lets_the_preview_style_diagrams_but_keeps_scripts_strict(
    editor_client,
):
    policy = editor_client.get(ADD)["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert any(source.startswith("'nonce-") for source in directives["script-src"])


@pytest.mark.parametrize(
    "url", [ADD, CHANGELIST, reverse("admin:series_series_add"), SERIES_CHANGELIST]
)
def test_editor_pages_load_the_scripts_that_keep_unsaved_text(editor_client, url):
    # The changelists too: a save lands there, and its success message drops the
    # copy kept of the form.
    page = BeautifulSoup(editor_client.get(url).content, "html.parser")
    scripts = [script["src"] for script in page.select("script[src]")]
    assert "/static/js/unsaved-changes.js" in scripts


def test_a_body_past_the_render_deadline_is_a_form_error_and_keeps_the_text(
    editor_client, settings
):
    settings.BLOGCRAFT_RENDER_TIMEOUT_SECONDS = 0.001
    body = "## Slow\n\nA *long* body with `code` and [links](/blog/).\n\n" * 2000
    response = editor_client.post(ADD, form_data(body=body))
    assert response.status_code == 200
    assert "took longer than" in field_errors(response)["body"]
    soup = BeautifulSoup(response.content, "html.parser")
    # The editor's text is still in the form, ready to be changed and saved again.
    assert soup.select_one("textarea[name=body]").text.strip() == body.strip()
    assert not Post.objects.exists()
