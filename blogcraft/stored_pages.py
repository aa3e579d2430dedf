"""
Pages as the page cache keeps them: the bytes in every content-coding, compressed once.

A page is stored under the content state it was rendered from (see
blogcraft.page_cache), and a new state gets new keys, so what is stored under a key
never changes. Each worker process therefore also keeps the pages it served last in
its own memory, within a bound, and asks the shared cache only for the others: a
cached page then costs no cache read, no unpickling and no decompression of the
cache's file format.
"""

import hashlib
import logging
import pickle
import threading
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from .compression import CODINGS, compress
from .content_security import HEADER, policy_header

logger = logging.getLogger(__name__)

# Per worker process; the demo site's pages and feeds take about 3 MB in all codings.
LOCAL_MEMORY_BYTES = 16 * 1024 * 1024


class StoredPage(NamedTuple):
    content_type: str
    # The page's own Content-Security-Policy (a post's diagrams may widen it), built
    # once: public pages use no nonce, and a page that did could not be shared.
    csp: str
    bodies: dict  # content-coding (None: uncompressed) -> bytes

    @classmethod
    def from_response(cls, response, codings):
        content = response.content
        bodies = {None: content} | {c: compress(content, c) for c in codings}
        return cls(response["Content-Type"], policy_header(response), bodies)

    def size(self):
        return sum(len(body) for body in self.bodies.values())

    def response(self, coding):
        body = self.bodies[coding]
        response = HttpResponse(body, content_type=self.content_type)
        response["Content-Length"] = str(len(body))
        if coding is not None:
            response["Content-Encoding"] = coding
        if self.csp:
            response[HEADER] = self.csp
        return response


class StoredPages:
    """The shared page cache, with the pages used last kept in process, by path.

    A page is stored under its content state and full path; in process, each path
    keeps the page of one state, the latest asked for.
    """

    def __init__(self, local_bytes):
        self.local_bytes = local_bytes
        self.local = OrderedDict()  # full path -> (state, StoredPage)
        self.local_size = 0
        self.lock = threading.Lock()

    def knows(self, path):
        """Whether path was served as a cached page here lately (in any state)."""
        return path in self.local

    def get(self, state, path):
        with self.lock:
            kept = self.local.get(path)
            if kept is not None and kept[0] == state:
                self.local.move_to_end(path)
                return kept[1]
        try:
            page = cache.get(shared_key(state, path))
        except (ImportError, AttributeError, TypeError, pickle.UnpicklingError):
            # Kept by an older release in a shape this one cannot read: a miss.
            logger.warning("Unreadable cached page for %s", path, exc_info=True)
            page = None
        if page is not None:
            self.keep(state, path, page)
        return page

    def store(self, state, path, response, coding):
        """Return response as a StoredPage, stored unless the page cache is off.

        With the cache off, only the coding this request wants is compressed.
        """
        seconds = settings.BLOGCRAFT_PAGE_CACHE_SECONDS
        if seconds <= 0:
            return StoredPage.from_response(response, [coding] if coding else [])
        page = StoredPage.from_response(response, CODINGS)
        cache.set(shared_key(state, path), page, timeout=seconds)
        self.keep(state, path, page)
        return page

    def forget_local(self):
        with self.lock:
            self.local.clear()
            self.local_size = 0

    def keep(self, state, path, page):
        size = page.size()
        if size > self.local_bytes:
            return
        with self.lock:
            replaced = self.local.pop(path, None)
            if replaced is not None:
                self.local_size -= replaced[1].size()
            self.local[path] = (state, page)
            self.local_size += size
            while self.local_size > self.local_bytes:
                _, (_, dropped) = self.local.popitem(last=False)
                self.local_size -= dropped.size()


def page_format():
    """A name for how StoredPage is pickled: where it lives and what it holds.

    A release that moves or reshapes it reads and writes other keys, so it never
    unpickles what an older release stored in a shared cache (pages outlive deploys).
    """
    shape = f"{StoredPage.__module__}.{StoredPage.__qualname__}{StoredPage._fields}"
    return hashlib.sha256(shape.encode()).hexdigest()[:8]


PAGE_FORMAT = page_format()


def shared_key(state, path):
    return f"page:{PAGE_FORMAT}:{state}:{path}"


stored_pages = StoredPages(LOCAL_MEMORY_BYTES)
