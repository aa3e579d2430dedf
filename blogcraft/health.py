"""A health check for load balancers and monitors: can this instance serve?"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_works():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_works():
    # A fresh key and value: a stale answer from a half-broken cache cannot pass.
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


CHECKS = {"database": database_works, "cache": cache_works}


def run_check(name, check):
    try:
        return "ok" if check() else "failing"
    except Exception:
        # The reply is public: the reason goes to the log, not to the caller.
        logger.exception("Health check %r failed", name)
        return "failing"


@never_cache
@require_safe
def healthz(request):
    """200 when the database and the cache answer, 503 when either does not."""
    checks = {name: run_check(name, check) for name, check in CHECKS.items()}
    healthy = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
