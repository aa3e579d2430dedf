"""The growth benchmark's posts: realistic rows, added in bulk."""

import pytest
from bs4 import BeautifulSoup

from posts.models import Category, Post
from tooling.management.commands._growth_corpus import grow_to, rendered_variants

pytestmark = pytest.mark.django_db


def test_grow_to_adds_filed_published_posts_older_than_the_rest(client, make_post):
    Category.objects.create(name="Notes", slug="notes")
    newest = make_post(title="The newest")
    assert grow_to(25, rendered_variants()[:2]) == 24
    assert grow_to(25, []) == 0  # already there
    added = Post.objects.exclude(pk=newest.pk)
    assert added.count() == 24
    assert not added.exclude(status=Post.Status.PUBLISHED).exists()
    assert not added.filter(published_at__gte=newest.published_at).exists()
    for post in added.prefetch_related("tags", "authors"):
        assert 1_000 <= post.word_count <= 1_500
        assert post.body_html.startswith("<h2") and post.category is not None
        assert 1 <= len(post.tags.all()) <= 3 and len(post.authors.all()) == 1
    page = BeautifulSoup(client.get("/blog/2/").content, "html.parser")
    assert len(page.select(".post-card")) == 12
