"""Permanent redirects from the old addresses of posts, series, tags and categories."""

import re

from django.http import HttpResponsePermanentRedirect

from posts.models import Category, Post, SlugHistory, Tag
from posts.visibility import public_categories, public_tags
from series.models import Series
from series.visibility import public_series

# Each public address that carries a slug, with the model the slug names and what of
# it the public may see. The rest of the path (a feed, say) is kept, so every old URL
# of an object keeps working.
ADDRESSES = [
    (
        re.compile(r"^/blog/(?P<slug>[^/]+)/(?P<rest>.*)$"),
        Post,
        Post.objects.published,
        "/blog/",
    ),
    (
        re.compile(r"^/series/(?P<slug>[^/]+)/(?P<rest>.*)$"),
        Series,
        public_series,
        "/series/",
    ),
    (re.compile(r"^/tags/(?P<slug>[^/]+)/(?P<rest>.*)$"), Tag, public_tags, "/tags/"),
    (
        re.compile(r"^/categories/(?P<slug>[^/]+)/(?P<rest>.*)$"),
        Category,
        public_categories,
        "/categories/",
    ),
]


def current_address(path):
    """Return where an old address now lives, or None."""
    for pattern, model, public, prefix in ADDRESSES:
        match = pattern.match(path)
        if match is None:
            continue
        target = SlugHistory.current(model, match["slug"])
        # Something renamed before it went public must not give its new address away.
        if target is None or not public().filter(pk=target.pk).exists():
            return None
        new_path = f"{prefix}{target.slug}/{match['rest']}"
        # A 404 at the current address stays a 404: never a redirect to itself.
        return None if new_path == path else new_path
    return None


class OldSlugRedirectMiddleware:
    """Answer a 404 on an old slug with a 301 to the object's current address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in {"GET", "HEAD"}:
            return response
        new_path = current_address(request.path_info)
        if new_path is None:
            return response
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(
            f"{new_path}?{query}" if query else new_path
        )
