"""Rendered diagrams kept by hash in the "diagrams" storage (STORAGES in settings).

Each key has one file: "<key>.svg" with the drawing, or "<key>.error" with why
Mermaid refused it. Everything goes through Django's storage API, so the files may
live on local disk or in a bucket that every app server and worker shares.
"""

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import storages

logger = logging.getLogger(__name__)

KINDS = ("svg", "error")


def diagram_storage():
    return storages["diagrams"]


def cache_url():
    """Return the URL the stored diagrams are under, ending in a slash."""
    url = diagram_storage().url("")
    return url if url.endswith("/") else url + "/"


def read_cached(key):
    """Return ("svg", text), ("error", message) or None."""
    storage = diagram_storage()
    for kind in KINDS:
        try:
            with storage.open(f"{key}.{kind}") as stored:
                return kind, stored.read().decode("utf-8")
        except FileNotFoundError:
            continue
    return None


def write_cached(key, kind, text):
    """Store the drawing (or the error) of a key.

    A key names what is drawn, so a drawing already stored is the same drawing;
    an error is replaced by the newer one.
    """
    storage = diagram_storage()
    name = f"{key}.{kind}"
    if storage.exists(name):
        if kind == "svg":
            return
        storage.delete(name)
    saved = storage.save(name, ContentFile(text.encode("utf-8")))
    if saved != name:
        # Another render stored the same key first; keep its file, not a copy.
        storage.delete(saved)
