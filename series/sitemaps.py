from django.db.models import Max

from posts.models import Post
from posts.sitemaps import SiteSitemap

from .models import Series


class SeriesSitemap(SiteSitemap):
    def items(self):
        return (
            Series.objects.filter(parts__post__in=Post.objects.published())
            .annotate(latest=Max("parts__post__modified_at"))
            .order_by("slug")
        )

    def lastmod(self, series):
        return series.latest
