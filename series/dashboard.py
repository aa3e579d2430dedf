"""The series still being written, for the admin's home page.

The site-wide admin calls this; posts knows nothing of it, as it knows nothing of
series.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from posts.dashboard import LINE_FIELDS

from .models import Series, SeriesPart

SERIES_SHOWN = 6


@dataclass(frozen=True)
class PartLine:
    label: str
    post: object  # a Post with the columns of posts.dashboard.LINE_FIELDS


@dataclass(frozen=True)
class SeriesProgress:
    series: Series
    parts: list  # of PartLine, in order

    @property
    def published_count(self):
        return sum(1 for part in self.parts if part.post.is_published())


def series_in_progress(limit=SERIES_SHOWN):
    """Series marked in progress, last changed first, each with its parts in order."""
    parts = (
        SeriesPart.objects.select_related("post")
        .only(
            "series", "position", "label", "post", *(f"post__{f}" for f in LINE_FIELDS)
        )
        .order_by("position")
    )
    series_list = (
        Series.objects.filter(status=Series.Status.IN_PROGRESS)
        .only("title", "slug")
        .order_by("-modified_at", "-pk")
        .prefetch_related(Prefetch("parts", queryset=parts))[:limit]
    )
    return [
        SeriesProgress(
            series=series,
            parts=[
                PartLine(label=part.display_label, post=part.post)
                for part in series.parts.all()
            ],
        )
        for series in series_list
    ]
