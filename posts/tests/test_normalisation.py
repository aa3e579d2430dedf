"""Every text field of every model is stored in one form, however it was written."""

import unicodedata

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from posts.models import Category, Post, SlugHistory, Tag
from posts.normalisation import NormalisedTextModel, normalise_rows
from posts.rendering.text import strip_control_bytes
from series.models import Series, SeriesPart
from series.tests.test_admin import errors_text, inline_data

from .test_admin import field_errors, form_data

pytestmark = pytest.mark.django_db

DECOMPOSED = "Cafe\u0301"  # "Café" as a Mac's keyboard may send it
COMPOSED = "Caf\u00e9"
# NUL, ESC, NEL (which made share cards fail to draw), DEL and a C1 control.
CONTROLS = "\x00\x1b\x85\x7f\x9b"


def has_text_fields(model):
    return any(
        isinstance(field, models.CharField | models.TextField) and field.editable
        for field in model._meta.concrete_fields
    )


def test_every_model_with_text_normalises_it():
    models_with_text = [
        model
        for app in ("posts", "series")
        for model in apps.get_app_config(app).get_models()
        if has_text_fields(model)
    ]
    assert {Post, Tag, Category, SlugHistory, Series, SeriesPart} <= set(
        models_with_text
    )
    for model in models_with_text:
        assert issubclass(model, NormalisedTextModel), model


def test_the_orm_path_stores_composed_text_without_controls(make_post):
    post = make_post(
        title=f"{DECOMPOSED}{CONTROLS} notes",
        description=f"Line one\r\nline{CONTROLS} two",
        body=f"# {DECOMPOSED}\n\n\tcode\x0b\r\n",
        hero_image_alt="",
        update_note=f"{CONTROLS}fixed",
    )
    post.refresh_from_db()
    assert post.title == f"{COMPOSED} notes"
    assert unicodedata.is_normalized("NFC", post.title)
    # A one-line field keeps no line breaks; the body keeps tab and line breaks.
    assert post.description == "Line one line two"
    assert post.body == f"# {COMPOSED}\n\n\tcode\r\n"
    assert post.update_note == "fixed"


def test_every_model_is_normalised_on_save(make_post):
    category = Category.objects.create(name=f"{DECOMPOSED}\x85", slug="Cafe")
    series = Series.objects.create(
        title=f"NEL\x85Series {DECOMPOSED}",
        slug="NEL-Series",
        description=f"About{CONTROLS} it",
    )
    part = SeriesPart.objects.create(
        series=series, post=make_post(), position=1, label=f"Bonus\x85{DECOMPOSED}"
    )
    for instance in (category, series, part):
        instance.refresh_from_db()
    assert (category.name, category.slug) == (COMPOSED, "cafe")
    assert (series.title, series.slug) == (f"NELSeries {COMPOSED}", "nel-series")
    assert series.description == "About it"
    assert part.label == f"Bonus{COMPOSED}"


def test_the_admin_form_stores_normalised_text(editor_client):
    response = editor_client.post(
        reverse("admin:posts_post_add"),
        form_data(
            title=f"{DECOMPOSED}\x85 notes",
            description=f"{DECOMPOSED}\x00 description",
            tags=f"{DECOMPOSED}, plain",
        ),
    )
    assert response.status_code == 302, field_errors(response)
    post = Post.objects.get()
    assert post.title == f"{COMPOSED} notes"
    assert post.description == f"{COMPOSED} description"
    assert sorted(tag.name for tag in post.tags.all()) == [COMPOSED, "plain"]


def test_series_title_with_a_control_character_saves_from_the_admin(
    editor_client, make_post, django_capture_on_commit_callbacks
):
    """A NEL in a series' title once made every save of its parts a server error."""
    post = make_post()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:series_series_add"),
            inline_data(
                None,
                [{"position": "1", "post": post.pk, "label": ""}],
                title="NEL\u0085Series",
                slug="nel-series",
            ),
        )
    assert response.status_code == 302, errors_text(response)
    assert Series.objects.get().title == "NELSeries"
    post.refresh_from_db()
    assert post.share_image
    assert post.render_problems == []
    response = editor_client.post(
        reverse("admin:posts_post_change", args=[post.pk]),
        form_data(title=post.title, slug=post.slug, body="Edited."),
    )
    assert response.status_code == 302, field_errors(response)
    post.refresh_from_db()
    assert post.body == "Edited."


def test_tags_that_differ_only_by_normal_form_are_one_tag(make_post):
    first = make_post(tags=[DECOMPOSED])
    second = make_post(tags=[COMPOSED])
    assert Tag.objects.count() == 1
    assert first.tags.get() == second.tags.get()
    assert Tag.objects.get().name == COMPOSED
    second.tags.remove(DECOMPOSED)
    assert not second.tags.exists()


def test_a_tag_of_control_characters_only_is_dropped(make_post):
    post = make_post(tags=["\x85", " ", "kept"])
    assert [tag.name for tag in post.tags.all()] == ["kept"]


def test_slugs_are_stored_lower_case(make_post):
    assert make_post(slug="Launch-Notes").slug == "launch-notes"


def test_slug_that_differs_only_by_case_is_refused_like_a_duplicate(
    editor_client, make_post
):
    make_post(slug="launch-notes")
    response = editor_client.post(
        reverse("admin:posts_post_add"), form_data(slug="Launch-Notes")
    )
    assert response.status_code == 200
    assert "Another post already uses this slug." in field_errors(response)["slug"]
    assert Post.objects.count() == 1


def test_rows_written_before_are_normalised_by_the_migration(make_post):
    post = make_post(slug="old-address")
    tag = Tag.objects.create(name="plain")
    # Written as rows stored before normalisation was: bypassing save().
    Post.objects.filter(pk=post.pk).update(
        title=f"{DECOMPOSED}\x85", slug="Old-Address"
    )
    # (No NUL here: PostgreSQL refuses it in text, so no stored row can hold one.)
    Tag.objects.filter(pk=tag.pk).update(name=f"{DECOMPOSED}\x1b")
    normalise_rows(apps, "posts", ["Post", "Tag"])
    post.refresh_from_db()
    tag.refresh_from_db()
    assert (post.title, post.slug) == (COMPOSED, "old-address")
    assert tag.name == COMPOSED
    assert SlugHistory.current(Post, "Old-Address") == post


def test_feed_bytes_lose_the_controls_xml_forbids_raw_or_as_references():
    data = b"a\x01&#0;&#x1B;&#000000011;&#x9;&#10;&#65;&#x10FFFF;&#x7f;\x1f b"
    assert strip_control_bytes(data) == b"a&#x9;&#10;&#65;&#x10FFFF;&#x7f; b"
    wide = "a\x01".encode("utf-16")
    assert strip_control_bytes(wide) == wide
