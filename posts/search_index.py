"""
The full-text index of posts, in each database's own engine, kept in step by the
database itself so that every write (saves, queryset updates, raw SQL) reaches it.

SQLite: an FTS5 table over title, description and plain body, kept by triggers.
SQLite rebuilds a table for many schema changes, and dropping the old table drops its
triggers: ensure_search_index() runs after every migrate and restores what is missing.

PostgreSQL: a table of tsvector documents, one per post (title weighted A,
description B, body C) under a GIN index, kept by a trigger. Apart from posts_post,
so that no migration of a post's columns has to know about it.
"""

FTS_TABLE = "posts_post_fts"
COLUMNS = "title, description, body_text"
# published()'s columns, beside the id: a match is checked against published()
# without reading the post's row, whose large body columns come before them and
# would be read through on every match.
VISIBILITY_INDEX = "posts_post_search_visibility"
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
    VISIBILITY_INDEX: f"""
        CREATE INDEX {VISIBILITY_INDEX} ON posts_post (id, status, published_at)""",
}


PG_CONFIG = "english"
PG_TABLE = "posts_post_search"
PG_MATCHES = f"{PG_TABLE}_matches"
# How much of the body the ranked summary holds: what a post opens with.
PG_SUMMARY_BODY_CHARS = 1000


def pg_vector(body):
    return f"""
    setweight(to_tsvector('{PG_CONFIG}', coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('{PG_CONFIG}', coalesce(NEW.description, '')), 'B')
    || setweight(to_tsvector('{PG_CONFIG}', {body}), 'C')"""


# document, the whole post, is what the GIN index matches. Ranking reads a vector
# for every match, and a whole post's is stored out of line (TOAST): a second
# lookup and a decompression per match. summary (title, description, the body's
# opening) stays in the row, so that ranking a thousand matches reads no more than
# the table's own pages.
PG_DOCUMENT = pg_vector("coalesce(NEW.body_text, '')")
PG_SUMMARY = pg_vector(f"left(coalesce(NEW.body_text, ''), {PG_SUMMARY_BODY_CHARS})")
PG_STATEMENTS = [
    # No foreign key: a flush truncates posts_post, which a reference would refuse.
    f"""
    CREATE TABLE IF NOT EXISTS {PG_TABLE} (
        post_id bigint PRIMARY KEY,
        document tsvector NOT NULL,
        summary tsvector NOT NULL
    ) WITH (toast_tuple_target = 8160)""",
    f"ALTER TABLE {PG_TABLE} ALTER COLUMN summary SET STORAGE MAIN",
    # Without a pending list (fastupdate): posts are written seldom and read often,
    # and a list the planner must expect to scan makes the index look too dear.
    f"""
    CREATE INDEX IF NOT EXISTS {PG_TABLE}_document
    ON {PG_TABLE} USING GIN (document) WITH (fastupdate = off)""",
    f"ALTER INDEX {PG_TABLE}_document SET (fastupdate = off)",
    f"""
    CREATE OR REPLACE FUNCTION {PG_TABLE}_write() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM {PG_TABLE} WHERE post_id = OLD.id;
        ELSE
            INSERT INTO {PG_TABLE} (post_id, document, summary)
            VALUES (NEW.id, {PG_DOCUMENT}, {PG_SUMMARY})
            ON CONFLICT (post_id) DO UPDATE
            SET document = EXCLUDED.document, summary = EXCLUDED.summary;
        END IF;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql""",
    f"""
    CREATE OR REPLACE TRIGGER {PG_TABLE}_write
    AFTER INSERT OR DELETE OR UPDATE OF title, description, body_text ON posts_post
    FOR EACH ROW EXECUTE FUNCTION {PG_TABLE}_write()""",
    # The planner counts the pages of a table, not the out-of-line documents a
    # sequential scan would read and decompress for every post: with a word in
    # most posts, it chose to, at ten times the cost of the GIN index. The matches
    # come from a function that allows no other plan (a function with settings of
    # its own is never inlined, so they hold for its query alone), ranked by the
    # summary.
    f"""
    CREATE OR REPLACE FUNCTION {PG_MATCHES}(query tsquery)
    RETURNS TABLE (post_id bigint, rank real)
    LANGUAGE sql STABLE
    SET enable_seqscan = off SET enable_indexscan = off
    AS $$
        SELECT post_id, ts_rank(summary, query) FROM {PG_TABLE}
        WHERE document @@ query
    $$""",
    # Posts written while the trigger was missing.
    f"""
    INSERT INTO {PG_TABLE} (post_id, document, summary)
    SELECT NEW.id, {PG_DOCUMENT}, {PG_SUMMARY} FROM posts_post AS NEW
    WHERE NOT EXISTS (SELECT 1 FROM {PG_TABLE} WHERE post_id = NEW.id)""",
]


def ensure_search_index(connection):
    """Create the index (and SQLite's triggers) where missing; rebuild it if any
    part was."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for statement in PG_STATEMENTS:
                cursor.execute(statement)
        return
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
        if set(missing) - {VISIBILITY_INDEX}:
            # Writes made while a trigger was missing never reached the index.
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def drop_search_index(connection):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER IF EXISTS {PG_TABLE}_write ON posts_post")
            cursor.execute(f"DROP FUNCTION IF EXISTS {PG_TABLE}_write()")
            cursor.execute(f"DROP FUNCTION IF EXISTS {PG_MATCHES}(tsquery)")
            cursor.execute(f"DROP TABLE IF EXISTS {PG_TABLE}")
        return
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in reversed(list(STATEMENTS)):
            kind = {FTS_TABLE: "TABLE", VISIBILITY_INDEX: "INDEX"}.get(name, "TRIGGER")
            cursor.execute(f"DROP {kind} IF EXISTS {name}")
