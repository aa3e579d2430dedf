"""The SQLite full-text index (see posts/search_index.py)."""

from django.db import migrations


def create_index(apps, schema_editor):
    from posts.search_index import ensure_search_index

    ensure_search_index(schema_editor.connection)


def drop_index(apps, schema_editor):
    from posts.search_index import drop_search_index

    drop_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("posts", "0004_post_body_text")]

    operations = [migrations.RunPython(create_index, drop_index)]
