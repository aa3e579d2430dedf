"""A post's place in a series (which series, its position, its label) is part of
what readers see of it: changing it is a change to the post."""

from django.db.models.signals import post_delete, post_save

from posts.content_changes import mark_changed

from .models import SeriesPart


def part_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    post = instance._state.fields_cache.get("post")
    # A part written with its new post (an import) is part of the post's creation.
    if created and post is not None and getattr(post, "_seen", None) is None:
        return
    mark_changed([instance.post_id])


def part_deleted(sender, instance, **kwargs):
    mark_changed([instance.post_id])


def connect():
    post_save.connect(part_saved, sender=SeriesPart)
    post_delete.connect(part_deleted, sender=SeriesPart)
