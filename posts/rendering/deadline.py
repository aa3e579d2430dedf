"""A time limit on rendering, so that no body can hold a worker for long.

gunicorn runs threaded workers, where signals cannot interrupt a request, so the
limit is cooperative: every markdown-it rule, and the pipeline's own loops, check
the deadline of the rendering under way (a context variable, so each thread has
its own) and stop it with ``RenderTimeout`` once it has passed.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from time import monotonic


class RenderTimeout(Exception):
    """Rendering ran past its deadline; the message says so, for the editor."""

    def __init__(self, message, seconds=None):
        super().__init__(message)
        self.seconds = seconds


def render_timeout(seconds):
    """Return the error an editor reads when rendering took more than seconds."""
    return RenderTimeout(
        f"The body took longer than {seconds:g} s to render and was not saved: "
        "it may contain a very long run of brackets or markup. "
        "Split it or simplify it.",
        seconds,
    )


@dataclass
class Deadline:
    seconds: float
    expires_at: float


_current = ContextVar("render_deadline", default=None)
# The rendering's Deadline or None; hot loops read it and compare the clock
# themselves, rather than pay for a call to check_deadline().
current_deadline = _current.get


@contextmanager
def deadline_after(seconds):
    """Give the rendering inside this block `seconds` to finish."""
    token = _current.set(Deadline(seconds, monotonic() + seconds))
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def deadline_paused():
    """Leave the time spent inside this block out of the current deadline."""
    deadline, started = _current.get(), monotonic()
    try:
        yield
    finally:
        if deadline is not None:
            deadline.expires_at += monotonic() - started


def check_deadline():
    """Raise RenderTimeout if the current rendering is past its deadline."""
    deadline = _current.get()
    if deadline is not None and monotonic() > deadline.expires_at:
        raise render_timeout(deadline.seconds)


def seconds_left(at_most):
    """Return how long a subprocess may run: at_most, or less near the deadline."""
    deadline = _current.get()
    if deadline is None:
        return at_most
    return max(0.0, min(at_most, deadline.expires_at - monotonic()))


def within_deadline(function):
    """Wrap a rule so that it first checks the deadline."""
    # The check is inlined: the inline rules run once per character of markup.
    current, clock = current_deadline, monotonic

    @wraps(function)
    def checked(*args):
        deadline = current()
        if deadline is not None and clock() > deadline.expires_at:
            raise render_timeout(deadline.seconds)
        return function(*args)

    return checked


def check_every_rule(md):
    """Make every rule of md check the deadline before it runs.

    A dispatching ruler checks it once before the rules it tries at a position
    (the inline rules run once per character of markup); the other rules are
    wrapped one by one.
    """
    for ruler in (md.core.ruler, md.block.ruler, md.inline.ruler, md.inline.ruler2):
        if getattr(ruler, "checks_deadline", False):
            continue
        for rule in list(ruler.__rules__):
            ruler.at(rule.name, within_deadline(rule.fn), {"alt": rule.alt})
