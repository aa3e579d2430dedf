from django.urls import path

from blogcraft.page_cache import cached_public_response as cached

from . import feeds, views

app_name = "posts"

# The page cache is applied here, where pages are routed, and nowhere else: a view
# does not know whether it is cached. Search and review links are not.
post_list = cached(views.post_list)
tag_detail = cached(views.tag_detail)
category_detail = cached(views.category_detail)
archive_year = cached(views.archive_year)

urlpatterns = [
    path("blog/", post_list, name="list"),
    # Page numbers come before slugs: a post's slug is never only digits.
    path("blog/<int:page>/", post_list, name="list-page"),
    path("blog/<slug:slug>/", cached(views.post_detail), name="detail"),
    path("tags/", cached(views.tag_list), name="tags"),
    path("tags/<str:slug>/", tag_detail, name="tag"),
    path("tags/<str:slug>/<int:page>/", tag_detail, name="tag-page"),
    path("archive/", cached(views.archive), name="archive"),
    path("archive/<int:year>/", archive_year, name="archive-year"),
    path("archive/<int:year>/<int:page>/", archive_year, name="archive-year-page"),
    path("search/", views.search, name="search"),
    path("review/<str:token>/", views.review, name="review"),
    path("rss.xml", cached(feeds.PostFeed()), name="rss"),
    path("atom.xml", cached(feeds.AtomPostFeed()), name="atom"),
    path("feed.json", cached(feeds.JsonPostFeed()), name="json-feed"),
    path("tags/<str:slug>/rss.xml", cached(feeds.TagFeed()), name="tag-rss"),
    path("tags/<str:slug>/atom.xml", cached(feeds.AtomTagFeed()), name="tag-atom"),
    path("categories/", cached(views.category_list), name="categories"),
    path("categories/<slug:slug>/", category_detail, name="category"),
    path("categories/<slug:slug>/<int:page>/", category_detail, name="category-page"),
    path(
        "categories/<slug:slug>/rss.xml",
        cached(feeds.CategoryFeed()),
        name="category-rss",
    ),
    path(
        "categories/<slug:slug>/atom.xml",
        cached(feeds.AtomCategoryFeed()),
        name="category-atom",
    ),
]
