"""
Full-text search over published posts, with each database's own engine: FTS5 on
SQLite, tsvector ranking on PostgreSQL. Results come ranked, with a highlighted
snippet; drafts never match because every search starts from published().
"""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Post

RESULT_LIMIT = 50
# Private-use characters mark the matches in snippets; the snippet is escaped first
# and only then are they turned into <mark>, so no post text can inject markup.
MATCH_START, MATCH_END = "\ue000", "\ue001"
WORD = re.compile(r"\w+", re.UNICODE)


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
    words = WORD.findall(text)[:12]
    return " ".join(f'"{word}"' for word in words)


def search_sqlite(text):
    match = fts5_query(text)
    if not match:
        return Post.objects.none()
    # Column weights: title, description, body.
    rank = RawSQL(
        "SELECT bm25(posts_post_fts, 10.0, 4.0, 1.0) FROM posts_post_fts "
        "WHERE posts_post_fts MATCH %s AND rowid = posts_post.id",
        [match],
    )
    snippet = RawSQL(
        "SELECT snippet(posts_post_fts, 2, %s, %s, '…', 24) FROM posts_post_fts "
        "WHERE posts_post_fts MATCH %s AND rowid = posts_post.id",
        [MATCH_START, MATCH_END, match],
    )
    matching = RawSQL(
        "SELECT rowid FROM posts_post_fts WHERE posts_post_fts MATCH %s", [match]
    )
    return (
        Post.objects.published()
        .filter(pk__in=matching)
        .annotate(rank=rank, snippet=snippet)
        .order_by("rank", "-published_at")
    )


def search_postgresql(text):
    query = SearchQuery(text, search_type="websearch", config="english")
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("description", weight="B", config="english")
        + SearchVector("body_text", weight="C", config="english")
    )
    return (
        Post.objects.published()
        .annotate(search=vector)
        .filter(search=query)
        .annotate(
            rank=SearchRank(vector, query),
            snippet=SearchHeadline(
                "body_text",
                query,
                config="english",
                start_sel=MATCH_START,
                stop_sel=MATCH_END,
                max_words=40,
                min_words=20,
            ),
        )
        .order_by("-rank", "-published_at")
    )


def search_posts(text):
    """Return up to RESULT_LIMIT published posts matching text, best first."""
    if connection.vendor == "postgresql":
        posts = search_postgresql(text)
    else:
        posts = search_sqlite(text)
    results = list(
        posts.select_related("category").defer("body", "body_html")[:RESULT_LIMIT]
    )
    for post in results:
        post.highlighted = highlight(post.snippet) if post.snippet else ""
    return results
