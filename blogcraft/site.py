"""The site's public address, for every absolute URL (feeds, metadata, sitemaps)."""

from django.conf import settings


def absolute_url(path):
    """Return path on SITE_URL, never on whatever host a request came through."""
    return f"{settings.SITE_URL}{path}"
