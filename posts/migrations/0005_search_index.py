"""
The SQLite full-text index: an FTS5 table over posts' title, description and plain
body, kept in step by triggers. PostgreSQL ranks with its own tsvector functions and
needs no table here.
"""

from django.db import migrations

SQLITE_CREATE = [
    """
    CREATE VIRTUAL TABLE posts_post_fts USING fts5(
        title, description, body_text,
        content='posts_post', content_rowid='id', tokenize='porter unicode61'
    )
    """,
    """
    CREATE TRIGGER posts_post_fts_insert AFTER INSERT ON posts_post BEGIN
        INSERT INTO posts_post_fts(rowid, title, description, body_text)
        VALUES (new.id, new.title, new.description, new.body_text);
    END
    """,
    """
    CREATE TRIGGER posts_post_fts_delete AFTER DELETE ON posts_post BEGIN
        INSERT INTO posts_post_fts(posts_post_fts, rowid, title, description, body_text)
        VALUES ('delete', old.id, old.title, old.description, old.body_text);
    END
    """,
    """
    CREATE TRIGGER posts_post_fts_update AFTER UPDATE ON posts_post BEGIN
        INSERT INTO posts_post_fts(posts_post_fts, rowid, title, description, body_text)
        VALUES ('delete', old.id, old.title, old.description, old.body_text);
        INSERT INTO posts_post_fts(rowid, title, description, body_text)
        VALUES (new.id, new.title, new.description, new.body_text);
    END
    """,
    "INSERT INTO posts_post_fts(posts_post_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS posts_post_fts_insert",
    "DROP TRIGGER IF EXISTS posts_post_fts_delete",
    "DROP TRIGGER IF EXISTS posts_post_fts_update",
    "DROP TABLE IF EXISTS posts_post_fts",
]


def run_on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("posts", "0004_post_body_text")]

    operations = [
        migrations.RunPython(run_on_sqlite(SQLITE_CREATE), run_on_sqlite(SQLITE_DROP)),
    ]
