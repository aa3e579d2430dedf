import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from posts.tests.test_revision_admin import form_values
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


def position_errors(response):
    """Return {row: the errors under its position} as the editor sees them."""
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        int(errors["id"].split("-")[1]): errors.text
        for errors in soup.select(
            "ul.errorlist[id^='id_parts-'][id$='-position_error']"
        )
    }


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
    posts = [make_post(), make_post()]
    response = editor_client.post(
        reverse("admin:series_series_add"),
        inline_data(
            None,
            [
                {"position": "1", "post": posts[0].pk},
                {"position": "1", "post": posts[1].pk},
            ],
        ),
    )
    assert response.status_code == 200
    # Both rows are new: the error is under each, naming the other.
    errors = position_errors(response)
    assert errors == {
        0: f"Position 1 is also given to “{posts[1].title}”. Give each part a "
        "position of its own.",
        1: f"Position 1 is also given to “{posts[0].title}”. Give each part a "
        "position of its own.",
    }
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
    assert positions == ["1", "2", "3", "4"]  # and the next one, for a new part


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


def change_url(series):
    return reverse("admin:series_series_change", args=[series.pk])


def parts_of(series):
    return list(
        series.parts.order_by("position").values_list("position", "post__title")
    )


@pytest.fixture
def four_parts(make_series):
    series = make_series("four", part_count=4)
    return series, [title for _, title in parts_of(series)]


def test_two_parts_trade_places_in_one_save(editor_client, four_parts):
    series, titles = four_parts
    values = form_values(editor_client.get(change_url(series)), "series_form")
    values["parts-1-position"], values["parts-2-position"] = "3", "2"
    response = editor_client.post(change_url(series), values)
    assert response.status_code == 302, errors_text(response)
    assert parts_of(series) == [
        (1, titles[0]),
        (2, titles[2]),
        (3, titles[1]),
        (4, titles[3]),
    ]


def test_a_clash_is_shown_under_the_row_that_was_changed(editor_client, four_parts):
    series, titles = four_parts
    values = form_values(editor_client.get(change_url(series)), "series_form")
    values["parts-3-position"] = "2"
    response = editor_client.post(change_url(series), values)
    assert response.status_code == 200
    assert position_errors(response) == {
        3: f"Position 2 is also given to “{titles[1]}”. Give each part a position "
        "of its own."
    }
    assert [title for _, title in parts_of(series)] == titles


def test_removing_a_part_closes_the_gap(editor_client, four_parts):
    series, titles = four_parts
    values = form_values(editor_client.get(change_url(series)), "series_form")
    values["parts-1-DELETE"] = "on"
    assert editor_client.post(change_url(series), values).status_code == 302
    assert parts_of(series) == [(1, titles[0]), (2, titles[2]), (3, titles[3])]


def test_removing_a_part_may_keep_the_numbers(editor_client, four_parts):
    series, titles = four_parts
    values = form_values(editor_client.get(change_url(series)), "series_form")
    values["parts-1-DELETE"] = "on"
    values["on_part_removal"] = Series.PartRemoval.KEEP_NUMBERS
    assert editor_client.post(change_url(series), values).status_code == 302
    assert parts_of(series) == [(1, titles[0]), (3, titles[2]), (4, titles[3])]
    series.refresh_from_db()
    assert series.on_part_removal == Series.PartRemoval.KEEP_NUMBERS


def test_reorder_remove_and_add_in_one_save(editor_client, four_parts, make_post):
    series, titles = four_parts
    values = form_values(editor_client.get(change_url(series)), "series_form")
    values["parts-0-DELETE"] = "on"
    values["parts-2-position"], values["parts-3-position"] = "4", "3"
    assert values["parts-4-position"] == "5"  # offered for a new part
    values["parts-4-post"] = str(make_post(title="Newcomer").pk)
    response = editor_client.post(change_url(series), values)
    assert response.status_code == 302, errors_text(response)
    assert parts_of(series) == [
        (1, titles[1]),
        (2, titles[3]),
        (3, titles[2]),
        (4, "Newcomer"),
    ]


def test_change_form_query_count_does_not_grow(
    editor_client, make_series, make_post, django_assert_num_queries
):
    # Session, user, the series, two permission look-ups, its newest revision, the
    # parts with their posts.
    series = make_series(part_count=3)
    with django_assert_num_queries(7):
        editor_client.get(change_url(series))
    for position in range(4, 31):
        SeriesPart.objects.create(series=series, post=make_post(), position=position)
    with django_assert_num_queries(7):
        response = editor_client.get(change_url(series))
    soup = BeautifulSoup(response.content, "html.parser")
    chosen = soup.select("select[name$='-post'] option[selected]")
    assert [option.text for option in chosen] == [
        title for _, title in parts_of(series)
    ]
