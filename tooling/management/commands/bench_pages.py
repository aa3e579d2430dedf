"""
Requests per second for the site's pages and feeds, as ratios to a static file served
by a minimal Django + WhiteNoise app (tooling/baseline_app.py) on this machine.

These machines are noisy and shared: every round measures the baseline and then each
page, each ratio is taken within its round, and the median of the rounds is printed.
The load comes from processes of its own (threads with kept-alive connections, as
browsers use), and the share of the CPU they took is printed, so that a result
limited by the load generator rather than the server shows as such.
"""

import http.client
import multiprocessing
import statistics
import threading
import time
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand

from tooling.loadtest import LOOPBACK_HOSTS

STATIC_FILE = "/static/css/site.css"
POST = "/blog/chat-to-agent-03-system-prompts-personas/"
# name -> (path, the share of the baseline's rate it should reach)
CACHED_PAGES = {
    "static file (Blogcraft)": (STATIC_FILE, 1.0),
    "home": ("/", 0.8),
    "blog index": ("/blog/", 0.8),
    "post": (POST, 0.8),
    "series": ("/series/from-chat-to-agent/", 0.8),
    "tag": ("/tags/ai/", 0.8),
    "feed (RSS)": ("/rss.xml", 0.8),
    "feed (Atom)": ("/atom.xml", 0.8),
    "feed (JSON)": ("/feed.json", 0.8),
    "sitemap": ("/sitemap.xml", 0.8),
}
NOT_MODIFIED_TARGET = 0.8
UNCACHED_TARGET = 0.15
BROWSER_HEADERS = {"Accept-Encoding": "gzip, br"}


def load_process(address, path, headers, seconds, threads, results):
    """Send GETs from threads over kept-alive connections; report to results."""
    host, port = address
    counts, errors = [0] * threads, [0] * threads
    deadline = time.monotonic() + seconds

    def worker(index):
        connection = None
        while time.monotonic() < deadline:
            if connection is None:
                connection = http.client.HTTPConnection(host, port, timeout=10)
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[index] += 1
                counts[index] += 1
                if response.will_close:
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                connection.close()
                connection = None
        if connection is not None:
            connection.close()

    cpu_started = time.process_time()
    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    results.put((sum(counts), sum(errors), time.process_time() - cpu_started))


def measure(base_url, path, seconds, processes, threads, headers=None):
    """Return (requests per second, errors, CPU cores the load generator used)."""
    address = urlsplit(base_url)
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    loaders = [
        context.Process(
            target=load_process,
            args=(
                (address.hostname, address.port),
                path,
                {**BROWSER_HEADERS, **(headers or {})},
                seconds,
                threads,
                results,
            ),
        )
        for _ in range(processes)
    ]
    started = time.monotonic()
    for loader in loaders:
        loader.start()
    reports = [results.get() for _ in loaders]
    for loader in loaders:
        loader.join()
    elapsed = time.monotonic() - started
    requests, errors, cpu = (sum(column) for column in zip(*reports, strict=True))
    return requests / elapsed, errors, cpu / elapsed


def get(base_url, path, headers=None):
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request("GET", path, headers={**BROWSER_HEADERS, **(headers or {})})
        response = connection.getresponse()
        response.read()
        return response
    finally:
        connection.close()


class Command(BaseCommand):
    help = (
        "Measure requests per second for Blogcraft's static files, cached pages and "
        "feeds, a 304 and an uncached post, as ratios to a minimal Django + "
        "WhiteNoise app serving a static file (servers on this machine only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8765")
        parser.add_argument(
            "--baseline-url",
            default="http://127.0.0.1:8767",
            help="The minimal Django + WhiteNoise app (tooling/baseline_app.py).",
        )
        parser.add_argument(
            "--uncached-url",
            help="A second Blogcraft with the page cache off, for the post page "
            "rendered from scratch.",
        )
        parser.add_argument("--seconds", type=float, default=3.0)
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--processes", type=int, default=2)
        parser.add_argument("--threads", type=int, default=8, help="per process")

    def handle(self, url, baseline_url, uncached_url, rounds, **options):
        urls = [url, baseline_url, uncached_url]
        if any(u and urlsplit(u).hostname not in LOOPBACK_HOSTS for u in urls):
            self.stderr.write("The benchmark only targets servers on this machine.")
            return
        load = {key: options[key] for key in ("seconds", "processes", "threads")}
        rows = {
            name: (url, path, {}, target)
            for name, (path, target) in CACHED_PAGES.items()
        }
        etag = get(url, POST).getheader("ETag")
        rows["post (304, conditional GET)"] = (
            url,
            POST,
            {"If-None-Match": etag},
            NOT_MODIFIED_TARGET,
        )
        if uncached_url:
            rows["post (rendered from scratch)"] = (
                uncached_url,
                POST,
                {},
                UNCACHED_TARGET,
            )
        for row_url, path, headers, _ in rows.values():
            get(row_url, path, headers)  # warm every worker's way to the page
        baselines, ratios, rates, cores = [], {}, {}, {}
        for number in range(1, rounds + 1):
            self.stderr.write(f"Round {number} of {rounds}")
            baseline, _, baseline_cores = measure(baseline_url, STATIC_FILE, **load)
            baselines.append(baseline)
            cores.setdefault("baseline", []).append(baseline_cores)
            for name, (row_url, path, headers, _) in rows.items():
                rate, errors, used = measure(row_url, path, headers=headers, **load)
                if errors:
                    self.stderr.write(f"{name}: {errors} errors")
                ratios.setdefault(name, []).append(rate / baseline)
                rates.setdefault(name, []).append(rate)
                cores.setdefault(name, []).append(used)
        self.report(baselines, rows, ratios, rates, cores, rounds)

    def report(self, baselines, rows, ratios, rates, cores, rounds):
        median = statistics.median
        self.stdout.write(
            f"Medians of {rounds} rounds; the load generator's CPU in cores "
            "(the machine's are shared with the servers)."
        )
        self.stdout.write(
            f"{'':<34}{'req/s':>8}{'ratio':>7}{'target':>8}{'':>7}{'loader':>8}"
        )
        self.stdout.write(
            f"{'baseline: minimal Django static':<34}{median(baselines):>8.0f}"
            f"{1:>7.2f}{'':>15}{median(cores['baseline']):>8.2f}"
        )
        for name, (_, _, _, target) in rows.items():
            ratio = median(ratios[name])
            verdict = "ok" if ratio >= target else "BELOW"
            self.stdout.write(
                f"{name:<34}{median(rates[name]):>8.0f}{ratio:>7.2f}{target:>8.2f}"
                f"{verdict:>7}{median(cores[name]):>8.2f}"
            )
