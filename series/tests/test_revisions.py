"""Revisions of a series keep its parts; the admin restores them and refuses stale
saves, as for posts."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from posts.revisions import snapshot, versions_of
from posts.tests.test_revision_admin import form_values, non_field_errors
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db


def change_url(series):
    return reverse("admin:series_series_change", args=[series.pk])


def parts_of(series):
    return [
        (part.position, part.post.title, part.label)
        for part in series.parts.select_related("post")
    ]


def test_a_revision_keeps_the_parts_in_order(make_series):
    series = make_series(part_count=2)
    SeriesPart.objects.filter(series=series, position=2).update(label="Bonus")
    series.title = "Renamed"
    series.save()
    newest = versions_of(Series, series.pk).first()
    titles = [title for _, title, _ in parts_of(series)]
    assert snapshot(newest).fields["Parts"] == f"1. {titles[0]}\n2. {titles[1]} (Bonus)"


def test_a_part_saved_on_its_own_is_a_revision_of_its_series(make_series, make_post):
    series = make_series(part_count=1)
    before = versions_of(Series, series.pk).count()
    SeriesPart.objects.create(series=series, post=make_post(), position=2)
    assert versions_of(Series, series.pk).count() == before + 1


def test_restore_brings_back_the_parts_of_that_revision(
    editor_client, make_series, make_post
):
    series = make_series(part_count=2)
    old_parts = parts_of(series)
    first = versions_of(Series, series.pk).first()
    values = form_values(editor_client.get(change_url(series)), "series_form")
    # Drop the second part, label the first, add a new post as part 3: the gap
    # closes, so the newcomer is part 2.
    values["parts-1-DELETE"] = "on"
    values["parts-0-label"] = "Prologue"
    values["parts-2-post"] = str(make_post(title="Newcomer").pk)
    values["parts-2-position"] = "3"
    assert editor_client.post(change_url(series), values).status_code == 302
    assert [title for _, title, _ in parts_of(series)] == [
        old_parts[0][1],
        "Newcomer",
    ]
    # The part deleted in that save is not in its revision.
    edited = versions_of(Series, series.pk).first()
    assert snapshot(edited).fields["Parts"] == (
        f"1. {old_parts[0][1]} (Prologue)\n2. Newcomer"
    )

    restore = reverse("admin:series_series_revision", args=[series.pk, first.pk])
    shown = form_values(editor_client.get(restore), "series_form")
    assert editor_client.post(restore, shown).status_code == 302
    assert parts_of(series) == old_parts
    newest = versions_of(Series, series.pk).select_related("revision").first()
    assert newest.revision.comment.startswith("Restored the revision of ")


def test_two_tabs_on_a_series(editor_client, make_series):
    series = make_series(part_count=1)
    tab_a = form_values(editor_client.get(change_url(series)), "series_form")
    tab_b = form_values(editor_client.get(change_url(series)), "series_form")
    tab_a["parts-0-label"] = "Chapter one"
    assert editor_client.post(change_url(series), tab_a).status_code == 302
    tab_b["description"] = "B's description."
    response = editor_client.post(change_url(series), tab_b)
    assert response.status_code == 200
    assert "This series was changed by edith" in non_field_errors(response)
    conflict = BeautifulSoup(response.content, "html.parser").select_one(
        "section.revision-conflict"
    )
    assert "(Chapter one)" in conflict.text
    assert Series.objects.get().description != "B's description."
    again = form_values(response, "series_form")
    again["parts-0-label"] = "Chapter one"
    assert editor_client.post(change_url(series), again).status_code == 302
    series.refresh_from_db()
    assert series.description == "B's description."
    assert series.parts.get().label == "Chapter one"
