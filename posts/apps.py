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
        from reversion.signals import post_revision_commit

        from . import content_changes, rerendering, revision_retention, revisions
        from .checks.links import register_link_target
        from .models import Post, Tag
        from .visibility import public_tags

        content_changes.connect()
        rerendering.connect()
        register_link_target("posts:detail", Post.objects.all, Post.objects.published)
        for page in ["posts:tag", "posts:tag-page"]:
            register_link_target(page, Tag.objects.all, public_tags)
        revisions.track_posts()
        post_revision_commit.connect(revision_retention.prune_after_revision)
        post_migrate.connect(restore_search_index, sender=self)
