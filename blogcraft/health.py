"""A health check for load balancers and monitors: can this instance serve?

Each part the site needs is checked on its own: the database, the cache, the media
storage and the task queue. The reply names each part's state and nothing more;
why a part failed goes to the log, since the reply is public.
"""

import logging
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.tasks.backends.immediate import ImmediateBackend
from django.tasks.exceptions import TaskResultDoesNotExist
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK, FAILING = "ok", "failing"
# Tasks run inside the request that enqueues them: there is no queue to reach, and
# saying "ok" would claim a worker that does not exist.
IMMEDIATE = "immediate"
HEALTHY_STATES = {OK, IMMEDIATE}


def database_state():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return OK if cursor.fetchone() == (1,) else FAILING


def cache_state():
    # A fresh key and value: a stale answer from a half-broken cache cannot pass.
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        return OK if cache.get(key) == value else FAILING
    finally:
        cache.delete(key)


def storage_state():
    # Uploads, renditions and diagrams are all written through the default storage:
    # write a small object, read it back, and remove it.
    value = uuid.uuid4().hex.encode()
    name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(value))
    try:
        with default_storage.open(name) as stored:
            return OK if stored.read() == value else FAILING
    finally:
        default_storage.delete(name)


def queue_state():
    # The backend itself, not the proxy that stands for it.
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if isinstance(backend, ImmediateBackend):
        return IMMEDIATE
    # Asking for a task that cannot exist reaches the backend's store (the database
    # table, or Redis) and enqueues nothing.
    try:
        backend.get_result(str(uuid.uuid4()))
    except TaskResultDoesNotExist:
        return OK
    return FAILING


CHECKS = {
    "database": database_state,
    "cache": cache_state,
    "storage": storage_state,
    "queue": queue_state,
}


def run_check(name, check):
    try:
        state = check()
    except Exception:
        logger.exception("Health check %r failed", name)
        return FAILING
    if state == FAILING:
        logger.error("Health check %r failed: the answer read back was wrong", name)
    return state


@never_cache
@require_safe
def healthz(request):
    """200 when every part answers, 503 when any does not."""
    checks = {name: run_check(name, check) for name, check in CHECKS.items()}
    healthy = all(state in HEALTHY_STATES for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
