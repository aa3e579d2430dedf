from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from posts.models import Post

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def series_lastmod(client, slug):
    root = ElementTree.fromstring(client.get("/sitemap-series.xml").content)
    for url in root.iter(f"{SITEMAP}url"):
        if url.find(f"{SITEMAP}loc").text.endswith(f"/series/{slug}/"):
            return url.find(f"{SITEMAP}lastmod").text[:10]
    return None


def test_a_series_changes_with_itself_and_its_published_parts(client, make_series):
    series = make_series("s", part_count=3)
    long_ago = timezone.now() - timedelta(days=30)
    Post.objects.update(published_at=long_ago, content_changed_at=long_ago)
    draft = series.parts.get(position=3).post
    draft.status = Post.Status.DRAFT
    draft.save()  # changed today, but readers do not see it
    assert series_lastmod(client, "s") == long_ago.date().isoformat()
    # Removing a part renumbers the others: the page changed.
    series.parts.get(position=1).post.delete()
    assert series_lastmod(client, "s") == timezone.now().date().isoformat()


def test_a_series_without_a_published_part_is_left_out(client, make_series):
    series = make_series("hidden", part_count=1)
    Post.objects.filter(series_part__series=series).update(status=Post.Status.DRAFT)
    assert series_lastmod(client, "hidden") is None
