from django.db.models import Max
from django.db.models.functions import Greatest

from posts.models import live_through
from posts.sitemaps import SiteSitemap

from .visibility import public_series


class SeriesSitemap(SiteSitemap):
    def items(self):
        # A series page changes with the series (its parts reordered, its plan) and
        # with its published parts.
        published = live_through("parts__post")
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
