"""The time one imported file may take, checked between the steps of its import."""

import time

from django.conf import settings


class TimeUp(Exception):
    """The file's import ran past its deadline; the message says so."""


class Deadline:
    """Started when a file's import starts; `check` raises TimeUp once it passed.

    Each step it separates is bounded on its own (file sizes, pixel caps, the
    rendering deadline); this bounds how many of them one file may chain, such as a
    body that names thousands of images.
    """

    def __init__(self, seconds=None):
        if seconds is None:
            seconds = settings.BLOGCRAFT_IMPORT_FILE_TIMEOUT_SECONDS
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def check(self):
        if time.monotonic() > self.ends:
            raise TimeUp(
                f"Importing the file took longer than the {self.seconds:g} seconds "
                "one file may take (BLOGCRAFT_IMPORT_FILE_TIMEOUT_SECONDS)."
            )
