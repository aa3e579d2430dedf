"""The admin as Blogcraft's editors see it: branded, and opening on their work.

The home page lists drafts, what is scheduled and when, what was published lately,
the posts with rendering notes, and the series in progress with their parts; each
line links to its change page. Django's list of models follows.
"""

from posts.dashboard import post_worklists
from series.dashboard import series_in_progress

from .admin_security import ThrottledAdminSite


def editor_dashboard(user):
    """What the home page shows this user: only what they may view."""
    context = {}
    if user.has_perm("posts.view_post"):
        context["worklists"] = post_worklists()
    if user.has_perm("series.view_series"):
        context["series_in_progress"] = series_in_progress()
    return context


class BlogcraftAdminSite(ThrottledAdminSite):
    site_header = "Blogcraft"
    site_title = "Blogcraft"
    index_title = "Blogcraft"
    index_template = "admin/blogcraft_index.html"

    def index(self, request, extra_context=None):
        context = {**editor_dashboard(request.user), **(extra_context or {})}
        return super().index(request, context)
