"""Re-render stored posts, e.g. after the pipeline or Mermaid is upgraded."""

import logging

from blogcraft.reports import Report

from .models import DERIVED_FIELDS, RENDERED_FIELDS, Post

logger = logging.getLogger(__name__)


def rerender_post(post, dry_run=False):
    """Render post again and store what changed; return whether anything did.

    The save drops the cached pages (posts.signals), so readers see it at once.
    """
    before = [getattr(post, name) for name in RENDERED_FIELDS]
    post.render()
    if [getattr(post, name) for name in RENDERED_FIELDS] == before:
        return False
    if not dry_run:
        post.save(update_fields=DERIVED_FIELDS)
    return True


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
