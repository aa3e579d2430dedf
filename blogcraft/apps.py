from django.contrib.admin.apps import AdminConfig


class BlogcraftAdminConfig(AdminConfig):
    """Django's admin as Blogcraft's: branded, opening on the editor's work, and
    throttling repeated failed logins."""

    default_site = "blogcraft.admin_site.BlogcraftAdminSite"
