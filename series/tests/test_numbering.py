"""The one numbering rule: what readers see of a series' parts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from posts.models import Post
from series.models import Series, SeriesPart
from series.numbering import PublicOrder

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(make_post):
    """Positions 1 to 7 and 9: 2 a draft, 4 labelled "Interlude", 6 scheduled, 9 a
    bonus; 8 was deleted and its number kept."""
    series = Series.objects.create(title="Rust", slug="rust", description="Rust.")
    soon = timezone.now() + timedelta(days=1)
    for position in [1, 2, 3, 4, 5, 6, 7, 9]:
        post = make_post(
            title=f"At {position}",
            status=Post.Status.DRAFT if position == 2 else Post.Status.PUBLISHED,
            published_at=soon if position == 6 else None,
        )
        label = {4: "Interlude", 9: "Bonus"}.get(position, "")
        SeriesPart.objects.create(
            series=series, post=post, position=position, label=label
        )
    return series


def seen(order):
    return [(part.post.title, part.public_label) for part in order]


def test_readers_see_published_parts_numbered_without_gaps(series):
    order = series.parts.for_reading().public_order()
    assert seen(order) == [
        ("At 1", "Part 1"),
        ("At 3", "Part 2"),
        ("At 4", "Interlude"),
        ("At 5", "Part 3"),
        ("At 7", "Part 4"),
        ("At 9", "Bonus"),
    ]
    assert order.count == 4
    assert [order.place(part) for part in order] == [
        "Part 1 of 4",
        "Part 2 of 4",
        "Interlude",
        "Part 3 of 4",
        "Part 4 of 4",
        "Bonus",
    ]


def test_a_draft_is_counted_in_its_own_order(series):
    draft = series.parts.get(position=2)
    order = draft.reading_order
    assert order.current is draft
    assert order.current_place == "Part 2 of 5"
    assert (order.previous.post.title, order.next.post.title) == ("At 1", "At 3")
    assert seen(order)[:3] == [
        ("At 1", "Part 1"),
        ("At 2", "Part 2"),
        ("At 3", "Part 3"),
    ]
    assert draft.public_number() == 2


def test_the_ends_of_the_order_have_one_neighbour(series):
    first = series.parts.get(position=1).reading_order
    assert first.previous is None and first.next.post.title == "At 3"
    last = series.parts.get(position=9).reading_order
    assert last.next is None and last.previous.post.title == "At 7"
    assert last.current_place == "Bonus"
    assert series.parts.get(position=9).public_number() is None


def test_share_card_lines_follow_the_rule(series):
    lines = {
        part.position: part.share_card_line()
        for part in series.parts.select_related("series")
    }
    assert lines == {
        1: "Rust · Part 1 of 4",
        2: "Rust · Part 2 of 5",  # a draft's card is seen once it is published
        3: "Rust · Part 2 of 4",
        4: "Rust · Interlude",
        5: "Rust · Part 3 of 4",
        6: "Rust · Part 4 of 5",
        7: "Rust · Part 4 of 4",
        9: "Rust · Bonus",
    }


def test_an_unsaved_part_takes_its_place():
    parts = [SeriesPart(position=1), SeriesPart(position=3, label="Bonus")]
    new = SeriesPart(position=2)
    order = PublicOrder(parts, current=new)
    assert [part.public_label for part in order] == ["Part 1", "Part 2", "Bonus"]
    assert order.current_place == "Part 2 of 2"
