import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:series_series_changelist")


def inline_data(series, parts, **fields):
    data = {
        "title": series.title if series else "New series",
        "slug": series.slug if series else "new-series",
        "description": "A series.",
        "status": Series.Status.IN_PROGRESS,
        "cover_image_alt": "",
        "planned_parts": "",
        "on_part_removal": Series.PartRemoval.CLOSE_GAP,
        "parts-TOTAL_FORMS": str(len(parts)),
        "parts-INITIAL_FORMS": str(sum(1 for part in parts if part.get("id"))),
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "1000",
    }
    for index, part in enumerate(parts):
        for key, value in part.items():
            data[f"parts-{index}-{key}"] = value
        if series:
            data[f"parts-{index}-series"] = series.pk
    return data | fields


def errors_text(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(errors.text for errors in soup.select(".errorlist"))


def test_editor_builds_a_series_from_posts(editor_client, make_post):
    first, second = make_post(), make_post()
    response = editor_client.post(
        reverse("admin:series_series_add"),
        inline_data(
            None,
            [
                {"position": "1", "post": first.pk, "label": ""},
                {"position": "2", "post": second.pk, "label": "Bonus"},
            ],
        ),
    )
    assert response.status_code == 302, errors_text(response)
    series = Series.objects.get()
    assert [(p.post, p.label) for p in series.parts.all()] == [
        (first, ""),
        (second, "Bonus"),
    ]


def test_two_parts_at_one_position_are_shown_as_errors(editor_client, make_post):
    response = editor_client.post(
        reverse("admin:series_series_add"),
        inline_data(
            None,
            [
                {"position": "1", "post": make_post().pk},
                {"position": "1", "post": make_post().pk},
            ],
        ),
    )
    assert response.status_code == 200
    assert "Please correct the duplicate data for position." in errors_text(response)
    assert not Series.objects.exists()


def test_a_post_of_another_series_is_shown_as_an_error(
    editor_client, make_series, make_post
):
    taken = make_series("taken", part_count=1).parts.get().post
    response = editor_client.post(
        reverse("admin:series_series_add"),
        inline_data(None, [{"position": "1", "post": taken.pk}]),
    )
    assert response.status_code == 200
    assert "This post is already a part of a series." in errors_text(response)
    assert Series.objects.count() == 1


def test_change_form_loads_with_its_parts(editor_client, make_series):
    series = make_series(part_count=3)
    response = editor_client.get(
        reverse("admin:series_series_change", args=[series.pk])
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    positions = [
        field["value"] for field in soup.select("input[name$='-position'][value]")
    ]
    assert positions == ["1", "2", "3"]


def test_post_autocomplete_finds_posts_by_title(editor_client, make_post):
    make_post(title="Needle in the haystack")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "needle",
            "app_label": "series",
            "model_name": "seriespart",
            "field_name": "post",
        },
    )
    assert [row["text"] for row in response.json()["results"]] == [
        "Needle in the haystack"
    ]


def test_changelist_query_count_does_not_grow(
    editor_client, make_series, django_assert_num_queries
):
    make_series("one", part_count=2)
    with django_assert_num_queries(7):
        editor_client.get(CHANGELIST)
    for index in range(20):
        make_series(f"more-{index}", part_count=2)
    with django_assert_num_queries(7):
        response = editor_client.get(CHANGELIST)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#result_list tbody td.field-part_count").text == "2"
    assert SeriesPart.objects.count() == 42
