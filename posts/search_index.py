"""
SQLite's full-text index of posts: an FTS5 table over title, description and plain
body, kept in step by triggers so that every write (saves, queryset updates, raw
SQL) reaches it.

SQLite rebuilds a table for many schema changes, and dropping the old table drops its
triggers: ensure_search_index() runs after every migrate and restores what is missing.
PostgreSQL ranks with its own tsvector functions and needs none of this.
"""

FTS_TABLE = "posts_post_fts"
COLUMNS = "title, description, body_text"
STATEMENTS = {
    FTS_TABLE: f"""
        CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
            {COLUMNS}, content='posts_post', content_rowid='id',
            tokenize='porter unicode61'
        )""",
    f"{FTS_TABLE}_insert": f"""
        CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON posts_post BEGIN
            INSERT INTO {FTS_TABLE}(rowid, {COLUMNS})
            VALUES (new.id, new.title, new.description, new.body_text);
        END""",
    f"{FTS_TABLE}_delete": f"""
        CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON posts_post BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {COLUMNS})
            VALUES ('delete', old.id, old.title, old.description, old.body_text);
        END""",
    f"{FTS_TABLE}_update": f"""
        CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE ON posts_post BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {COLUMNS})
            VALUES ('delete', old.id, old.title, old.description, old.body_text);
            INSERT INTO {FTS_TABLE}(rowid, {COLUMNS})
            VALUES (new.id, new.title, new.description, new.body_text);
        END""",
}


def ensure_search_index(connection):
    """Create the index and its triggers where missing; rebuild it if any was."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        placeholders = ", ".join("%s" for _ in STATEMENTS)
        cursor.execute(
            f"SELECT name FROM sqlite_master WHERE name IN ({placeholders})",
            list(STATEMENTS),
        )
        existing = {name for (name,) in cursor.fetchall()}
        missing = [name for name in STATEMENTS if name not in existing]
        for name in missing:
            cursor.execute(STATEMENTS[name])
        if missing:
            # Writes made while a trigger was missing never reached the index.
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def drop_search_index(connection):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in reversed(list(STATEMENTS)):
            kind = "TABLE" if name == FTS_TABLE else "TRIGGER"
            cursor.execute(f"DROP {kind} IF EXISTS {name}")
