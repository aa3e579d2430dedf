"""Times for machines: one format for every page, feed, sitemap and header.

HTML's <time datetime>, JSON-LD, Open Graph, sitemaps and feeds all take ISO 8601
(RFC 3339) times; a fraction of a second is refused by HTML validators and means
nothing to readers, so times are written to the second. Times the server takes
from its own clock are stored to the second too.
"""

from datetime import datetime

from django.utils import timezone


def to_the_second(moment):
    """Return moment without its fraction of a second (None stays None)."""
    return None if moment is None else moment.replace(microsecond=0)


def now_to_the_second():
    """The current time as the site stores the times it sets itself."""
    return to_the_second(timezone.now())


def machine_time(moment):
    """Return moment as ISO 8601 to the second, in the site's time zone, or ""."""
    if moment is None or moment == "":
        return ""
    if not isinstance(moment, datetime):
        return moment.isoformat()  # a date has no time to trim
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.isoformat(timespec="seconds")
