"""The posts an editor is working on, for the admin's home page.

Each list is one query of at most ``limit`` posts, newest work first, with only the
columns a line of the list shows.
"""

from .models import Post

WORKLIST_LENGTH = 8
# What a line shows: the title and where the post stands (see posts.publishing).
LINE_FIELDS = ["title", "status", "published_at", "modified_at", "render_problems"]


def post_worklists(limit=WORKLIST_LENGTH):
    """Drafts, scheduled posts, recent publications and posts with rendering notes."""
    posts = Post.objects.only(*LINE_FIELDS)
    return {
        "drafts": list(posts.drafts().order_by("-modified_at", "-pk")[:limit]),
        "scheduled": list(posts.scheduled().order_by("published_at", "pk")[:limit]),
        "published": list(posts.published().order_by("-published_at", "-pk")[:limit]),
        "with_notes": list(
            posts.exclude(render_problems=[]).order_by("-modified_at", "-pk")[:limit]
        ),
    }
