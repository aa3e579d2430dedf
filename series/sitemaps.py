from django.db.models import Max, Q
from django.db.models.functions import Greatest

from posts.models import Post
from posts.sitemaps import SiteSitemap

from .visibility import public_series


class SeriesSitemap(SiteSitemap):
    def items(self):
        # A series page changes with the series (its parts reordered, its plan) and
        # with its published parts.
        published = Q(parts__post__in=Post.objects.published())
        return (
            public_series()
            .annotate(
                latest=Greatest(
                    "modified_at", Max("parts__post__modified_at", filter=published)
                )
            )
            .order_by("slug")
        )

    def lastmod(self, series):
        return series.latest
