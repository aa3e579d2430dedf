from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from blogcraft.page_cache import cached_public_response
from posts.sitemap_index import sitemap_index
from posts.sitemaps import HomeSitemap, PostSitemap, TagSitemap
from series.sitemaps import SeriesSitemap

from . import health, media, views

SITEMAPS = {
    "home": HomeSitemap,
    "posts": PostSitemap,
    "series": SeriesSitemap,
    "tags": TagSitemap,
}

handler500 = "blogcraft.views.server_error"

# The page cache is applied here, where pages are routed (see posts.urls).
urlpatterns = [
    path("", cached_public_response(views.home), name="home"),
    path("favicon.ico", views.favicon),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        cached_public_response(sitemap_index),
        {"sitemaps": SITEMAPS, "section_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        cached_public_response(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("healthz", health.healthz, name="healthz"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("editor/", include("posts.editor_urls")),
    path("series/", include("series.urls")),
    path("", include("posts.urls")),
]

# On one machine Django serves the uploads itself; with object storage MEDIA_URL is
# the storage's or CDN's absolute URL and no route is needed.
if "://" not in settings.MEDIA_URL:
    urlpatterns.insert(
        1,
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            media.serve_media,
            name="media",
        ),
    )
# Diagrams are SVG, which the media route refuses: they have a route of their own.
if diagram_route := media.diagram_url_pattern():
    urlpatterns.insert(1, re_path(diagram_route, media.serve_diagram, name="diagram"))
