"""
How long the search page takes as the archive grows.

The command adds generated posts (slugs starting "bench-") to the configured
database until it holds each size asked for, then times GET /search/?q=… through
the whole Django stack. Run it on a scratch database, never on the site's own:

    BLOGCRAFT_VAR_DIR=var/bench-search manage.py migrate
    BLOGCRAFT_VAR_DIR=var/bench-search manage.py bench_search --sizes 100 2000 10000

and likewise with DATABASE_URL set for PostgreSQL. --remove deletes the generated
posts afterwards.
"""

import math
import random
import statistics
import time
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from posts.models import Post
from posts.search import search_posts

SLUG_PREFIX = "bench-"
WORDS_PER_POST = 1200
VOCABULARY_SIZE = 5000
SYLLABLES = "ka lo mi ne su ta ri po ve da ju an el or is um".split()  # noqa: SIM905
# Where the searched words stand in the vocabulary's Zipf ranking: at 800 a word is
# in about one post in six, at 40 in nearly all, at 4000 in about one in thirty.
PLACED_WORDS = {"caching": 800, "database": 40, "idempotent": 4000}


def vocabulary():
    """Return VOCABULARY_SIZE distinct words, the searched ones at their ranks."""
    chooser = random.Random(7)
    words = []
    seen = set(PLACED_WORDS)
    while len(words) < VOCABULARY_SIZE:
        word = "".join(chooser.choices(SYLLABLES, k=chooser.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    for word, rank in sorted(PLACED_WORDS.items(), key=lambda item: item[1]):
        words.insert(rank, word)
    return words[:VOCABULARY_SIZE]


def generated_posts(first, count):
    """Yield unsaved published posts numbered from first, each about 1,200 words."""
    words = vocabulary()
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    chooser = random.Random(first)
    start = timezone.now() - timedelta(days=3650)
    for number in range(first, first + count):
        body_words = chooser.choices(words, weights, k=WORDS_PER_POST)
        paragraphs = [
            " ".join(body_words[index : index + 100]).capitalize() + "."
            for index in range(0, WORDS_PER_POST, 100)
        ]
        text = "\n\n".join(paragraphs)
        html = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
        title = " ".join(chooser.choices(words, weights, k=5)).capitalize()
        yield Post(
            title=title,
            slug=f"{SLUG_PREFIX}{number:05d}",
            description=" ".join(chooser.choices(words, weights, k=20)).capitalize(),
            body=text,
            body_html=html,
            body_text=text,
            feed_html=html,
            word_count=WORDS_PER_POST,
            reading_minutes=5,
            status=Post.Status.PUBLISHED,
            published_at=start + timedelta(hours=number * 8),
        )


def grow_to(size, batch_size=500):
    """Add generated posts until the database holds size posts in all."""
    missing = size - Post.objects.count()
    first = Post.objects.filter(slug__startswith=SLUG_PREFIX).count() + 1
    posts = generated_posts(first, max(missing, 0))
    while batch := [post for _, post in zip(range(batch_size), posts, strict=False)]:
        with transaction.atomic():
            Post.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        # What autovacuum does to a table that grew: statistics for the planner,
        # and the GIN index's own, without which it looks too dear to use.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE posts_post, posts_post_search")


def time_page(client, path, runs):
    """Return the fastest and the median wall-clock milliseconds of GET path, the
    fastest in this process's CPU time, and the number of queries.

    On a shared machine the wall clock counts the time other processes held the
    CPU; the fastest run and the CPU time (all of it for SQLite, which runs in this
    process) say more about the page itself.
    """
    client.get(path)  # warm connection, templates and the database's pages
    walls, cpus = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        cpus.append((time.process_time() - started_cpu) * 1000)
        walls.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return min(walls), statistics.median(walls), min(cpus), len(queries)


class Command(BaseCommand):
    help = (
        "Grow a scratch database to each size with generated posts and time the "
        "search page at each (adds posts: never run it on the site's database)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[100, 2000, 10000])
        parser.add_argument(
            "--queries", nargs="+", default=["caching", "database", "idempotent"]
        )
        parser.add_argument("--runs", type=int, default=9)
        parser.add_argument(
            "--remove", action="store_true", help="Delete the generated posts."
        )

    def handle(self, sizes, queries, runs, remove, **options):
        # Pages name their stylesheets by the manifest of collectstatic, which a
        # scratch checkout may not have run: the plain storage needs none.
        storages = settings.STORAGES | {
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
            }
        }
        with override_settings(STORAGES=storages):
            self.measure(sizes, queries, runs, remove)

    def measure(self, sizes, queries, runs, remove):
        if remove:
            deleted, _ = Post.objects.filter(slug__startswith=SLUG_PREFIX).delete()
            self.stdout.write(f"Deleted {deleted} rows.")
            return
        client = Client(HTTP_HOST="localhost")
        self.stdout.write(f"{connection.vendor}")
        header = ("posts", "query", "page", "results", "min ms", "median", "CPU ms")
        row = "{:>7} {:<12}{:>5}{:>8}{:>8}{:>8}{:>8}  {}"
        self.stdout.write(row.format(*header, "queries"))
        for size in sorted(sizes):
            grow_to(size)
            total = Post.objects.count()
            for query in queries:
                results = search_posts(query).count()
                last = max(1, math.ceil(results / settings.BLOGCRAFT_POSTS_PER_PAGE))
                for page in sorted({1, last}):
                    path = f"/search/?q={query}&page={page}"
                    fastest, median, cpu, count = time_page(client, path, runs)
                    timings = (f"{fastest:.1f}", f"{median:.1f}", f"{cpu:.1f}")
                    self.stdout.write(
                        row.format(total, query, page, results, *timings, count)
                    )
