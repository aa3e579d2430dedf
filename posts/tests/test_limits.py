"""A limit is told in the same words wherever a text or a file meets it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from posts.limits import body_too_long, file_too_large
from posts.models import Post
from series.models import Series


def test_a_body_at_the_limit_passes_and_one_past_it_is_told_its_length(settings):
    settings.BLOGCRAFT_BODY_MAX_CHARS = 1000
    assert body_too_long("x" * 1000) == ""
    assert "at most 1,000 characters (it has 1,001)" in body_too_long("x" * 1001)


@pytest.mark.django_db
def test_the_model_the_preview_and_the_checks_refuse_a_long_body_alike(
    editor_client, settings
):
    settings.BLOGCRAFT_BODY_MAX_CHARS = 100
    body = "x" * 101
    message = body_too_long(body)
    with pytest.raises(ValidationError) as raised:
        Post(title="Long", description="d", body=body).full_clean()
    assert raised.value.message_dict["body"] == [message]
    preview = editor_client.post(reverse("editor-preview"), {"content": body})
    assert preview.content.decode() == message
    checks = editor_client.post(reverse("editor-checks"), {"body": body})
    assert checks.json()["error"] == message


@pytest.mark.django_db
def test_an_oversized_upload_is_refused_in_the_same_words_before_and_after_reading(
    editor_client, settings
):
    settings.BLOGCRAFT_UPLOAD_MAX_BYTES = 1024 * 1024
    declared = editor_client.post(
        reverse("editor-upload"), {"image": "x"}, CONTENT_LENGTH=str(10 * 1024 * 1024)
    )
    assert declared.json() == {"image": [file_too_large()]}
    assert "1 MB" in file_too_large()


def test_posts_and_series_share_their_title_and_description_lengths():
    for model in (Post, Series):
        assert model._meta.get_field("title").max_length == 100
        assert model._meta.get_field("description").max_length == 300
