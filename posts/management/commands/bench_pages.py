"""
Requests per second for the site's pages, as ratios to a static file served by the
same server. These machines are noisy: compare the ratios, not the absolute numbers.
"""

import http.client
import threading
import time
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand

PAGES = {
    "static file": "/static/css/site.css",
    "home": "/",
    "post": "/blog/chat-to-agent-03-system-prompts-personas/",
    "series": "/series/from-chat-to-agent/",
    "tag": "/tags/ai/",
    "feed": "/rss.xml",
}
# What the reading-experience issue asks of each page, as a share of the static rate.
TARGETS = {"home": 0.5, "post": 0.5, "series": 0.5, "tag": 0.5, "feed": 0.5}


def measure(base_url, path, seconds, connections, headers=None):
    """Return (requests per second, error count) for GETs of path."""
    address = urlsplit(base_url)
    counts, errors = [0] * connections, [0] * connections
    deadline = time.monotonic() + seconds

    def worker(index):
        while time.monotonic() < deadline:
            connection = http.client.HTTPConnection(
                address.hostname, address.port, timeout=10
            )
            try:
                connection.request("GET", path, headers=headers or {})
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[index] += 1
                counts[index] += 1
            except OSError:
                errors[index] += 1
            finally:
                connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - started), sum(errors)


def etag_of(base_url, path):
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return response.getheader("ETag")


class Command(BaseCommand):
    help = (
        "Measure requests per second for home, a post, a series, a tag page and the "
        "feed against a static file on a running server (bounded; loopback only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8765")
        parser.add_argument("--seconds", type=float, default=5.0)
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument(
            "--uncached-url",
            help="A second server with the page cache off, for the post page "
            "rendered from scratch.",
        )

    def handle(self, url, seconds, connections, uncached_url, **options):
        host = urlsplit(url).hostname
        if host not in {"127.0.0.1", "localhost", "::1"}:
            self.stderr.write("The benchmark only targets servers on this machine.")
            return
        static_rate, _ = measure(url, PAGES["static file"], seconds, connections)
        self.stdout.write(f"{'page':<28}{'req/s':>10}{'ratio':>8}{'target':>8}")
        self.stdout.write(f"{'static file':<28}{static_rate:>10.0f}{1:>8.2f}")
        rows = []
        for name, path in list(PAGES.items())[1:]:
            etag_of(url, path)  # warm the cache
            rows.append(
                (
                    f"{name} (cached)",
                    *measure(url, path, seconds, connections),
                    TARGETS.get(name),
                )
            )
        post = PAGES["post"]
        rows.append(
            (
                "post (304, conditional GET)",
                *measure(
                    url,
                    post,
                    seconds,
                    connections,
                    {"If-None-Match": etag_of(url, post)},
                ),
                0.5,
            )
        )
        if uncached_url:
            rows.append(
                (
                    "post (rendered from scratch)",
                    *measure(uncached_url, post, seconds, connections),
                    0.1,
                )
            )
        for name, rate, errors, target in rows:
            ratio = rate / static_rate
            verdict = "" if target is None else ("ok" if ratio >= target else "BELOW")
            self.stdout.write(
                f"{name:<28}{rate:>10.0f}{ratio:>8.2f}{target or '':>8} {verdict}"
                + (f"  {errors} errors" if errors else "")
            )
