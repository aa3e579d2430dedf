"""Which tags and categories the public may see: those that a published post uses.

A tag or category that only drafts or scheduled posts use would give away what is
coming; staff see it, to preview a page before it goes public.
"""

from .models import Category, Tag


def public_tags():
    """Tags that at least one published post uses."""
    return Tag.objects.published()


def tags_visible_to(user):
    """Every tag for staff; the public tags for everyone else."""
    return Tag.objects.all() if user.is_staff else public_tags()


def public_categories():
    """Categories that at least one published post is filed under."""
    return Category.objects.published()


def categories_visible_to(user):
    """Every category for staff; the public categories for everyone else."""
    return Category.objects.all() if user.is_staff else public_categories()
