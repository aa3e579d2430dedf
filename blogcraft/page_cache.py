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
from functools import lru_cache, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, Min
from django.http import HttpResponseNotModified
from django.middleware.csp import get_nonce
from django.utils import timezone
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from posts.models import Post

from .compression import preferred_coding
from .stored_pages import stored_pages

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


def entity_tag(state_etag, coding):
    """Return the ETag of a page in a content-coding (None: uncompressed).

    Each coding has its own tag: the bytes differ, and a cache that stored one coding
    must not be told by a 304 that it holds another.
    """
    return f'"{state_etag}-{coding}"' if coding else f'"{state_etag}"'


def etag_matches(if_none_match, etag):
    """Apply If-None-Match to etag by weak comparison, as RFC 9110 asks for GET.

    `W/"x"` matches `"x"`: a proxy that compresses or changes a response on its way
    weakens the tag, and the content is still the same. `*` matches any page.
    """
    tags = parse_etags(if_none_match)
    if tags == ["*"]:
        return True
    opaque = etag.removeprefix("W/")
    return any(tag.removeprefix("W/") == opaque for tag in tags)


def not_modified(request, etag, last_modified):
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        # When both are sent, If-None-Match decides and If-Modified-Since is ignored.
        return etag_matches(if_none_match, etag)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and last_modified is not None and last_modified <= since


# Readers' browsers revalidate every time: the answer is a cheap 304. Set whole on
# responses made here, which have no other Cache-Control or Vary to merge with.
CACHE_CONTROL = "max-age=0, must-revalidate, public"
VARY = "Cookie, Accept-Encoding"


def cached_public_response(view):
    """Serve anonymous GETs from the cache, compressed, with conditional GET.

    Others go through to the view, and so does any response that is not the same for
    every reader (see is_public).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in {"GET", "HEAD"} or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        state = content_state()
        coding, etag = representation(request, state)
        if not_modified(request, etag, state[1]):
            return with_validators(HttpResponseNotModified(), etag, state)
        path = request.get_full_path()
        page = stored_pages.get(state[0], path)
        if page is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()  # a TemplateResponse, e.g. the sitemap's
            if not is_public(request, response):
                return response
            page = stored_pages.store(state[0], path, response, coding)
        return with_validators(page.response(coding), etag, state)

    return wrapper


def stored_response(request):
    """Return the cached page's response (or its 304) for request, or None.

    For middleware that answers before the view is known: only a path this process
    served as a cached page lately is looked up (no other request touches the cache
    or the database here), and only a page stored for it in this content state is
    answered.
    """
    path = request.get_full_path()
    if not stored_pages.knows(path):
        return None
    state = content_state()
    page = stored_pages.get(state[0], path)
    if page is None:
        return None
    coding, etag = representation(request, state)
    if not_modified(request, etag, state[1]):
        return with_validators(HttpResponseNotModified(), etag, state)
    return with_validators(page.response(coding), etag, state)


def representation(request, state):
    """Return (content-coding, ETag) of the page request gets in state."""
    coding = preferred_coding(request.headers.get("Accept-Encoding"))
    return coding, entity_tag(state[0], coding)


@lru_cache(maxsize=16)  # one content state serves thousands of requests
def http_date_of(timestamp):
    return http_date(timestamp)


def with_validators(response, etag, state):
    response["ETag"] = etag
    if state[1] is not None:
        response["Last-Modified"] = http_date_of(state[1])
    response["Cache-Control"] = CACHE_CONTROL
    response["Vary"] = VARY
    return response


def is_public(request, response):
    """Whether response may be cached for, and compressed to, every reader.

    Not when it carries a CSRF token or sets a cookie (tied to one reader: cached,
    another reader would get it; compressed, BREACH could read it out), nor when it
    used the request's CSP nonce, nor when the view asked that it not be stored.
    """
    if response.status_code != 200 or response.streaming:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies:
        return False
    if get_nonce(request):
        return False  # its CSP nonce would be every reader's, and so no secret
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store"))
