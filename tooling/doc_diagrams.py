"""
Draw the docs' Mermaid diagrams with Blogcraft's own pipeline.

A page of docs/ marks a diagram with a line `<!-- diagram: NAME.svg -->` right above
a ```mermaid block. Each such block is drawn as the site draws a post's diagrams
(posts.rendering.diagrams: headless Chromium, the vendored Mermaid, the same checks
on the SVG), in the light theme, and written beside the page as NAME.svg, headed by
the key of the source it was drawn from. A test compares that key with the block,
so a changed block without its new drawing fails.
"""

import re
import tempfile

from django.conf import settings
from django.test import override_settings

from posts.rendering import diagrams

MARKED_DIAGRAM = re.compile(
    r"^<!-- diagram: (?P<name>[\w-]+\.svg) -->\n```mermaid\n(?P<source>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)
FILE_STORAGE = "django.core.files.storage.FileSystemStorage"
KEY_LINE = re.compile(r"\A<!-- drawn from the source with key ([0-9a-f]{64}) -->\n")


def marked_diagrams(page):
    """Return (file name, Mermaid source) for each marked block of a page's text."""
    return [(match["name"], match["source"]) for match in MARKED_DIAGRAM.finditer(page)]


def source_key(source):
    return diagrams.diagram_key(source, "light")


def drawn_key(svg):
    """Return the key an SVG written here was drawn from, or None."""
    match = KEY_LINE.match(svg)
    return match[1] if match else None


def kept_in(folder):
    """Return the STORAGES entry that keeps drawn diagrams in a folder."""
    location = {"location": folder}
    return {"diagrams": {"BACKEND": FILE_STORAGE, "OPTIONS": location}}


def drawn_svg(source):
    """Return the source drawn as a standalone SVG file's text."""
    key = source_key(source)
    # A folder of its own: nothing is read from, or left in, the site's storage.
    with (
        tempfile.TemporaryDirectory() as folder,
        override_settings(STORAGES=settings.STORAGES | kept_in(folder)),
    ):
        # What the worker's task runs, here and now: no queue, no post to update.
        diagrams.draw([{"key": key, "source": source, "theme": "light"}])
        kind, text = diagrams.read_cached(key)
    if kind != "svg":
        raise ValueError(f"Mermaid refused the diagram: {text}")
    return f"<!-- drawn from the source with key {key} -->\n{text}\n"


def draw_docs(folder):
    """Draw each marked diagram of the folder's pages that changed; yield a line
    for each: its file name and what was done."""
    for page in sorted(folder.glob("*.md")):
        for name, source in marked_diagrams(page.read_text()):
            target = page.with_name(name)
            if target.exists() and drawn_key(target.read_text()) == source_key(source):
                yield f"{name}: up to date"
                continue
            target.write_text(drawn_svg(source))
            yield f"{name}: drawn from {page.name}"
