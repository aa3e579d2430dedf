"""File many posts in a series at once, for tests that grow an archive."""

from series.models import SeriesPart


def append_parts(series, posts):
    """File posts after the series' last part, in order, in one insert.

    Sends no signal: the callers' posts are bulk copies, which already told the
    page cache.
    """
    first = series.parts.count() + 1
    SeriesPart.objects.bulk_create(
        SeriesPart(series=series, post=post, position=position)
        for position, post in enumerate(posts, start=first)
    )
