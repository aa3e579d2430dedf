"""Fill the new feed ids and content times of existing posts.

Feed id: a published (or scheduled) post keeps the id its feed items carry today,
its address, so that subscribers see nothing new. Content time: readers last saw a
post change at the later of its publication and the "updated" date its editor
gave; the time its row was last saved (the day the demo was loaded, say) is not a
change readers saw.
"""

from django.db import migrations
from django.urls import reverse

BATCH = 500


def fill(apps, schema_editor):
    Post = apps.get_model("posts", "Post")
    posts = Post.objects.only(
        "slug", "status", "published_at", "updated_at", "feed_id", "content_changed_at"
    ).order_by("pk")
    batch = []
    for post in posts.iterator(chunk_size=BATCH):
        if post.status == "published" and not post.feed_id:
            post.feed_id = reverse("posts:detail", kwargs={"slug": post.slug})
        if post.published_at is not None:
            known = [post.published_at, post.updated_at or post.published_at]
            post.content_changed_at = max(known).replace(microsecond=0)
        batch.append(post)
        if len(batch) == BATCH:
            Post.objects.bulk_update(batch, ["feed_id", "content_changed_at"])
            batch = []
    Post.objects.bulk_update(batch, ["feed_id", "content_changed_at"])


class Migration(migrations.Migration):
    dependencies = [("posts", "0014_post_feed_id_and_content_changed_at")]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
