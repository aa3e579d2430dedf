"""Keep derived data in step when a series, its parts or their publication change.

(The page cache follows these changes through blogcraft.page_cache_invalidation.)
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from posts.models import BODY_FIELDS, Post
from posts.share_images import ensure_share_image

from .models import Series, SeriesPart


def redraw_share_images(posts):
    """Redraw the share cards of posts: they show "Part N of M" of their series."""
    for post in posts.select_related("series_part__series").defer(*BODY_FIELDS):
        previous = (post.share_image, post.render_problems)
        post.apply_share_card(ensure_share_image(post))
        if (post.share_image, post.render_problems) != previous:
            Post.objects.filter(pk=post.pk).update(
                share_image=post.share_image, render_problems=post.render_problems
            )


class SeriesRedraw:
    """Redraw the cards of a series' posts; run when a transaction commits."""

    def __init__(self, series_id):
        self.series_id = series_id
        self.done = False

    def __call__(self):
        self.done = True
        posts = Post.objects.filter(series_part__series_id=self.series_id)
        redraw_share_images(posts)

    def is_waiting_for(self, series_id):
        return self.series_id == series_id and not self.done


def redraw_series_at_commit(series_id):
    # At commit, when the series is complete: adding 24 parts in one transaction
    # draws each card once, in its final "Part N of 24" form. Once per series and
    # transaction, however many of its parts are saved (renumbering saves many).
    waiting = (
        callback
        for _, callback, _ in transaction.get_connection().run_on_commit
        if isinstance(callback, SeriesRedraw)
    )
    if not any(callback.is_waiting_for(series_id) for callback in waiting):
        transaction.on_commit(SeriesRedraw(series_id))


def series_changed(sender, instance, **kwargs):
    if kwargs.get("raw") or (sender is Series and kwargs.get("created")):
        return  # a new series has no parts to draw yet
    series_id = instance.series_id if isinstance(instance, SeriesPart) else instance.pk
    redraw_series_at_commit(series_id)


def post_saved(sender, instance, **kwargs):
    # Publishing or unpublishing a part changes how many parts the public sees,
    # which its siblings' cards count.
    if kwargs.get("raw"):
        return
    series_id = (
        SeriesPart.objects.filter(post_id=instance.pk)
        .values_list("series_id", flat=True)
        .first()
    )
    if series_id is not None:
        redraw_series_at_commit(series_id)


def part_removed(sender, instance, **kwargs):
    # The post that left the series needs a card without it.
    posts = Post.objects.filter(pk=instance.post_id)
    transaction.on_commit(partial(redraw_share_images, posts))


def close_gap(sender, instance, **kwargs):
    # A part deleted on its own or with its post: the series says what follows.
    if instance.positions_handled:
        return
    series = Series.objects.filter(pk=instance.series_id).first()
    if series is not None:
        series.part_removed(instance.position)


def connect():
    for model in (Series, SeriesPart):
        post_save.connect(series_changed, sender=model)
    post_save.connect(post_saved, sender=Post)
    post_delete.connect(series_changed, sender=SeriesPart)
    post_delete.connect(part_removed, sender=SeriesPart)
    post_delete.connect(close_gap, sender=SeriesPart)
