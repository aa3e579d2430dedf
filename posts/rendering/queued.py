"""What the renderer's queued work (diagrams, formulas) shares.

A save or a preview never runs Chromium or node: it queues the work for the task
worker and shows the source meanwhile. The worker tries a failure that can pass
again later; after the last attempt the failure is remembered for a while, so that
pages say so rather than queue it again on every preview. Once work is done (or
given up), ``settled`` is sent: the posts stored meanwhile are rendered again.
"""

import logging
import subprocess
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.dispatch import Signal
from django.utils import timezone

logger = logging.getLogger(__name__)

# The failures of a renderer that can pass: its process died, hung, or answered
# nothing readable.
PASSING_FAILURES = (RuntimeError, OSError, subprocess.SubprocessError, ValueError)
# How long a failure after the last attempt is reported rather than queued again;
# after it, the next save tries again.
FAILURE_MEMORY_SECONDS = 600
settled = Signal()


class GaveUp(RuntimeError):
    """Every attempt failed; the message says why, for the editor."""


def attempt(work, task, jobs, attempt_number, failure_keys):
    """Run work(jobs) as attempt_number of task(jobs).

    On a failure that can pass, queue the next attempt after a wait that doubles
    each time and re-raise (the task is marked failed, with its traceback); after
    the last attempt, remember the reason under failure_keys and raise GaveUp.
    """
    try:
        return work(jobs)
    except PASSING_FAILURES as error:
        if attempt_number < settings.BLOGCRAFT_TASK_ATTEMPTS:
            retry_later(task, jobs, attempt_number)
            raise
        reason = " ".join(str(error).split())[:300] or type(error).__name__
        message = f"failed {attempt_number} times ({reason})."
        cache.set_many(dict.fromkeys(failure_keys, message), FAILURE_MEMORY_SECONDS)
        raise GaveUp(message) from error


def retry_later(task, jobs, attempt_number):
    delay = settings.BLOGCRAFT_TASK_RETRY_SECONDS * 2 ** (attempt_number - 1)
    if delay and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + timedelta(seconds=delay))
    logger.warning("%s failed (attempt %d); trying again", task.name, attempt_number)
    task.enqueue(jobs, attempt_number + 1)


def queue(task, jobs, problems, what):
    """Queue task(jobs) for the worker; return whether the queue took it."""
    try:
        task.enqueue(jobs)
    except Exception as error:  # a task backend that is down must not stop a save
        logger.exception("Could not queue %s", what)
        problems.append(f"{what} shown as source: the queue refused them ({error}).")
        return False
    return True


def remembered_failure(failure_keys):
    """Return why the last attempt at one of failure_keys failed, or ""."""
    return next(iter(cache.get_many(failure_keys).values()), "")
