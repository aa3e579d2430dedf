"""The derived fields a post stores from its rendering, by name."""

from .csp import style_element_hashes, uses_style_attributes
from .pipeline import render_markdown


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
            "style_hashes": style_element_hashes(rendering.html),
            "style_attributes": uses_style_attributes(rendering.html),
        },
        "render_problems": list(rendering.problems),
        "toc": rendering.toc,
        "word_count": rendering.word_count,
        "reading_minutes": rendering.reading_minutes,
    }
