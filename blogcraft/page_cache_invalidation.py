"""
Forget the page cache's content state whenever public content may have changed.

The one place that says which saves reach public pages: posts, tags, categories,
authors, a post's tags and authors, series and their parts. Connected once, when
the site starts (BlogcraftConfig.ready). Every save goes through these signals,
the admin's bulk actions too (they save each post), so nothing else forgets the
state by hand.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from posts.models import Author, Category, Post, Tag
from series.models import Series, SeriesPart

from .page_cache import content_changed

PUBLIC_CONTENT = (Post, Tag, Category, Author, Series, SeriesPart)
PUBLIC_RELATIONS = (Post.tags.through, Post.authors.through)


def connect():
    for model in PUBLIC_CONTENT:
        post_save.connect(content_changed, sender=model)
        post_delete.connect(content_changed, sender=model)
    for relation in PUBLIC_RELATIONS:
        m2m_changed.connect(content_changed, sender=relation)
