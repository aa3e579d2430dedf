"""Share cards: drawn on save, never a reason for a save to fail, never a leak."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.storage import default_storage, storages
from django.urls import reverse
from PIL import Image

from posts import share_images
from posts.models import Post
from posts.share_images import (
    MARGIN,
    NO_CARD_NOTE,
    PLAIN_CARD_NOTE,
    SIZE,
    card_lines,
    ensure_share_image,
    fit_title,
    share_image_name,
)
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db


@pytest.fixture
def series_of_four(make_post, django_capture_on_commit_callbacks):
    """Parts 1 and 2 published, part 3 a draft, part 4 scheduled."""
    series = Series.objects.create(title="Rust", slug="rust", description="Rust.")
    posts = [
        make_post(title="One"),
        make_post(title="Two"),
        make_post(title="Three", status=Post.Status.DRAFT),
        make_post(title="Four", published_at=None, status=Post.Status.DRAFT),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for position, post in enumerate(posts, 1):
            SeriesPart.objects.create(series=series, post=post, position=position)
    return posts


def card_subtitle(post):
    post = Post.objects.select_related("series_part__series").get(pk=post.pk)
    assert post.share_image == share_image_name(card_lines(post))
    return card_lines(post)[2]


def test_cards_count_only_the_parts_the_public_sees(series_of_four):
    one, two, three, four = series_of_four
    assert card_subtitle(one) == "Rust · Part 1 of 2"
    assert card_subtitle(two) == "Rust · Part 2 of 2"
    # A draft's card is seen once it is published: it counts itself.
    assert card_subtitle(three) == "Rust · Part 3 of 3"


def test_publishing_a_part_redraws_its_siblings_cards(
    series_of_four, editor_client, django_capture_on_commit_callbacks
):
    one, _, three, _ = series_of_four
    three.status = Post.Status.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        three.save()
    assert card_subtitle(one) == "Rust · Part 1 of 3"

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("admin:posts_post_changelist"),
            {"action": "unpublish", "_selected_action": [three.pk]},
        )
    assert card_subtitle(one) == "Rust · Part 1 of 2"
    # The bulk action is in the post's history, as an edit in the form would be.
    assert LogEntry.objects.filter(object_id=str(three.pk)).exists()


def test_a_title_the_text_shaper_refuses_gets_a_plain_card_and_a_note(make_post):
    """A series title with a NEL, stored before text was normalised, made every
    save of its parts a server error (raqm_layout() failed)."""
    series = Series.objects.create(title="Series", slug="nel", description="S.")
    post = make_post()
    SeriesPart.objects.create(series=series, post=post, position=1)
    Series.objects.filter(pk=series.pk).update(title="NEL\x85Series")

    post = Post.objects.get(pk=post.pk)
    post.body = "Edited after the bad title was stored."
    post.save()

    post.refresh_from_db()
    assert post.body == "Edited after the bad title was stored."
    assert post.render_problems == [PLAIN_CARD_NOTE]
    with default_storage.open(post.share_image) as stored:
        assert Image.open(stored).size == (1200, 630)


def test_the_note_goes_when_the_card_draws_again(make_post):
    series = Series.objects.create(title="Series", slug="nel", description="S.")
    post = make_post()
    SeriesPart.objects.create(series=series, post=post, position=1)
    Series.objects.filter(pk=series.pk).update(title="NEL\x85Series")
    post = Post.objects.get(pk=post.pk)
    post.save()
    assert post.render_problems == [PLAIN_CARD_NOTE]
    Series.objects.get(pk=series.pk).save()  # normalised: the title draws again
    post = Post.objects.get(pk=post.pk)
    post.save()
    assert post.render_problems == []


def test_a_storage_failure_keeps_the_save_and_says_so(make_post, monkeypatch):
    post = make_post(title="Stored without a card")

    def refuse(name, content, max_length=None):
        raise OSError("The storage refused the file.")

    monkeypatch.setattr(storages["default"], "save", refuse)
    post.title = "A title no card has been drawn for"
    post.save()
    post.refresh_from_db()
    assert post.title == "A title no card has been drawn for"
    assert post.share_image == ""
    assert post.render_problems == [NO_CARD_NOTE]


def test_a_post_outside_a_series_has_no_series_line(make_post, settings):
    settings.SITE_NAME = "Blogcraft"
    post = make_post(title="Alone")
    assert card_lines(post) == ("Blogcraft", "Alone", "")


def test_a_labelled_part_shows_its_label(make_post, django_capture_on_commit_callbacks):
    series = Series.objects.create(title="Rust", slug="rust", description="Rust.")
    extra = make_post(title="Extra")
    with django_capture_on_commit_callbacks(execute=True):
        SeriesPart.objects.create(series=series, post=make_post(), position=1)
        SeriesPart.objects.create(series=series, post=extra, position=2, label="Bonus")
    assert card_subtitle(extra) == "Rust · Bonus"


def test_a_card_already_stored_is_not_drawn_again(make_post, monkeypatch):
    first = make_post(title="Same words")
    second = Post(title="Same words")  # what it shows is what the first shows

    def draw(*args, **kwargs):
        raise AssertionError("drawn again")

    monkeypatch.setattr(share_images, "draw_share_image", draw)
    assert ensure_share_image(second).name == first.share_image
    assert ensure_share_image(second).problem == ""


@pytest.mark.parametrize("words", [3, 12, 40, 200])
def test_a_title_of_any_length_fits_the_card(words):
    title = " ".join(["Wordy"] * words)
    title_font, lines = fit_title(title)
    width = SIZE[0] - 2 * MARGIN
    assert all(title_font.getlength(line) <= width for line in lines[:-1])
    assert len(lines) <= 4
    shown = " ".join(lines)
    if shown.endswith(" …"):
        assert title.startswith(shown.removesuffix(" …"))
    else:
        assert shown == title


def test_a_long_title_is_set_smaller_before_it_is_cut():
    short_font, _ = fit_title("Short")
    long_font, lines = fit_title(" ".join(["Considerably"] * 12))
    assert long_font.size < short_font.size
    assert not lines[-1].endswith("…")
