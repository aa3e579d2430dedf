from django.urls import path

from . import feeds, views
from .caching import cached_public_response

app_name = "posts"

urlpatterns = [
    path("", views.home, name="home"),
    path("blog/<slug:slug>/", views.post_detail, name="detail"),
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
    path("rss.xml", cached_public_response(feeds.PostFeed()), name="rss"),
    path("atom.xml", cached_public_response(feeds.AtomPostFeed()), name="atom"),
    path("feed.json", cached_public_response(feeds.JsonPostFeed()), name="json-feed"),
    path(
        "tags/<str:slug>/rss.xml",
        cached_public_response(feeds.TagFeed()),
        name="tag-rss",
    ),
]
