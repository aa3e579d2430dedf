from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Revision, Version

from posts.feed_import import import_feed
from posts.models import Category, Post, Tag
from posts.revisions import (
    SAVED_OUTSIDE_THE_ADMIN,
    TAGS_CHANGED,
    compare,
    prune_revisions,
    put_back,
    snapshot,
    versions_of,
)

pytestmark = pytest.mark.django_db


def revisions_of(post):
    return list(versions_of(Post, post.pk).select_related("revision"))


def test_every_save_outside_the_admin_keeps_a_revision(make_post):
    post = make_post(title="First words", body="One.")
    post.description = "Better words."
    post.save()
    newest, oldest = revisions_of(post)
    assert oldest.field_dict["title"] == "First words"
    assert newest.field_dict["description"] == "Better words."
    assert newest.revision.comment == SAVED_OUTSIDE_THE_ADMIN
    assert newest.revision.user is None


def test_a_revision_stores_editable_fields_only(make_post):
    post = make_post(body="## Hello\n\nWorld.")
    data = revisions_of(post)[0].field_dict
    assert data["body"] == "## Hello\n\nWorld."
    assert {"body_html", "body_text", "feed_html", "toc", "share_image"}.isdisjoint(
        data
    )


def test_setting_tags_after_a_save_keeps_a_revision_of_them(make_post):
    post = make_post(tags=["Python", "Django"])
    tags_revision, saved = revisions_of(post)
    assert saved.revision.comment == SAVED_OUTSIDE_THE_ADMIN
    assert tags_revision.revision.comment == TAGS_CHANGED
    assert snapshot(tags_revision).fields["Tags"] == "Django, Python"
    post.tags.set(["Python", "Django"])  # no change, no revision
    assert len(revisions_of(post)) == 2


def test_rendering_again_keeps_no_revision(make_post):
    post = make_post()
    post.body_html = ""
    post.save(update_fields=["body_html"])
    # Nor does a share card redrawn in the background.
    Post.objects.filter(pk=post.pk).update(share_image="cards/other.png")
    assert len(revisions_of(post)) == 1


def test_feed_import_keeps_revisions(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<link>https://example.org/</link><description>D</description>"
        "<item><title>Imported</title><link>https://example.org/imported/</link>"
        "<guid>https://example.org/imported/</guid><description>About it."
        "</description><category>Feeds</category>"
        "<pubDate>Mon, 20 Apr 2026 00:00:00 GMT</pubDate></item></channel></rss>"
    )
    import_feed(feed)
    post = Post.objects.get(slug="imported")
    newest = revisions_of(post)[0]
    assert snapshot(newest).fields["Tags"] == "Feeds"
    assert newest.field_dict["import_guid"] == "https://example.org/imported/"


def test_comparison_names_fields_as_the_form_does(make_post):
    category = Category.objects.create(name="Notes", slug="notes")
    post = make_post(title="Before", body="one\ntwo", status=Post.Status.DRAFT)
    post.title, post.body, post.category = "After", "one\n2", category
    post.save()
    newest, oldest = revisions_of(post)
    comparison = compare(oldest, newest)
    assert {(c.label, c.before, c.after) for c in comparison.fields} == {
        ("Title", "Before", "After"),
        ("Category", "", "Notes"),
    }
    assert [(line.kind, line.text) for line in comparison.lines] == [
        ("same", "one"),
        ("removed", "two"),
        ("added", "2"),
    ]
    assert comparison.text_label == "Body"


def test_put_back_restores_fields_and_tags(make_post):
    post = make_post(title="Old title", tags=["Kept", "Removed later"])
    old = revisions_of(post)[0]
    post.title = "New title"
    post.save()
    post.tags.set(["Kept", "Added later"])
    assert put_back(old) == []
    post.refresh_from_db()
    assert post.title == "Old title"
    assert sorted(post.tags.names()) == ["Kept", "Removed later"]


def test_put_back_leaves_out_deleted_tags(make_post):
    post = make_post(tags=["Kept", "Doomed"])
    old = revisions_of(post)[0]
    Tag.objects.get(name="Doomed").delete()
    assert put_back(old) == [f"{post.title} tagged with Doomed"]
    assert list(post.tags.names()) == ["Kept"]


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
