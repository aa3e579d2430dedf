"""
Answer repeat requests for cached public pages and feeds before the rest of Django.

A reader without a session cookie is anonymous, so a page that a cached view stored
for this path and this content state, and that this process served lately
(blogcraft.page_cache.stored_response), can be sent at once:
no session, CSRF, authentication or messages middleware, no URL resolving, no view.
Everything else, and every first request, goes the whole way.

Placed after the middleware whose headers every page carries (security, CSP,
X-Frame-Options, Permissions-Policy), so cached pages get them too, and before the
others. It validates the Host header as CommonMiddleware would.
"""

from django.conf import settings

from blogcraft.page_cache import stored_response


class CachedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in {"GET", "HEAD"}
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and settings.BLOGCRAFT_PAGE_CACHE_SECONDS > 0
        ):
            response = stored_response(request)
            if response is not None:
                request.get_host()  # a disallowed Host is refused as everywhere else
                return response
        return self.get_response(request)
