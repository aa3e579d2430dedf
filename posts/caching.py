"""
Whole-response caching for public pages and feeds, validated by the content's state.

Anonymous GET requests get an ETag and a Last-Modified header from the content's state:
computed from the published posts after each change of public content, then kept in
the cache. A repeat request is answered 304 before anything is rendered; a first
request from another reader is served from the cache. Publishing, editing,
unpublishing or deleting content forgets the state, so stale pages are never served,
and the state expires the moment a scheduled post is due, so it appears on time.
"""

import hashlib
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, Min
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from .models import Post

STATE_KEY = "content-state"


def forget_content_state():
    cache.delete(STATE_KEY)


def content_changed(**signal_kwargs):
    """Invalidate every cached page and feed; connected to content saves.

    Forgotten now, for this request and code outside transactions, and again when the
    transaction commits: a page cached meanwhile by another request, from the data as
    it was before the commit, must not outlive it.
    """
    forget_content_state()
    transaction.on_commit(forget_content_state, robust=True)


def content_state():
    """Return (etag, last_modified) for everything the public can see right now.

    Computed from the database after each change and kept until the next scheduled
    post is due, so a page served from the cache costs no query at all.
    """
    state = cache.get(STATE_KEY)
    if state is None:
        state, lifetime = compute_content_state()
        cache.set(STATE_KEY, state, timeout=lifetime)
    return state


def compute_content_state():
    """Return ((etag, last_modified), seconds the answer stays true)."""
    published = Post.objects.published().aggregate(
        count=Count("id"), published=Max("published_at"), modified=Max("modified_at")
    )
    # Each computation gets its own ETag: a change that no aggregate shows (a tag
    # renamed, a series reordered) must still reach every page.
    fingerprint = f"{time.time_ns()}:{published}"
    etag = hashlib.blake2b(fingerprint.encode(), digest_size=12).hexdigest()
    moments = [published["published"], published["modified"]]
    # HTTP dates have whole seconds; so must the comparison with If-Modified-Since.
    last_modified = (
        int(max(filter(None, moments)).timestamp()) if any(moments) else None
    )
    lifetime = settings.BLOGCRAFT_PAGE_CACHE_SECONDS
    next_due = Post.objects.scheduled().aggregate(next=Min("published_at"))["next"]
    if next_due is not None:
        # The moment a scheduled post goes live, every page must know.
        lifetime = min(lifetime, math.ceil((next_due - timezone.now()).total_seconds()))
    return (etag, last_modified), max(lifetime, 1)


def not_modified(request, etag, last_modified):
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        return f'"{etag}"' in parse_etags(if_none_match) or if_none_match == "*"
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and last_modified is not None and last_modified <= since


def cached_public_response(view):
    """Serve anonymous GETs from the cache, with conditional GET; others go through."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in {"GET", "HEAD"} or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        etag, last_modified = content_state()
        if not_modified(request, etag, last_modified):
            response = HttpResponseNotModified()
        else:
            key = f"page:{etag}:{request.get_full_path()}"
            stored = cache.get(key)
            if stored is None:
                response = view(request, *args, **kwargs)
                if response.status_code != 200 or response.streaming:
                    return response
                if hasattr(response, "render"):
                    response.render()  # a TemplateResponse, e.g. the sitemap's
                # A page may widen the Content-Security-Policy (a post's diagrams).
                csp = getattr(response, "_csp_config", None)
                stored = (response.content, response["Content-Type"], csp)
                cache.set(key, stored, timeout=settings.BLOGCRAFT_PAGE_CACHE_SECONDS)
            content, content_type, csp = stored
            response = HttpResponse(content, content_type=content_type)
            if csp is not None:
                response._csp_config = csp
        response["ETag"] = f'"{etag}"'
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        # Readers' browsers revalidate every time: the answer is a cheap 304.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        response.headers.setdefault("Vary", "Cookie")
        return response

    return wrapper
