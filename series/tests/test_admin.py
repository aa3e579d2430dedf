import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from posts.models import Post
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


# The series on a post's form.

POST_ADD = reverse("admin:posts_post_add")


def post_form(**overrides):
    data = {
        "title": "Ownership",
        "slug": "",
        "description": "Borrowing for Python programmers.",
        "body": "## Start\n\nHello.",
        "status": Post.Status.PUBLISHED,
        "published_at_0": "",
        "published_at_1": "",
        "updated_at_0": "",
        "updated_at_1": "",
        "update_note": "",
        "category": "",
        "tags": "Rust",
        "hero_image_alt": "",
        "series_part-TOTAL_FORMS": "1",
        "series_part-INITIAL_FORMS": "0",
        "series_part-MIN_NUM_FORMS": "0",
        "series_part-MAX_NUM_FORMS": "1",
        "series_part-0-series": "",
        "series_part-0-position": "",
        "series_part-0-label": "",
    }
    return data | overrides


def test_a_post_joins_a_series_after_its_last_part(editor_client, make_series):
    series = make_series("rust", part_count=2, title="Rust")
    response = editor_client.post(
        POST_ADD, post_form(**{"series_part-0-series": series.pk})
    )
    assert response.status_code == 302, errors_text(response)
    assert parts_of(series)[-1] == (3, "Ownership")


def test_a_post_takes_a_free_position_and_a_label(editor_client, make_series):
    series = make_series("rust", part_count=2, title="Rust")
    data = post_form(
        **{
            "series_part-0-series": series.pk,
            "series_part-0-position": "5",
            "series_part-0-label": "Appendix",
        }
    )
    assert editor_client.post(POST_ADD, data).status_code == 302
    part = Post.objects.get(title="Ownership").series_part
    assert (part.position, part.label) == (5, "Appendix")


def test_a_taken_position_is_shown_under_the_field(editor_client, make_series):
    series = make_series("rust", part_count=2, title="Rust")
    taken = series.parts.get(position=2).post.title
    data = post_form(
        **{"series_part-0-series": series.pk, "series_part-0-position": "2"}
    )
    response = editor_client.post(POST_ADD, data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    errors = soup.select_one("#id_series_part-0-position_error").text
    assert errors == (
        f"Position 2 of Rust is “{taken}”. Choose a free position, or leave it "
        "empty to add the post after the last part."
    )
    assert not Post.objects.filter(title="Ownership").exists()


def test_the_post_form_shows_and_changes_the_series(
    editor_client, make_series, make_post
):
    rust = make_series("rust", part_count=3, title="Rust")
    go = make_series("go", part_count=1, title="Go")
    titles = [title for _, title in parts_of(rust)]
    post = rust.parts.get(position=2).post
    url = reverse("admin:posts_post_change", args=[post.pk])
    values = form_values(editor_client.get(url))
    assert values["series_part-0-series"] == str(rust.pk)
    assert values["series_part-0-position"] == "2"
    # Moved to Go, after its last part: Rust closes the gap.
    values["series_part-0-series"] = str(go.pk)
    values["series_part-0-position"] = ""
    response = editor_client.post(url, values)
    assert response.status_code == 302, errors_text(response)
    assert parts_of(go)[-1] == (2, post.title)
    assert parts_of(rust) == [(1, titles[0]), (2, titles[2])]


def test_a_post_leaves_its_series_from_its_form(editor_client, make_series):
    rust = make_series("rust", part_count=3, title="Rust")
    titles = [title for _, title in parts_of(rust)]
    post = rust.parts.get(position=1).post
    url = reverse("admin:posts_post_change", args=[post.pk])
    values = form_values(editor_client.get(url))
    values["series_part-0-DELETE"] = "on"
    assert editor_client.post(url, values).status_code == 302
    assert Post.objects.filter(pk=post.pk).exists()
    assert parts_of(rust) == [(1, titles[1]), (2, titles[2])]


def test_the_post_list_shows_series_and_label(editor_client, make_series):
    series = make_series("rust", part_count=2, title="Rust")
    series.parts.filter(position=2).update(label="Bonus")
    soup = BeautifulSoup(
        editor_client.get(reverse("admin:posts_post_changelist")).content,
        "html.parser",
    )
    shown = {cell.text for cell in soup.select("td.field-series_and_part")}
    assert shown == {"Rust · Part 1", "Rust · Bonus"}


def test_post_form_query_count_does_not_grow(
    editor_client, make_series, django_assert_num_queries
):
    series = make_series("rust", part_count=3)
    post = series.parts.get(position=2).post
    url = reverse("admin:posts_post_change", args=[post.pk])
    # As without the series, plus its part and the series to choose from (for the
    # form and for the one the admin's scripts copy); the post's authors are one.
    with django_assert_num_queries(12):
        editor_client.get(url)
    for index in range(10):
        make_series(f"more-{index}", part_count=3)
    with django_assert_num_queries(12):
        response = editor_client.get(url)
    options = BeautifulSoup(response.content, "html.parser").select(
        "#id_series_part-0-series option"
    )
    assert len(options) == 12  # every series, and none
