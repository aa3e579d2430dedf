"""Where a post stands, in words an editor reads at a glance.

A post is a draft, scheduled for a moment, or published (``Post.state()``, which
mirrors ``published()`` and ``scheduled()``). The admin's badges, its save messages
and its home page all say so through these functions, with times in the site's time
zone (``TIME_ZONE``), its name written out.
"""

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from .models import Post, is_due_later
from .timestamps import machine_time


def moment(value):
    """Return a time as "Tue 1 Dec, 09:00 UTC", the year added if not this year's."""
    local = timezone.localtime(value)
    this_year = local.year == timezone.localtime().year
    return date_format(local, "D j M, H:i T" if this_year else "D j M Y, H:i T")


def state_badge(post):
    """The post's state as a badge: its words carry the meaning, colour only helps."""
    state = post.state()
    if state == Post.State.SCHEDULED:
        return format_html(
            '<span class="state-badge state-scheduled">{} '
            '<time datetime="{}">{}</time></span>',
            state.label,
            machine_time(post.published_at),
            moment(post.published_at),
        )
    return format_html(
        '<span class="state-badge state-{}">{}</span>', state.value, state.label
    )


def saved_message(post, link):
    """Tell the editor where the saved post stands, its title linking to link."""
    state = post.state()
    if state == Post.State.SCHEDULED:
        return format_html(
            '“<a href="{}">{}</a>” is scheduled for {}.',
            link,
            post.title,
            moment(post.published_at),
        )
    if state == Post.State.PUBLISHED:
        return format_html('“<a href="{}">{}</a>” is published.', link, post.title)
    return format_html('“<a href="{}">{}</a>” was saved as a draft.', link, post.title)


# The order of the admin's list of posts: what an editor is working on first. The
# order is declared once, not per request, so the database's clock decides which
# posts are still scheduled, by the very condition scheduled() uses.
IS_DRAFT = Q(status=Post.Status.DRAFT)
IS_SCHEDULED = is_due_later(Now())
STATE_RANK = Case(
    When(IS_DRAFT, then=Value(0)),
    When(IS_SCHEDULED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
EDITING_ORDER = [
    STATE_RANK.asc(),
    # Drafts by their last change, newest first.
    Case(When(IS_DRAFT, then=F("modified_at"))).desc(nulls_last=True),
    # Scheduled posts by their time, soonest first.
    Case(When(IS_SCHEDULED, then=F("published_at"))).asc(nulls_last=True),
    # Published posts newest first. (Expressions rather than field names: the list
    # marks no column as the one it is sorted by, since none is.)
    Case(When(~IS_DRAFT, then=F("published_at"))).desc(nulls_last=True),
    "-pk",
]
