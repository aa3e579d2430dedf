from posts.sitemaps import SiteSitemap
from posts.timestamps import to_the_second

from .models import Series


class SeriesSitemap(SiteSitemap):
    def items(self):
        return Series.objects.with_latest_change().order_by("slug")

    def lastmod(self, series):
        return to_the_second(series.latest)
