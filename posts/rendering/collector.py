"""Python's cyclic garbage collector waits while a body renders.

A body at the cap parses into hundreds of thousands of tokens, and every few
hundred allocations the collector walks the young ones, and now and then all of
them: a third of the rendering's time on the densest bodies. The tokens form no
cycles that need collecting while the rendering runs; what cycles they do form
are collected once it is over. The collector is shared by the process, so
renderings in other threads count: it resumes when the last one ends, and only
if it was running when the first one began. The deadline bounds how long that is.
"""

import gc
import threading
from contextlib import contextmanager

_lock = threading.Lock()
_renderings = 0
_was_enabled = False


@contextmanager
def collector_paused():
    """Hold the cyclic garbage collector back during the block."""
    global _renderings, _was_enabled
    with _lock:
        if _renderings == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _renderings += 1
    try:
        yield
    finally:
        with _lock:
            _renderings -= 1
            if _renderings == 0 and _was_enabled:
                gc.enable()
