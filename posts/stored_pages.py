"""
Pages as the page cache keeps them: the bytes in every content-coding, compressed once.

A key names the content state its page was rendered from (see posts.caching), and a
new state gets new keys, so what is stored under a key never changes. Each worker
process therefore also keeps the pages it served last in its own memory, within a
bound, and asks the shared cache only for the others: a cached page then costs no
cache read, no unpickling and no decompression of the cache's own file format.
"""

import threading
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from .compression import CODINGS, compress

# Per worker process; the demo site's pages and feeds take about 3 MB in all codings.
LOCAL_MEMORY_BYTES = 16 * 1024 * 1024


class StoredPage(NamedTuple):
    content_type: str
    csp: dict | None  # a page may widen the Content-Security-Policy (diagrams)
    bodies: dict  # content-coding (None: uncompressed) -> bytes

    @classmethod
    def from_response(cls, response, codings):
        content = response.content
        bodies = {None: content} | {c: compress(content, c) for c in codings}
        return cls(
            response["Content-Type"], getattr(response, "_csp_config", None), bodies
        )

    def size(self):
        return sum(len(body) for body in self.bodies.values())

    def response(self, coding):
        response = HttpResponse(self.bodies[coding], content_type=self.content_type)
        if coding is not None:
            response["Content-Encoding"] = coding
        if self.csp is not None:
            response._csp_config = self.csp
        return response


class StoredPages:
    """The shared page cache, with the most recently used pages kept in process."""

    def __init__(self, local_bytes):
        self.local_bytes = local_bytes
        self.local = OrderedDict()
        self.local_size = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            page = self.local.get(key)
            if page is not None:
                self.local.move_to_end(key)
                return page
        page = cache.get(key)
        if page is not None:
            self.keep(key, page)
        return page

    def store(self, key, response, coding):
        """Return response as a StoredPage, stored unless the page cache is off.

        With the cache off, only the coding this request wants is compressed.
        """
        seconds = settings.BLOGCRAFT_PAGE_CACHE_SECONDS
        if seconds <= 0:
            return StoredPage.from_response(response, [coding] if coding else [])
        page = StoredPage.from_response(response, CODINGS)
        cache.set(key, page, timeout=seconds)
        self.keep(key, page)
        return page

    def keep(self, key, page):
        size = page.size()
        if size > self.local_bytes:
            return
        with self.lock:
            if key in self.local:
                return
            self.local[key] = page
            self.local_size += size
            while self.local_size > self.local_bytes:
                _, dropped = self.local.popitem(last=False)
                self.local_size -= dropped.size()


stored_pages = StoredPages(LOCAL_MEMORY_BYTES)
