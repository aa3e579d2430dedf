"""The archive by year: which years have posts, how many, and each year's posts.

Every query is bounded by the index on published() in list order: the first and
last years are one index entry each, a year's posts are one range of it, and the
counts per year are taken over index entries, never over rows. Years are those of
TIME_ZONE, as pages show dates.
"""

from datetime import datetime

from django.db.models import Count, Q, Value
from django.utils import timezone

from .models import LIST_ORDER, Post

# Titles per page of a year: a long year is split, its months kept in order.
ARCHIVE_POSTS_PER_PAGE = 100


def year_span(year):
    """Return the (start, end) moments of year in the current time zone."""
    return (
        timezone.make_aware(datetime(year, 1, 1)),
        timezone.make_aware(datetime(year + 1, 1, 1)),
    )


def in_year(year):
    start, end = year_span(year)
    return Q(published_at__gte=start, published_at__lt=end)


def published_years():
    """Return [(year, post count)], newest first, for the years with posts."""
    published = Post.objects.published().order_by()
    moments = published.values_list("published_at", flat=True)
    first = moments.order_by("published_at").first()
    if first is None:
        return []
    last = moments.order_by("-published_at").first()
    years = range(timezone.localtime(last).year, timezone.localtime(first).year - 1, -1)
    # One count per year, each over its own range of the index: a filter per year
    # on every row would cost years × posts.
    per_year = [
        published.filter(in_year(year))
        .annotate(year=Value(year))
        .values("year")
        .annotate(count=Count("pk"))
        for year in years
    ]
    counts = per_year[0].union(*per_year[1:], all=True).order_by("-year")
    return [(row["year"], row["count"]) for row in counts if row["count"]]


def posts_of_year(year):
    """The published posts of year, newest first, with what the archive shows."""
    return (
        Post.objects.published()
        .filter(in_year(year))
        .only("title", "slug", "published_at")
        .order_by(*LIST_ORDER)
    )


def neighbour_years(year):
    """Return (the newer year with posts, the older one), either None if none."""
    start, end = year_span(year)
    moments = Post.objects.published().values_list("published_at", flat=True)
    newer = moments.filter(published_at__gte=end).order_by("published_at").first()
    older = moments.filter(published_at__lt=start).order_by("-published_at").first()
    return (
        timezone.localtime(newer).year if newer else None,
        timezone.localtime(older).year if older else None,
    )
