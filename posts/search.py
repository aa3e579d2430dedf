"""
Full-text search over published posts, with each database's own index (see
posts.search_index): FTS5 with bm25 on SQLite, a GIN-indexed tsvector with ts_rank
on PostgreSQL. Results come ranked, with a highlighted snippet; drafts never match
because every search is filtered by the condition of published().

SearchResults counts and slices like a queryset, so the paginator pages it. Each
page costs three queries whatever the size of the archive: the count, the ids of
the page in rank order (the index finds the matches, the rank is computed once per
match in one pass), and the page's posts with their snippets, which are drawn for
those posts only.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection
from django.db.models import Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import (
    Coalesce,
    Greatest,
    Least,
    Lower,
    NullIf,
    StrIndex,
    Substr,
)
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Post
from .search_index import FTS_TABLE, PG_CONFIG, PG_MATCHES, VISIBILITY_INDEX

# Private-use characters mark the matches in snippets; the snippet is escaped first
# and only then are they turned into <mark>, so no post text can inject markup.
MATCH_START, MATCH_END = "\ue000", "\ue001"
WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12
# The window of a post's body PostgreSQL draws its snippet from, and how far
# before the first match it opens.
HEADLINE_CHARS = 1500
HEADLINE_LEAD_CHARS = 300


def highlight(snippet):
    marked = escape(snippet or "")
    return mark_safe(
        marked.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")
    )


def fts5_query(text):
    """Turn what a reader typed into a safe FTS5 query: every word must match.

    Each word is quoted, so FTS5 operators typed by a reader are plain words; the
    porter tokenizer matches "caching" with "cache" and "cached".
    """
    return " ".join(f'"{word}"' for word in WORD.findall(text)[:MAX_WORDS])


def published_condition():
    """Return the SQL and parameters of published()'s WHERE clause."""
    query = Post.objects.published().query
    return query.get_compiler(connection=connection).compile(query.where)


class SqliteSearch:
    def __init__(self, text):
        self.match = fts5_query(text)
        self.matches_nothing = not self.match
        # One moment for the count and the page: both see the same posts.
        self.published = published_condition()

    def joined(self):
        published, params = self.published
        sql = (
            f"FROM {FTS_TABLE} JOIN posts_post INDEXED BY {VISIBILITY_INDEX} "
            f"ON posts_post.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND {published}"
        )
        return sql, [self.match, *params]

    def count_sql(self):
        sql, params = self.joined()
        return f"SELECT COUNT(*) {sql}", params

    def ranked_ids_sql(self):
        sql, params = self.joined()
        # Column weights: title, description, body.
        order = f"bm25({FTS_TABLE}, 10.0, 4.0, 1.0)"
        return f"SELECT posts_post.id {sql} ORDER BY {order}", params

    def snippet(self):
        return RawSQL(
            f"SELECT snippet({FTS_TABLE}, 2, %s, %s, '…', 24) FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s AND rowid = posts_post.id",
            [MATCH_START, MATCH_END, self.match],
        )


class PostgresqlSearch:
    def __init__(self, text):
        self.text = " ".join(WORD.findall(text)[:MAX_WORDS])
        self.matches_nothing = not self.text
        self.tsquery = f"plainto_tsquery('{PG_CONFIG}', %s)"
        self.published = published_condition()

    def joined(self):
        published, params = self.published
        sql = (
            f"FROM {PG_MATCHES}({self.tsquery}) AS matches "
            f"JOIN posts_post ON posts_post.id = matches.post_id WHERE {published}"
        )
        return sql, [self.text, *params]

    def count_sql(self):
        sql, params = self.joined()
        return f"SELECT COUNT(*) {sql}", params

    def ranked_ids_sql(self):
        sql, params = self.joined()
        return f"SELECT posts_post.id {sql} ORDER BY matches.rank DESC", params

    def snippet(self):
        # ts_headline parses all the text it is given, which costs as much as the
        # rest of the page: it is given a window of the body that starts a little
        # before the first of the reader's words found in it (the opening if none
        # is found as typed, e.g. only "cached" for "caching").
        found = [
            NullIf(StrIndex(Lower("body_text"), Value(word.lower())), 0)
            for word in self.text.split()
        ]
        first = Coalesce(Least(*found) if len(found) > 1 else found[0], 1)
        start = Greatest(first - HEADLINE_LEAD_CHARS, 1)
        return SearchHeadline(
            Substr("body_text", start, HEADLINE_CHARS),
            SearchQuery(self.text, search_type="plain", config=PG_CONFIG),
            config=PG_CONFIG,
            start_sel=MATCH_START,
            stop_sel=MATCH_END,
            max_words=40,
            min_words=20,
        )


class SearchResults:
    """The published posts matching text, best first, counted and sliced in the
    database: what a Paginator needs of an object list."""

    def __init__(self, text):
        engine = PostgresqlSearch if connection.vendor == "postgresql" else SqliteSearch
        self.engine = engine(text)
        self._count = None

    def count(self):
        if self._count is None:
            if self.engine.matches_nothing:
                self._count = 0
            else:
                with connection.cursor() as cursor:
                    cursor.execute(*self.engine.count_sql())
                    (self._count,) = cursor.fetchone()
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.stop is None or window.step:
            raise TypeError("Search results are read a page (a slice) at a time.")
        start = window.start or 0
        if self.engine.matches_nothing or window.stop <= start:
            return []
        return self.page(start, window.stop)

    def page(self, start, stop):
        sql, params = self.engine.ranked_ids_sql()
        # Equal ranks fall back to the newest first, as every list of posts does.
        sql += ", posts_post.published_at DESC, posts_post.id DESC LIMIT %s OFFSET %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, stop - start, start])
            ids = [post_id for (post_id,) in cursor.fetchall()]
        if not ids:
            return []
        posts = (
            Post.objects.filter(pk__in=ids)
            .for_search()
            .annotate(snippet=self.engine.snippet())
            .in_bulk()
        )
        results = [posts[post_id] for post_id in ids if post_id in posts]
        for post in results:
            post.highlighted = highlight(post.snippet)
        return results


def search_posts(text):
    """Return every published post matching text, best first, as SearchResults."""
    return SearchResults(text)
