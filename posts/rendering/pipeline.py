"""Render a Markdown body to stored HTML, its feed variant and its derived data."""

import html
import re
from dataclasses import dataclass, field

from django.conf import settings

from ..checks.body import body_findings
from . import diagrams, math
from .collector import collector_paused
from .contents import survey
from .deadline import check_deadline, deadline_after, deadline_paused
from .images import responsive_images
from .parser import parse, render_page_and_feed
from .sanitizer import absolute_urls, sanitize_html
from .slots import Slots, strip_placeholders
from .text import count_words, reading_minutes, strip_control_characters

TAG = re.compile(r"<[^>]+>")
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Rendering:
    html: str
    # The body as plain text (no diagrams or formulas), for search.
    text: str = ""
    toc: list = field(default_factory=list)
    word_count: int = 0
    reading_minutes: int = 1
    # The same body for feed readers: no scripts or site CSS needed, URLs absolute.
    feed_html: str = ""
    # Plain-text notes for the editor (an invalid diagram, a formula KaTeX rejects).
    problems: list = field(default_factory=list)
    # What an editor should fix (posts.checks.body): headings, alt text, languages…
    findings: list = field(default_factory=list)
    # Static files the page needs, as paths for {% static %}.
    stylesheets: tuple = ()
    scripts: tuple = ()


def render_markdown(source, *, base_url=None, deadline=None):
    """Render Markdown to sanitised HTML plus the data derived from it.

    base_url is where the feed variant's relative links and diagram images point;
    it defaults to SITE_URL. deadline is how many seconds the rendering may take
    (default BLOGCRAFT_RENDER_TIMEOUT_SECONDS); past it, RenderTimeout is raised.
    """
    if deadline is None:
        deadline = settings.BLOGCRAFT_RENDER_TIMEOUT_SECONDS
    with deadline_after(deadline), collector_paused():
        return render_within_deadline(source, base_url or settings.SITE_URL + "/")


def render_within_deadline(source, base_url):
    source = strip_control_characters(source or "")
    tokens = parse(source)
    check_deadline()
    contents = survey(tokens)
    problems = []
    formulas = math.render_formulas(contents.formulas, problems)
    # Diagrams are drawn once each, by a task with a time limit of its own.
    with deadline_paused():
        figures = diagrams.render_diagrams(contents.diagrams, problems)
    page_slots, feed_slots = Slots(), Slots()
    # Raw HTML can nest deep enough to slow the cleaner down; Markdown cannot.
    raw_html = contents.raw_html

    def env(slots, **extra):
        return extra | {
            "render_math": lambda tex, display, env, inline=False: math.math_html(
                formulas, tex, display, env, slots, inline=inline
            ),
            "render_diagram": lambda code, env: diagrams.diagram_html(
                figures, code, env, slots, base_url
            ),
        }

    check_deadline()
    page_html, feed_html = render_page_and_feed(
        tokens, env(page_slots), env(feed_slots, feed=True)
    )
    cleaned = sanitize_html(page_html, raw_html=raw_html)
    check_deadline()
    if feed_html == page_html:
        # Nothing renders differently for feeds: reuse the page's cleaning.
        feed_cleaned = absolute_urls(cleaned, base_url)
    else:
        feed_cleaned = sanitize_html(feed_html, base_url=base_url, raw_html=raw_html)
    check_deadline()
    text = html.unescape(TAG.sub(" ", strip_placeholders(cleaned)))
    text = WHITESPACE.sub(" ", text).strip()
    words = count_words(text)
    has_code = contents.has_code
    has_math = any(result.html for result in formulas.values())
    return Rendering(
        html=responsive_images(page_slots.fill(cleaned)),
        text=text,
        toc=contents.toc,
        word_count=words,
        reading_minutes=reading_minutes(words),
        feed_html=feed_slots.fill(feed_cleaned),
        problems=problems,
        findings=body_findings(tokens, formulas, figures),
        stylesheets=needed_stylesheets(has_code, has_math),
        scripts=("js/code.js",) * has_code + ("js/tabs.js",) * ("::tab[" in source),
    )


def needed_stylesheets(has_code, has_math):
    sheets = ["css/prose.css"]
    if has_code:
        sheets.append("css/code.css")
    if has_math:
        sheets.append("vendor/katex/katex.min.css")
    return tuple(sheets)


def markdownify(source):
    """Return the body HTML alone: markdownx's live preview calls this."""
    return render_markdown(source).html
