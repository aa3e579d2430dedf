"""The demo's posts changed when its seed feed says, not on the day it was loaded."""

import pytest
from django.core.management import call_command
from django.db.models import F

from posts.models import Post
from posts.tests.sitemap_reading import sitemap_urls

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_demo_posts_last_changed_when_they_were_published(demo):
    assert Post.objects.count() == 62
    assert not Post.objects.exclude(content_changed_at=F("published_at")).exists()


def test_loading_the_demo_again_changes_no_date(demo):
    before = list(Post.objects.values_list("pk", "content_changed_at", "feed_id"))
    call_command("load_demo", verbosity=0)
    after = list(Post.objects.values_list("pk", "content_changed_at", "feed_id"))
    assert after == before


def test_demo_sitemap_dates_are_the_feeds(client, demo):
    post = Post.objects.get(slug="chat-to-agent-09-skills-playbook")
    lastmod = {
        url.find(f"{SITEMAP}loc").text: url.find(f"{SITEMAP}lastmod").text
        for url in sitemap_urls(client)
    }
    post_lastmod = next(v for k, v in lastmod.items() if k.endswith(f"/{post.slug}/"))
    assert post_lastmod == "2026-04-20"
    series_lastmod = next(
        v for k, v in lastmod.items() if k.endswith("/series/from-chat-to-agent/")
    )
    assert series_lastmod == "2026-04-20"
