from django.urls import path

from blogcraft.page_cache import cached_public_response

from . import feeds, views

app_name = "series"

urlpatterns = [
    path("", views.series_list, name="list"),
    path("<slug:slug>/", views.series_detail, name="detail"),
    path("<slug:slug>/rss.xml", cached_public_response(feeds.SeriesFeed()), name="rss"),
    path(
        "<slug:slug>/atom.xml",
        cached_public_response(feeds.AtomSeriesFeed()),
        name="atom",
    ),
]
