from django import template

register = template.Library()


@register.filter
def duration(minutes):
    """Format minutes of reading the way the seed site does: "45 min", "1h 32m"."""
    minutes = int(minutes or 0)
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours}h {rest}m" if rest else f"{hours}h"


# The plain covers of series without an image take one of this many colours.
COVER_HUES = 6


@register.filter
def hue(pk):
    """Return which of the plain covers' colours a series gets, by its id."""
    return (pk or 0) % COVER_HUES
