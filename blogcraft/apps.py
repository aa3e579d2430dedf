from django.contrib.admin.apps import AdminConfig


class BlogcraftAdminConfig(AdminConfig):
    """Django's admin, with a site that throttles repeated failed logins."""

    default_site = "blogcraft.admin_security.ThrottledAdminSite"
