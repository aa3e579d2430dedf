"""Every database rule an editor can break is explained in words, under its field."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db.models import UniqueConstraint
from django.urls import reverse
from PIL import Image

from posts.forms import CHOOSE_FILE_AGAIN
from posts.models import Author, Category, Post, Tag
from posts.tests.test_admin import field_errors, form_data
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

MODELS = [Post, Tag, Category, Author, Series, SeriesPart]


def png(name="picture.png"):
    image = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(image, "PNG")
    image.seek(0)
    image.name = name
    return image


def referenced_fields(model, constraint):
    if isinstance(constraint, UniqueConstraint) and constraint.fields:
        return set(constraint.fields)
    return {name for name, *_ in model._get_expr_references(constraint.condition)}


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_constraint_has_words_and_a_field(model):
    for constraint in model._meta.constraints:
        assert (
            constraint.violation_error_message
            != constraint.default_violation_error_message
        ), constraint.name
        field = model.constraint_error_fields.get(constraint.violation_error_code)
        assert field in referenced_fields(model, constraint), constraint.name


def errors_of(instance):
    """Return {field: [messages]} from the database's rules alone."""
    with pytest.raises(ValidationError) as raised:
        instance.validate_constraints()
    return raised.value.message_dict


def test_post_rules_name_their_fields(make_post):
    make_post(slug="imported", import_guid="urn:one")
    cases = [
        (Post(title="", slug="x"), "title", "A post needs a title."),
        (Post(title="T", slug=""), "slug", "no letters or digits"),
        (
            Post(title="T", slug="x", status=Post.Status.PUBLISHED),
            "published_at",
            "A published post needs a publication time.",
        ),
        (
            Post(title="T", slug="x", hero_image="heroes/a.png"),
            "hero_image_alt",
            "Describe the hero image",
        ),
        (
            Post(title="T", slug="x", import_guid="urn:one"),
            "import_guid",
            "already imported",
        ),
    ]
    for post, field, words in cases:
        errors = errors_of(post)
        assert list(errors) == [field], (field, errors)
        assert words in errors[field][0]


def test_series_rules_name_their_fields(make_post):
    series = Series.objects.create(title="S", slug="s", description="d")
    SeriesPart.objects.create(series=series, post=make_post(), position=1)
    cases = [
        (Series(title="T", slug="", description="d"), "slug", "needs a slug"),
        (
            Series(title="T", slug="t", description="d", cover_image="series/a.png"),
            "cover_image_alt",
            "Describe the cover image",
        ),
        (
            SeriesPart(series=series, post=make_post(), position=0),
            "position",
            "Positions start at 1.",
        ),
        (
            SeriesPart(series=series, post=make_post(), position=1),
            "position",
            "already has this position",
        ),
    ]
    for instance, field, words in cases:
        errors = errors_of(instance)
        assert list(errors) == [field], (field, errors)
        assert words in errors[field][0]


def test_tag_and_author_rules_name_their_fields():
    Author.objects.create(name="Ada")
    cases = [
        (Tag(name="t", slug=""), "slug", "A tag needs a slug"),
        (Author(name=""), "name", "An author needs a name."),
        (Author(name="Ada"), "name", "Another author already has this name"),
    ]
    for instance, field, words in cases:
        errors = errors_of(instance)
        assert list(errors) == [field], (field, errors)
        assert words in errors[field][0]


def assert_shown_under(response, field, words):
    assert response.status_code == 200
    errors = field_errors(response)
    assert words in errors.get(field, ""), errors
    assert "is violated" not in response.content.decode()


def test_hero_image_without_alt_text_and_without_title(editor_client):
    response = editor_client.post(
        reverse("admin:posts_post_add"),
        form_data(title="", slug="hero", hero_image=png()),
    )
    assert_shown_under(response, "hero_image_alt", "Describe the hero image")
    assert_shown_under(response, "title", "required")
    assert not Post.objects.exists()


def test_cover_image_without_alt_text(editor_client):
    response = editor_client.post(
        reverse("admin:series_series_add"),
        {
            "title": "Covered",
            "slug": "covered",
            "description": "d",
            "status": Series.Status.IN_PROGRESS,
            "cover_image": png(),
            "cover_image_alt": "",
            "parts-TOTAL_FORMS": "0",
            "parts-INITIAL_FORMS": "0",
        },
    )
    assert_shown_under(response, "cover_image_alt", "Describe the cover image")


def test_part_at_position_zero(editor_client, make_post):
    response = editor_client.post(
        reverse("admin:series_series_add"),
        {
            "title": "Zero",
            "slug": "zero",
            "description": "d",
            "status": Series.Status.IN_PROGRESS,
            "cover_image_alt": "",
            "parts-TOTAL_FORMS": "1",
            "parts-INITIAL_FORMS": "0",
            "parts-0-position": "0",
            "parts-0-post": make_post().pk,
            "parts-0-label": "",
        },
    )
    assert_shown_under(response, "parts-0-position", "Positions start at 1.")
    assert not Series.objects.exists()


@pytest.mark.parametrize(
    ("url", "data", "field", "words"),
    [
        (
            "admin:posts_category_add",
            {"name": "Taken", "slug": "other"},
            "name",
            "Another category already has this name.",
        ),
        (
            "admin:posts_category_add",
            {"name": "Other", "slug": "taken"},
            "slug",
            "Another category already uses this slug.",
        ),
        (
            "admin:posts_tag_add",
            {"name": "Taken", "slug": "other"},
            "name",
            "already exists",
        ),
        (
            "admin:posts_author_add",
            {"name": "Taken", "bio": "", "url": ""},
            "name",
            "Another author already has this name",
        ),
        (
            "admin:posts_author_add",
            {"name": "", "bio": "", "url": ""},
            "name",
            "required",
        ),
    ],
)
def test_taken_names_and_slugs_are_shown_under_their_field(
    editor_client, url, data, field, words
):
    Category.objects.create(name="Taken", slug="taken")
    Tag.objects.create(name="Taken", slug="taken")
    Author.objects.create(name="Taken")
    response = editor_client.post(reverse(url), data)
    assert_shown_under(response, field, words)


def test_no_form_error_is_a_constraint_name(editor_client, make_post):
    # A published post without a time gets one; a post that is all symbols gets
    # told about its slug: nothing reaches the top of the form as a rule's name.
    response = editor_client.post(
        reverse("admin:posts_post_add"),
        form_data(title="!!!", status=Post.Status.PUBLISHED, hero_image=png()),
    )
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select(".errorlist.nonfield") == []
    assert "is violated" not in response.content.decode()
    errors = field_errors(response)
    assert set(errors) == {"slug", "hero_image_alt", "hero_image"}
    assert errors["hero_image"] == CHOOSE_FILE_AGAIN
