import pytest

from posts.feed_import import import_feed
from posts.models import Category, Post, Tag
from posts.revisions import (
    SAVED_OUTSIDE_THE_ADMIN,
    TAGS_CHANGED,
    compare,
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
