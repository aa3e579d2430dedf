"""Forget the old slugs of posts and tags that some post or tag has again.

A post or tag renamed A → B → A kept "A" in its history, and the old-slug
redirect then sent a missing address under "A" (a page number past the last, a
feed it lacks) to itself, forever. A slug in use answers for itself.
"""

from django.db import migrations


def forget_current_slugs(apps, app_label, model_names):
    SlugHistory = apps.get_model("posts", "SlugHistory")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model_name in model_names:
        content_type = ContentType.objects.filter(
            app_label=app_label, model=model_name
        ).first()
        if content_type is None:
            continue  # no history can name this model yet
        in_use = apps.get_model(app_label, model_name).objects.values("slug")
        SlugHistory.objects.filter(content_type=content_type, slug__in=in_use).delete()


def forget_current_post_and_tag_slugs(apps, schema_editor):
    forget_current_slugs(apps, "posts", ["post", "tag"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("posts", "0015_fill_feed_ids_and_content_times"),
    ]

    operations = [
        migrations.RunPython(forget_current_post_and_tag_slugs, migrations.RunPython.noop),
    ]
