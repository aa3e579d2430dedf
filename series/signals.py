"""Keep derived data in step when a series or the order of its parts changes."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from posts.caching import content_changed
from posts.models import Post
from posts.share_images import ensure_share_image

from .models import Series, SeriesPart


def redraw_share_images(posts):
    """Redraw the share cards of posts: they show "Part N of M" of their series."""
    for post in posts.select_related("series_part__series"):
        Post.objects.filter(pk=post.pk).update(share_image=ensure_share_image(post))


def series_changed(sender, instance, **kwargs):
    if kwargs.get("raw") or (sender is Series and kwargs.get("created")):
        return  # a new series has no parts to draw yet
    # At commit, when the series is complete: adding 24 parts in one transaction
    # draws each card once, in its final "Part N of 24" form.
    series_id = instance.series_id if isinstance(instance, SeriesPart) else instance.pk
    posts = Post.objects.filter(series_part__series_id=series_id)
    transaction.on_commit(partial(redraw_share_images, posts))


def part_removed(sender, instance, **kwargs):
    # The post that left the series needs a card without it.
    posts = Post.objects.filter(pk=instance.post_id)
    transaction.on_commit(partial(redraw_share_images, posts))


def connect():
    for model in (Series, SeriesPart):
        post_save.connect(content_changed, sender=model)
        post_delete.connect(content_changed, sender=model)
        post_save.connect(series_changed, sender=model)
    post_delete.connect(series_changed, sender=SeriesPart)
    post_delete.connect(part_removed, sender=SeriesPart)
