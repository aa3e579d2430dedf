"""
Review links: signed, expiring, revocable addresses at which a reviewer without an
account reads a draft or a scheduled post as it will be published.

A link's token is its random key signed with the site's secret, salted for this use
alone. Nobody can guess an address, and a changed one fails the signature check (a
constant-time comparison) before the database is asked. The key is random too, so
even someone who knew the site's secret could not make up a working address.
"""

import enum
from datetime import timedelta

from django.core import signing
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from blogcraft.site import absolute_url

from .models import Post, ReviewLink

SALT = "posts.reviews.link"
# How long an editor may let a link work, in days.
EXPIRY_DAYS = [1, 3, 7, 14, 30]
DEFAULT_EXPIRY_DAYS = 7


class Reason(enum.StrEnum):
    """Why a token does not show its post."""

    UNKNOWN = "unknown"  # altered, cut short or made up
    EXPIRED = "expired"
    REVOKED = "revoked"
    DELETED = "deleted"  # the post is gone
    PUBLISHED = "published"  # the reader belongs on the public page now


def signer():
    # "." cannot appear in the key or the signature, and reads well in an address.
    return signing.Signer(salt=SALT, sep=".")


def token_for(link):
    return signer().sign(link.key)


def review_path(link):
    return reverse("posts:review", kwargs={"token": token_for(link)})


def review_url(link):
    """The address to send a reviewer, on the site's public host."""
    return absolute_url(review_path(link))


def create_review_link(post, created_by, days=DEFAULT_EXPIRY_DAYS, note=""):
    """Make a link to post that works for days days from now."""
    if days < 1:
        raise ValueError("A review link must work for at least a day.")
    now = timezone.now()
    return ReviewLink.objects.create(
        post=post,
        created_by=created_by,
        note=note,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )


def revoke(link):
    """Withdraw link from now on; a link withdrawn earlier keeps its time."""
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def verify(token):
    """Return (link, None) if token shows its post, else (link or None, a Reason).

    The link's post comes loaded for its page, from its latest saved text.
    """
    try:
        key = signer().unsign(token)
    except signing.BadSignature:
        return None, Reason.UNKNOWN
    link = (
        ReviewLink.objects.filter(key=key)
        .prefetch_related(Prefetch("post", queryset=Post.objects.for_page()))
        .first()
    )
    if link is None:
        return None, Reason.UNKNOWN
    if link.post is not None and link.post.is_published():
        # Harmless whatever the link's state: the page is public.
        return link, Reason.PUBLISHED
    if link.is_revoked():
        return link, Reason.REVOKED
    if link.is_expired():
        return link, Reason.EXPIRED
    if link.post is None:
        return link, Reason.DELETED
    return link, None
