"""Forget the old slugs of series that some series has again (see posts 0015)."""

from importlib import import_module

from django.db import migrations

posts_0015 = import_module("posts.migrations.0016_forget_slug_history_of_current_slugs")


def forget_current_series_slugs(apps, schema_editor):
    posts_0015.forget_current_slugs(apps, "series", ["series"])


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0016_forget_slug_history_of_current_slugs"),
        ("series", "0010_series_content_changed_at"),
    ]

    operations = [
        migrations.RunPython(forget_current_series_slugs, migrations.RunPython.noop),
    ]
