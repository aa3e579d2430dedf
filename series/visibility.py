"""Which series the public may see: those with at least one published part.

A series whose parts are all drafts or scheduled, or that has no part yet, would
give away what is coming; staff see it, to preview a page before it goes public.
"""

from .models import Series


def public_series():
    """Series with at least one published part."""
    return Series.objects.published()


def series_visible_to(user):
    """Every series for staff; the public series for everyone else."""
    return Series.objects.all() if user.is_staff else public_series()
