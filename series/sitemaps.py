from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest

from posts.models import live_through
from posts.sitemaps import SiteSitemap
from posts.timestamps import to_the_second

from .visibility import public_series


class SeriesSitemap(SiteSitemap):
    def items(self):
        # A series page changes with the series itself (its text, its plan, its
        # parts renumbered) and with its published parts: one published, or one
        # changed (its text, its place or its label).
        published = live_through("parts__post")
        parts_changed = Max("parts__post__content_changed_at", filter=published)
        return (
            public_series()
            # Coalesced: SQLite's greatest of anything and NULL is NULL.
            .annotate(
                latest=Greatest(
                    Coalesce("content_changed_at", parts_changed), parts_changed
                )
            )
            .order_by("slug")
        )

    def lastmod(self, series):
        return to_the_second(series.latest)
