"""Re-render stored posts: after an upgrade of the pipeline or of Mermaid, and once
the diagrams a post was stored without have been drawn."""

from django.tasks import task

from .models import DERIVED_FIELDS, RENDERED_FIELDS, Post
from .rendering.deadline import current_deadline
from .rendering.diagrams import BEING_DRAWN, diagrams_settled


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


def rerender_posts(dry_run=False):
    """Render every post again; return the slugs whose stored output changed."""
    posts = Post.objects.order_by("pk").iterator(chunk_size=100)
    return [post.slug for post in posts if rerender_post(post, dry_run)]


@task
def rerender_all_posts():
    """The queue's `manage.py rerender`: return the slugs that changed."""
    return rerender_posts()


def posts_awaiting_diagrams():
    # The note's words without its ellipsis: JSON stores that escaped, as \u2026.
    words = BEING_DRAWN.rstrip("…")
    return Post.objects.filter(render_problems__icontains=words).order_by("pk")


def rerender_posts_awaiting_diagrams(sender=None, **kwargs):
    """Render again the posts stored while a diagram was being drawn.

    Connected to diagrams_settled. Not for a drawing made during a rendering in this
    thread (an immediate task backend): that rendering reads the drawing itself.
    """
    if current_deadline() is not None:
        return []
    return [post.slug for post in posts_awaiting_diagrams() if rerender_post(post)]


def connect():
    diagrams_settled.connect(rerender_posts_awaiting_diagrams)
