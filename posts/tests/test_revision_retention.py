from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Revision, Version

from posts.models import Post
from posts.revision_retention import prune_revisions
from posts.revisions import versions_of

pytestmark = pytest.mark.django_db


def revisions_of(post):
    return list(versions_of(Post, post.pk).select_related("revision"))


def dated(post, *moments):
    """Give post's versions, oldest first, the revision dates given."""
    versions = list(reversed(revisions_of(post)))
    assert len(versions) == len(moments)
    for version, moment in zip(versions, moments, strict=True):
        Revision.objects.filter(pk=version.revision_id).update(date_created=moment)


NOW = datetime(2026, 6, 30, 12, 0, tzinfo=timezone.get_fixed_timezone(0))


def save_times(post, count):
    for number in range(count - 1):
        post.title = f"Edit {number}"
        post.save()


def test_retention_keeps_recent_revisions_and_one_a_day_before(make_post):
    post = make_post()
    save_times(post, 6)
    day = timedelta(days=1)
    moments = [
        NOW - 40 * day,  # an old day with two revisions: the newer stays
        NOW - 40 * day + timedelta(hours=2),
        NOW - 35 * day,  # alone on its day: stays
        NOW - 29 * day,  # recent: all stay
        NOW - 29 * day + timedelta(minutes=5),
        NOW - timedelta(minutes=1),
    ]
    dated(post, *moments)
    assert prune_revisions(now=NOW, dry_run=True) == 1
    assert len(revisions_of(post)) == 6
    assert prune_revisions(now=NOW) == 1
    kept = sorted(version.revision.date_created for version in revisions_of(post))
    assert kept == moments[1:]
    # The removed revision held nothing else, so it is gone with its version.
    assert Revision.objects.count() == 5
    assert prune_revisions(now=NOW) == 0


def test_retention_removes_the_tag_rows_with_their_post_version(make_post):
    post = make_post()
    post.tags.set(["One"])
    post.save()
    post.save()
    day = NOW - timedelta(days=50)
    dated(post, day, day + timedelta(hours=1), day + timedelta(hours=2), NOW)
    before = Version.objects.count()
    assert prune_revisions(now=NOW) == 2
    # The second revision's tag row went with its post's version.
    assert Version.objects.count() == before - 3
    assert Revision.objects.count() == 2


def test_a_save_thins_out_that_posts_old_revisions(make_post):
    post = make_post()
    other = make_post()
    save_times(post, 3)
    save_times(other, 3)
    long_ago = timezone.now() - timedelta(days=60)
    dated(post, long_ago, long_ago, long_ago)
    dated(other, long_ago, long_ago, long_ago)
    post.save()
    assert len(revisions_of(post)) == 2  # the newest of that day, and today's
    assert len(revisions_of(other)) == 3  # not saved: left for the command


def test_prune_revisions_command(make_post, capsys):
    post = make_post()
    save_times(post, 3)
    long_ago = timezone.now() - timedelta(days=60)
    dated(post, long_ago, long_ago, long_ago)
    call_command("prune_revisions", "--dry-run")
    assert "Would remove 2 old revision(s)." in capsys.readouterr().out
    call_command("prune_revisions")
    assert "Removed 2 old revision(s)." in capsys.readouterr().out
    assert len(revisions_of(post)) == 1
