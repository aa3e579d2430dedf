"""Drop cached pages and feeds whenever public content may have changed."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from blogcraft.page_cache import content_changed

from .models import Author, Category, Post, Tag


def connect():
    for model in (Post, Tag, Category, Author):
        post_save.connect(content_changed, sender=model)
        post_delete.connect(content_changed, sender=model)
    m2m_changed.connect(content_changed, sender=Post.tags.through)
    m2m_changed.connect(content_changed, sender=Post.authors.through)
