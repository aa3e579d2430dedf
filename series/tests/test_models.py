import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from posts.models import Post
from posts.revisions import snapshot, versions_of
from posts.share_images import card_lines, share_image_name
from series.models import Series, SeriesPart
from series.signals import SeriesRedraw

pytestmark = pytest.mark.django_db


def positions(series):
    return list(
        series.parts.order_by("position").values_list("position", "post__title")
    )


def test_two_parts_cannot_share_a_position(make_series, make_post):
    series = make_series(part_count=1)
    part = SeriesPart(series=series, post=make_post(), position=1)
    with pytest.raises(ValidationError) as raised:
        part.full_clean()
    assert "Another part of this series already has this position." in str(raised.value)
    # Checked on the row on SQLite; at the commit on PostgreSQL, which the check
    # brings forward.
    with pytest.raises(IntegrityError), transaction.atomic():
        part.save()
        connection.check_constraints()


def test_the_database_has_the_position_constraint(make_series):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, SeriesPart._meta.db_table
        )
    unique = constraints["series_part_unique_position"]
    assert unique["unique"] and unique["columns"] == ["series_id", "position"]


def test_parts_trade_places_in_two_steps(make_series):
    series = make_series(part_count=3)
    titles = [title for _, title in positions(series)]
    second, third = series.parts.get(position=2), series.parts.get(position=3)
    SeriesPart.objects.move([(second, 3), (third, 2)])
    assert positions(series) == [(1, titles[0]), (2, titles[2]), (3, titles[1])]


def test_deleting_a_part_closes_the_gap(make_series):
    series = make_series(part_count=4)
    titles = [title for _, title in positions(series)]
    series.parts.get(position=2).delete()
    assert positions(series) == [(1, titles[0]), (2, titles[2]), (3, titles[3])]
    newest = versions_of(Series, series.pk).select_related("revision").first()
    assert newest.revision.comment == "Closed the gap left by a removed part."
    assert snapshot(newest).fields["Parts"].splitlines()[1] == f"2. {titles[2]}"


def test_deleting_posts_closes_their_gaps(make_series):
    series = make_series(part_count=5)
    titles = [title for _, title in positions(series)]
    Post.objects.filter(series_part__position__in=[2, 4]).delete()
    assert positions(series) == [(1, titles[0]), (2, titles[2]), (3, titles[4])]


def test_closing_a_gap_redraws_each_card_once(
    make_series, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # as if committed
        series = make_series(part_count=6)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        series.parts.get(position=1).post.delete()
    assert sum(isinstance(each, SeriesRedraw) for each in callbacks) == 1
    posts = Post.objects.filter(series_part__series=series)
    for post in posts.select_related("series_part__series"):
        assert post.share_image == share_image_name(card_lines(post))
        assert card_lines(post)[2].endswith(" of 5")


def test_a_series_may_keep_the_numbers(make_series):
    series = make_series(part_count=3, on_part_removal=Series.PartRemoval.KEEP_NUMBERS)
    titles = [title for _, title in positions(series)]
    series.parts.get(position=2).post.delete()
    assert positions(series) == [(1, titles[0]), (3, titles[2])]


def test_closing_a_gap_keeps_the_gaps_before_it(make_series, make_post):
    series = make_series(part_count=0)
    for position in [1, 3, 4, 6]:
        SeriesPart.objects.create(series=series, post=make_post(), position=position)
    series.parts.get(position=4).delete()
    assert [position for position, _ in positions(series)] == [1, 3, 4]


def test_deleting_a_series_deletes_its_parts(make_series):
    series = make_series(part_count=3)
    series.delete()
    assert not SeriesPart.objects.exists()
    assert Post.objects.count() == 3


@pytest.mark.parametrize(
    ("status", "planned", "published", "announced"),
    [
        (Series.Status.IN_PROGRESS, 5, 3, 5),
        (Series.Status.IN_PROGRESS, 2, 3, 3),  # never fewer than are published
        (Series.Status.IN_PROGRESS, None, 3, None),
        (Series.Status.COMPLETE, 5, 3, None),
    ],
)
def test_the_announced_plan(status, planned, published, announced):
    series = Series(status=status, planned_parts=planned)
    series.part_count = published
    assert series.announced_plan() == announced


def test_a_plan_has_at_least_one_part():
    series = Series(title="S", slug="s", description="d", planned_parts=0)
    with pytest.raises(ValidationError) as raised:
        series.full_clean()
    assert "planned_parts" in raised.value.message_dict
    with pytest.raises(IntegrityError):
        series.save()


def test_a_post_belongs_to_at_most_one_series(make_series):
    first = make_series("first", part_count=1)
    second = make_series("second", part_count=0)
    post = first.parts.get().post
    part = SeriesPart(series=second, post=post, position=1)
    with pytest.raises(ValidationError) as raised:
        part.full_clean()
    assert raised.value.message_dict["post"] == [
        "This post is already a part of a series."
    ]
    with pytest.raises(IntegrityError):
        part.save()


def test_positions_start_at_one(make_series, make_post):
    series = make_series(part_count=0)
    with pytest.raises(IntegrityError):
        SeriesPart.objects.create(series=series, post=make_post(), position=0)


def test_parts_are_ordered_by_position(make_series, make_post):
    series = make_series(part_count=0)
    for position in (3, 1, 2):
        SeriesPart.objects.create(
            series=series, post=make_post(title=f"P{position}"), position=position
        )
    assert [part.post.title for part in series.parts.all()] == ["P1", "P2", "P3"]


def test_published_parts_skip_drafts(make_series):
    series = make_series(part_count=3)
    Post.objects.filter(series_part__position=2).update(status=Post.Status.DRAFT)
    assert list(series.parts.published().values_list("position", flat=True)) == [1, 3]


def test_label_replaces_the_part_number(make_series):
    part = make_series(part_count=1).parts.get()
    assert part.display_label == "Part 1"
    part.label = "Bonus"
    assert part.display_label == "Bonus"


def test_cover_image_needs_alt_text():
    series = Series(title="S", slug="s", description="d", cover_image="series/c.png")
    with pytest.raises(ValidationError) as raised:
        series.full_clean(exclude=["cover_image"])
    assert "cover_image_alt" in raised.value.message_dict
    with pytest.raises(IntegrityError):
        series.save()
