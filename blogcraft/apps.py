from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class BlogcraftConfig(AppConfig):
    """The site as a whole: what every app's pages share (the page cache, absolute
    URLs, the template tags of reading pages, the report of import and export
    commands), registered so that its template tags and tests are found."""

    name = "blogcraft"
    verbose_name = "Blogcraft"

    def ready(self):
        from . import page_cache_invalidation

        page_cache_invalidation.connect()


class BlogcraftAdminConfig(AdminConfig):
    """Django's admin as Blogcraft's: branded, opening on the editor's work, and
    throttling repeated failed logins."""

    default_site = "blogcraft.admin_site.BlogcraftAdminSite"
