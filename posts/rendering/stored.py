"""The derived fields a post stores from its rendering, by name."""

import hashlib
import html

from ..checks.findings import as_stored
from .csp import inline_style_needs
from .pipeline import render_markdown
from .text import count_words, reading_minutes, strip_control_characters

# The fields a post stores from its rendering: what stored_fields() and
# unrendered_fields() return, by name.
STORED_FIELDS = (
    "body_html",
    "body_text",
    "feed_html",
    "page_assets",
    "render_problems",
    "checks",
    "toc",
    "word_count",
    "reading_minutes",
    "body_digest",
)


def body_digest(source):
    """Name the body that stored fields were rendered from.

    A post compares it with its body to know whether its stored HTML is that body's,
    whichever way the body was written (a form, an import, a restored revision, a
    raw update).
    """
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()


def stored_fields(source):
    """Render source; return {field name: value} for everything a post stores."""
    rendering = render_markdown(source)
    return {
        "body_html": rendering.html,
        "body_text": rendering.text,
        "feed_html": rendering.feed_html,
        "page_assets": {
            "stylesheets": list(rendering.stylesheets),
            "scripts": list(rendering.scripts),
            **inline_style_needs(rendering.html),
        },
        "render_problems": list(rendering.problems),
        "checks": as_stored(rendering.findings),
        "toc": rendering.toc,
        "word_count": rendering.word_count,
        "reading_minutes": rendering.reading_minutes,
        "body_digest": body_digest(source),
    }


def unrendered_fields(source):
    """Return stored fields that show source as plain text, for when rendering fails.

    Readers see the text unformatted rather than nothing; the note tells the editor.
    """
    text = strip_control_characters(source)
    escaped = html.escape(text)
    page = f'<pre class="unrendered" tabindex="0">{escaped}</pre>' if text else ""
    return {
        "body_html": page,
        "body_text": " ".join(text.split()),
        "feed_html": page,
        "page_assets": {"stylesheets": ["css/prose.css"], "scripts": []},
        "render_problems": [
            "The body could not be rendered (an error in Blogcraft, logged for its "
            "developers); readers see it as plain text until it is saved again."
        ],
        "checks": [],
        "toc": [],
        "word_count": count_words(text),
        "reading_minutes": reading_minutes(count_words(text)),
        "body_digest": body_digest(source),
    }
