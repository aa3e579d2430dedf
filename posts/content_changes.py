"""A post's tags and authors are part of what readers see: changing them is a
change to the post (Post.content_changed_at), as editing its text is.

Only posts that were already stored count: a post being created (an import, the
demo) gets its tags and authors as part of being written, not as a change.
"""

from django.db.models.signals import m2m_changed

from .models import Post
from .timestamps import now_to_the_second

CHANGING_ACTIONS = {"post_add", "post_remove", "post_clear"}


def mark_changed(post_ids):
    """Record that readers see these posts change now, if they are public already."""
    now = now_to_the_second()
    Post.objects.filter(pk__in=post_ids, published_at__lte=now).update(
        content_changed_at=now
    )
    return now


def relation_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in CHANGING_ACTIONS:
        return
    if reverse:
        # From a tag's or an author's side: pk_set names the posts.
        if pk_set:
            mark_changed(pk_set)
        return
    if getattr(instance, "_seen", None) is None or (
        action != "post_clear" and not pk_set
    ):
        return
    now = mark_changed([instance.pk])
    if instance.published_at is not None and instance.published_at <= now:
        # A later save of this instance must not write its older time back.
        instance.content_changed_at = now


def connect():
    m2m_changed.connect(relation_changed, sender=Post.tags.through)
    m2m_changed.connect(relation_changed, sender=Post.authors.through)
