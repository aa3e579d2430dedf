from django import template

from ..timestamps import machine_time as format_machine_time

register = template.Library()


@register.filter
def machine_time(moment):
    """A time for <time datetime> and meta tags: ISO 8601 to the second."""
    return format_machine_time(moment)
