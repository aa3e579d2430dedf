"""Sign every existing post with one author, named after the site's SITE_AUTHOR.

Until authors existed, every post was signed with that name; now it is a row an
editor can rename and give a bio, an avatar and a link. A database without posts
gets no author: the first editor creates the real ones.
"""

from django.conf import settings
from django.db import migrations


def sign_existing_posts(apps, schema_editor):
    Post = apps.get_model("posts", "Post")
    Author = apps.get_model("posts", "Author")
    unsigned = Post.objects.filter(authors__isnull=True)
    if not unsigned.exists():
        return
    author, _ = Author.objects.get_or_create(name=settings.SITE_AUTHOR)
    author.posts.add(*unsigned)


class Migration(migrations.Migration):
    dependencies = [("posts", "0011_author")]

    operations = [
        migrations.RunPython(sign_existing_posts, migrations.RunPython.noop),
    ]
