"""Store the text of existing rows in the form every save now gives it."""

from django.db import migrations


def normalise_posts(apps, schema_editor):
    from posts.normalisation import normalise_rows

    normalise_rows(apps, "posts", ["Category", "Tag", "Post", "SlugHistory"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("posts", "0007_rerender_posts"),
    ]

    operations = [migrations.RunPython(normalise_posts, migrations.RunPython.noop)]
