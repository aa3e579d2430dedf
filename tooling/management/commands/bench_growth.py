"""
How each page's cost grows with the archive: the demo grown to 100, 1,000 and
10,000 posts in a scratch database, each page timed in process with the page cache
off. A page whose cost stays flat takes about as long at 10,000 posts as at 100.

The scratch database is made the way the test runner makes one (a "test_" copy of
DATABASE_URL's database: a file of its own for SQLite, a database of its own on
PostgreSQL) and dropped at the end, so the site's own data is never touched.
"""

import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from blogcraft.page_cache import forget_content_state
from demo.loader import load_demo
from posts.models import Post, Tag

from ._growth_corpus import grow_to, rendered_variants

SIZES = (100, 1_000, 10_000)
SERIES_PAGE = "/series/from-chat-to-agent/"
# Flat enough: what the issue on growing archives asks of paginated pages.
FLAT_RATIO = 1.5
SLOW_MS = 2000


def bench_pages(admin_path):
    """Return [(name, path)] for the pages to time, some chosen from the data."""
    published = Post.objects.published()
    count = published.count()
    pages = -(-count // settings.BLOGCRAFT_POSTS_PER_PAGE)
    middle = published.order_by("published_at").values_list("published_at", flat=True)
    year = middle[count // 2].year
    tag = Tag.objects.order_by("pk").values_list("slug", flat=True)[0]
    return [
        ("home", "/"),
        ("blog index, page 1", "/blog/"),
        ("blog index, deep page", f"/blog/{max(pages // 2, 2)}/"),
        ("series list", "/series/"),
        ("series page", SERIES_PAGE),
        ("tag page", f"/tags/{tag}/"),
        ("archive index", "/archive/"),
        ("archive year page", f"/archive/{year}/"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap section (posts)", "/sitemap-posts.xml"),
        ("search", "/search/?q=caching"),
        ("RSS feed", "/rss.xml"),
        ("admin post list", f"/{admin_path}posts/post/"),
    ]


@dataclass
class Timing:
    """A page's medians at one size: CPU time (what the page costs this process,
    steady when others share the machine) and wall time (what a reader waits)."""

    cpu_ms: float | None
    wall_ms: float | None
    queries: int | None
    kilobytes: float | None
    status: int


def timed(client, path, repeat):
    """Return the Timing of GETs of path, after a warm-up."""
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    def one_request():
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        cpu_times.append((time.process_time() - cpu) * 1000)
        wall_times.append((time.perf_counter() - wall) * 1000)
        return response

    client.get(path)  # templates compiled, the content's state computed
    cpu_times, wall_times = [], []
    with connection.execute_wrapper(count):
        response = one_request()
    if response.status_code != 200:
        return Timing(None, None, None, None, response.status_code)
    # A page that takes seconds is slow whatever the median: time it less often.
    for _ in range(repeat - 1 if wall_times[0] < SLOW_MS else 2):
        one_request()
    return Timing(
        statistics.median(cpu_times),
        statistics.median(wall_times),
        len(queries),
        len(response.content) / 1024,
        200,
    )


class Command(BaseCommand):
    help = (
        "Grow a scratch copy of the demo to 100, 1,000 and 10,000 posts and print "
        "each page's time by size (in process, page cache off)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes",
            default=",".join(str(size) for size in SIZES),
            help="Comma-separated numbers of posts, in increasing order.",
        )
        parser.add_argument(
            "--repeat", type=int, default=7, help="Requests timed per page and size."
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Keep the scratch database after the run, to inspect it (SQLite: "
            "var/bench/growth.sqlite3).",
        )

    def handle(self, sizes, repeat, keep, **options):
        sizes = sorted(int(size) for size in sizes.split(","))
        with tempfile.TemporaryDirectory(prefix="blogcraft-growth-") as scratch:
            scratch = Path(scratch)
            with override_settings(
                ALLOWED_HOSTS=["testserver"],
                BLOGCRAFT_PAGE_CACHE_SECONDS=0,
                CACHES={
                    "default": {
                        "BACKEND": "django.core.cache.backends.locmem.LocMemCache"
                    }
                },
                MEDIA_ROOT=scratch / "media",
                # Static files as they are in the tree: no collectstatic needed.
                STORAGES={
                    **settings.STORAGES,
                    "staticfiles": {
                        "BACKEND": "django.contrib.staticfiles.storage."
                        "StaticFilesStorage"
                    },
                },
            ):
                results = self.measure(sizes, repeat, keep, scratch)
        self.report(sizes, results)

    def measure(self, sizes, repeat, keep, scratch):
        """Return {page name: {size: (ms, queries, KB, status)}}."""
        test_settings = connection.settings_dict.setdefault("TEST", {})
        if connection.vendor == "sqlite":
            folder = Path(settings.BASE_DIR) / "var" / "bench" if keep else scratch
            folder.mkdir(parents=True, exist_ok=True)
            test_settings["NAME"] = str(folder / "growth.sqlite3")
        original_name = connection.settings_dict["NAME"]
        scratch_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        self.stderr.write(f"Scratch database: {scratch_name}")
        try:
            return self.measure_sizes(sizes, repeat)
        finally:
            if keep:
                connection.close()
                connection.settings_dict["NAME"] = original_name
            else:
                connection.creation.destroy_test_db(original_name, verbosity=0)

    def measure_sizes(self, sizes, repeat):
        load_demo()
        variants = rendered_variants()
        admin = get_user_model().objects.create_superuser("bench", "", "bench")
        reader, editor = Client(), Client()
        editor.force_login(admin)
        results = {}
        for size in sizes:
            started = time.perf_counter()
            added = grow_to(size, variants)
            forget_content_state()
            # Statistics, and on PostgreSQL the visibility map that index-only scans
            # need: what autovacuum gives a real site after a bulk load.
            with connection.cursor() as cursor:
                cursor.execute(
                    "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
                )
            self.stderr.write(
                f"{Post.objects.count()} posts (+{added} in "
                f"{time.perf_counter() - started:.0f} s); timing pages…"
            )
            for name, path in bench_pages(settings.ADMIN_PATH):
                client = editor if name.startswith("admin") else reader
                results.setdefault(name, {})[size] = timed(client, path, repeat)
        return results

    def report(self, sizes, results):
        for title, measure in [
            ("CPU time, ms (the page's own cost)", "cpu_ms"),
            ("Wall time, ms (with waiting for a shared CPU)", "wall_ms"),
        ]:
            self.stdout.write(title)
            self.report_table(sizes, results, measure)
            self.stdout.write("")
        self.stdout.write(
            f"growth: time at {sizes[-1]:,} posts over time at {sizes[0]:,}; ! marks "
            f"more than {FLAT_RATIO}×. Queries and KB: at {sizes[-1]:,} posts."
        )

    def report_table(self, sizes, results, measure):
        first, last = sizes[0], sizes[-1]
        header = "".join(f"{f'{size:,}':>10}" for size in sizes)
        self.stdout.write(f"{'page':<26}{header}{'growth':>8}{'queries':>9}{'KB':>6}")
        for name, by_size in results.items():
            times = {size: getattr(by_size[size], measure) for size in sizes}
            cells = "".join(
                f"{times[size]:>10.1f}"
                if times[size] is not None
                else f"{by_size[size].status:>10}"
                for size in sizes
            )
            if times[first] and times[last]:
                growth = times[last] / times[first]
                verdict = f"{growth:>7.1f}×" + (" " if growth <= FLAT_RATIO else "!")
            else:
                verdict = f"{'—':>8} "
            timing = by_size[last]
            queries = "—" if timing.queries is None else timing.queries
            size = "—" if timing.kilobytes is None else round(timing.kilobytes)
            self.stdout.write(f"{name:<26}{cells}{verdict}{queries:>8}{size:>6}")
