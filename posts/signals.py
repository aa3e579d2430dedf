"""Drop cached pages and feeds whenever public content may have changed."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .caching import bump_content_version
from .models import Category, Post, Tag


def connect():
    for model in (Post, Tag, Category):
        post_save.connect(bump_content_version, sender=model)
        post_delete.connect(bump_content_version, sender=model)
    m2m_changed.connect(bump_content_version, sender=Post.tags.through)
