"""Re-render stored posts, e.g. after the pipeline or Mermaid is upgraded."""

from .models import Post


def rerender_posts(dry_run=False):
    """Render every post again; return the slugs whose stored output changed."""
    changed = []
    for post in Post.objects.order_by("pk").iterator(chunk_size=100):
        if post.render_again(save=not dry_run):
            changed.append(post.slug)
    return changed
