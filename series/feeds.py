from django.conf import settings
from django.shortcuts import get_object_or_404

from blogcraft.site import absolute_url
from posts.feed_formats import AtomFeedWithContent
from posts.feeds import PostFeed

from .visibility import series_visible_to


class SeriesFeed(PostFeed):
    """The published parts of one series, in the order readers read them."""

    route = "series:rss"

    def get_object(self, request, slug):
        return get_object_or_404(series_visible_to(request.user), slug=slug)

    def title(self, series):
        return f"{series.title} · {settings.SITE_NAME}"

    def description(self, series):
        return series.description

    def link(self, series):
        return absolute_url(series.get_absolute_url())

    def items(self, series):
        return (
            self.published_posts()
            .filter(series_part__series=series)
            .order_by("series_part__position")
        )


class AtomSeriesFeed(SeriesFeed):
    feed_type = AtomFeedWithContent
    route = "series:atom"
    subtitle = SeriesFeed.description
