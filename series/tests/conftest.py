import pytest

from series.models import Series, SeriesPart


@pytest.fixture
def make_series(db, make_post):
    """Create a series whose parts are new posts, in the order given."""

    def make(slug="a-series", part_count=3, **fields):
        fields.setdefault("title", slug.replace("-", " ").title())
        fields.setdefault("description", f"All about {slug}.")
        series = Series.objects.create(slug=slug, **fields)
        for position in range(1, part_count + 1):
            SeriesPart.objects.create(
                series=series, post=make_post(), position=position
            )
        return series

    return make
