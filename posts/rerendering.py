"""Re-render stored posts: after an upgrade of the pipeline or of Mermaid, and once
the diagrams a post was stored without have been drawn."""

import logging
from functools import reduce
from operator import or_

from django.db.models import Q
from django.tasks import task

from blogcraft.reports import Report

from .models import Post
from .rendering import queued
from .rendering.deadline import current_deadline
from .rendering.diagrams import BEING_DRAWN
from .rendering.math import BEING_TYPESET

logger = logging.getLogger(__name__)

# The notes of a post stored while its diagrams or formulas were queued.
WAITING_NOTES = [BEING_DRAWN, BEING_TYPESET]


def rerender_post(post, dry_run=False):
    """Render post again and store what changed; return whether anything did.

    The save drops the cached pages (posts.signals), so readers see it at once.
    """
    return post.render_again(save=not dry_run)


def rerender_posts(dry_run=False, report=None):
    """Render every post again; return the slugs whose stored output changed.

    report, if given, gets a line for each post. A post that fails to render is
    reported as refused and left as it was; the others are rendered all the same.
    """
    report = Report() if report is None else report
    posts = Post.objects.order_by("pk")
    report.expect(posts.count())
    changed = []
    for post in posts.iterator(chunk_size=100):
        try:
            if not rerender_post(post, dry_run):
                report.add("unchanged", post.slug)
                continue
        except Exception as error:
            logger.exception("Rendering the post %r again failed", post.slug)
            report.add("refused", post.slug, f"{type(error).__name__}: {error}")
            continue
        changed.append(post.slug)
        report.add("would change" if dry_run else "changed", post.slug)
    return changed


@task
def rerender_all_posts():
    """The queue's `manage.py rerender`: return the slugs that changed."""
    return rerender_posts()


def posts_waiting():
    """The posts stored while their diagrams or formulas were queued."""
    # The notes' words without the ellipsis: JSON stores that escaped, as \u2026.
    waiting = [Q(render_problems__icontains=note.rstrip("…")) for note in WAITING_NOTES]
    return Post.objects.filter(reduce(or_, waiting)).order_by("pk")


def rerender_posts_waiting(sender=None, **kwargs):
    """Render again the posts stored while their diagrams or formulas were queued.

    Connected to queued.settled. Not for work done during a rendering in this
    thread (an immediate task backend): that rendering reads the result itself.
    """
    if current_deadline() is not None:
        return []
    return [post.slug for post in posts_waiting() if rerender_post(post)]


def connect():
    queued.settled.connect(rerender_posts_waiting)
