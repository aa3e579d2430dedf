from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Post, Tag
from .pagination import IdFirstPaginator
from .timestamps import to_the_second


class SiteSitemap(Sitemap):
    """A sitemap whose addresses are on SITE_URL, whatever host the request used.

    Split into pages of `limit` addresses, listed by the sitemap index: a response
    never grows with the archive.
    """

    limit = 1000

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class HomeSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return ["home"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        latest = Post.objects.published().aggregate(latest=Max("content_changed_at"))
        return to_the_second(latest["latest"])


class PostSitemap(SiteSitemap):
    @property
    def paginator(self):
        # A deep page skips index entries, not rows.
        return IdFirstPaginator(self._items(), self.limit)

    def items(self):
        return Post.objects.published().only(
            "slug", "published_at", "content_changed_at"
        )

    def lastmod(self, post):
        return to_the_second(post.last_changed())


class TagSitemap(SiteSitemap):
    def items(self):
        return Tag.objects.with_latest_change().order_by("slug")

    def lastmod(self, tag):
        return to_the_second(tag.latest)
