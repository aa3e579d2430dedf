"""Drop cached pages and feeds when a series or the order of its parts changes."""

from django.db.models.signals import post_delete, post_save

from posts.caching import bump_content_version

from .models import Series, SeriesPart


def connect():
    for model in (Series, SeriesPart):
        post_save.connect(bump_content_version, sender=model)
        post_delete.connect(bump_content_version, sender=model)
