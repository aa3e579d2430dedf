"""
Profile Blogcraft's request path in process: the whole WSGI application, middleware
included, called directly, with no server and no sockets in the way.

    BLOGCRAFT_VAR_DIR=var/bench python tooling/profile_pages.py [--uncached] [PATH]

Prints the functions that take the most time (cumulative and own) over many requests
for PATH, read from the page cache, or rendered from scratch with --uncached.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from wsgiref.util import setup_testing_defaults

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def environ_for(path, accept_encoding):
    environ = {
        "PATH_INFO": path,
        "REQUEST_METHOD": "GET",
        "SERVER_NAME": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
    }
    if accept_encoding:
        environ["HTTP_ACCEPT_ENCODING"] = accept_encoding
    setup_testing_defaults(environ)
    return environ


def call(application, path, accept_encoding):
    statuses = []
    body = application(
        environ_for(path, accept_encoding),
        lambda status, headers, exc_info=None: statuses.append(status),
    )
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return statuses[0], content


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("path", nargs="?", default="/blog/hello-world/")
    parser.add_argument("--uncached", action="store_true")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--accept-encoding", default="gzip, br")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--compare",
        help="another path (e.g. a static file) to time against PATH, unprofiled",
    )
    options = parser.parse_args()
    if options.uncached:
        os.environ["BLOGCRAFT_PAGE_CACHE_SECONDS"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blogcraft.settings")

    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    status, content = call(application, options.path, options.accept_encoding)
    print(f"{options.path}: {status}, {len(content)} bytes")
    if options.compare:
        compare(application, options)
        return
    started = time.perf_counter()
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(options.requests):
        call(application, options.path, options.accept_encoding)
    profile.disable()
    elapsed = time.perf_counter() - started
    print(f"{options.requests / elapsed:.0f} requests/s in process (profiled)")
    for order in ("cumulative", "tottime"):
        output = io.StringIO()
        pstats.Stats(profile, stream=output).sort_stats(order).print_stats(options.top)
        print(output.getvalue())


def compare(application, options):
    """Time PATH and --compare in alternation, and print the median ratio."""
    ratios = []
    for _ in range(7):
        rates = []
        for path in (options.path, options.compare):
            started = time.perf_counter()
            for _ in range(options.requests // 7):
                call(application, path, options.accept_encoding)
            rates.append(options.requests // 7 / (time.perf_counter() - started))
        ratios.append(rates[0] / rates[1])
        print(f"{rates[0]:.0f} and {rates[1]:.0f} requests/s")
    print(f"{options.path} / {options.compare}: {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
