from django import template

from ..publishing import moment as moment_in_words
from ..publishing import state_badge as badge

register = template.Library()


@register.filter
def state_badge(post):
    """The post's state as a badge: "Draft", "Scheduled <time>", "Published"."""
    return badge(post)


@register.filter
def moment(value):
    """A time as "Tue 1 Dec, 09:00 UTC", in the site's time zone."""
    return moment_in_words(value) if value else ""
