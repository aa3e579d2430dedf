from django.urls import path

from blogcraft.page_cache import cached_public_response

from . import feeds, views

app_name = "posts"

urlpatterns = [
    path("blog/", views.post_list, name="list"),
    # Page numbers come before slugs: a post's slug is never only digits.
    path("blog/<int:page>/", views.post_list, name="list-page"),
    path("blog/<slug:slug>/", views.post_detail, name="detail"),
    path("tags/", views.tag_list, name="tags"),
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
    path("tags/<str:slug>/<int:page>/", views.tag_detail, name="tag-page"),
    path("archive/", views.archive, name="archive"),
    path("archive/<int:year>/", views.archive_year, name="archive-year"),
    path(
        "archive/<int:year>/<int:page>/", views.archive_year, name="archive-year-page"
    ),
    path("search/", views.search, name="search"),
    path("review/<str:token>/", views.review, name="review"),
    path("rss.xml", cached_public_response(feeds.PostFeed()), name="rss"),
    path("atom.xml", cached_public_response(feeds.AtomPostFeed()), name="atom"),
    path("feed.json", cached_public_response(feeds.JsonPostFeed()), name="json-feed"),
    path(
        "tags/<str:slug>/rss.xml",
        cached_public_response(feeds.TagFeed()),
        name="tag-rss",
    ),
    path(
        "tags/<str:slug>/atom.xml",
        cached_public_response(feeds.AtomTagFeed()),
        name="tag-atom",
    ),
    path("categories/", views.category_list, name="categories"),
    path("categories/<slug:slug>/", views.category_detail, name="category"),
    path(
        "categories/<slug:slug>/<int:page>/",
        views.category_detail,
        name="category-page",
    ),
    path(
        "categories/<slug:slug>/rss.xml",
        cached_public_response(feeds.CategoryFeed()),
        name="category-rss",
    ),
    path(
        "categories/<slug:slug>/atom.xml",
        cached_public_response(feeds.AtomCategoryFeed()),
        name="category-atom",
    ),
]
