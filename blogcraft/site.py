"""The site's public address, for every absolute URL (feeds, metadata, sitemaps)."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path):
    """Return path on SITE_URL, never on whatever host a request came through.

    A URL that is absolute already (media on a bucket or a CDN) is kept as it is.
    """
    if urlsplit(path).scheme in {"http", "https"}:
        return path
    return f"{settings.SITE_URL}{path}"
