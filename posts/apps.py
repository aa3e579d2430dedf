from django.apps import AppConfig
from django.db.models.signals import post_migrate


def restore_search_index(sender, using, **kwargs):
    from django.db import connections

    from .search_index import ensure_search_index

    ensure_search_index(connections[using])


class PostsConfig(AppConfig):
    name = "posts"
    verbose_name = "Posts"

    def ready(self):
        from . import revisions, signals

        signals.connect()
        revisions.track_posts()
        post_migrate.connect(restore_search_index, sender=self)
