"""Re-render stored posts, e.g. after the pipeline or Mermaid is upgraded."""

from .models import DERIVED_FIELDS, RENDERED_FIELDS, Post


def rerender_posts(dry_run=False):
    """Render every post again; return the slugs whose stored output changed."""
    changed = []
    for post in Post.objects.order_by("pk").iterator(chunk_size=100):
        before = [getattr(post, name) for name in RENDERED_FIELDS]
        post.render()
        if [getattr(post, name) for name in RENDERED_FIELDS] != before:
            changed.append(post.slug)
            if not dry_run:
                post.save(update_fields=DERIVED_FIELDS)
    return changed
