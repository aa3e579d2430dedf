from django.urls import path

from blogcraft.page_cache import cached_public_response as cached

from . import feeds, views

app_name = "series"

# The page cache is applied here, where pages are routed (see posts.urls).
urlpatterns = [
    path("", cached(views.series_list), name="list"),
    path("<slug:slug>/", cached(views.series_detail), name="detail"),
    path("<slug:slug>/rss.xml", cached(feeds.SeriesFeed()), name="rss"),
    path("<slug:slug>/atom.xml", cached(feeds.AtomSeriesFeed()), name="atom"),
]
