"""Render a Markdown body to stored HTML, its table of contents and reading time."""

import html
import re
from dataclasses import dataclass, field

from django.utils.text import slugify
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from .sanitizer import sanitize_html
from .text import count_words, reading_minutes, strip_control_characters

TAG = re.compile(r"<[^>]+>")
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Rendering:
    html: str
    text: str = ""
    toc: list = field(default_factory=list)
    word_count: int = 0
    reading_minutes: int = 1


def heading_slug(text):
    return slugify(text) or "section"


def build_parser():
    parser = MarkdownIt("commonmark", {"html": True, "linkify": False})
    parser.enable(["table", "strikethrough"])
    parser.use(anchors_plugin, min_level=2, max_level=3, slug_func=heading_slug)
    parser.use(footnote_plugin)
    parser.use(tasklists_plugin)
    return parser


PARSER = build_parser()


def table_of_contents(tokens):
    """Return [{"level", "id", "title"}] for the h2 and h3 headings, in order."""
    entries = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag in {"h2", "h3"}:
            inline = tokens[index + 1]
            entries.append(
                {
                    "level": int(token.tag[1]),
                    "id": token.attrGet("id"),
                    "title": "".join(
                        child.content
                        for child in inline.children or []
                        if child.type in {"text", "code_inline"}
                    ),
                }
            )
    return entries


def render_markdown(source):
    """Render Markdown to sanitised HTML plus the data derived from it."""
    source = strip_control_characters(source or "")
    tokens = PARSER.parse(source)
    body_html = sanitize_html(PARSER.renderer.render(tokens, PARSER.options, {}))
    text = WHITESPACE.sub(" ", html.unescape(TAG.sub(" ", body_html))).strip()
    words = count_words(text)
    return Rendering(
        html=body_html,
        text=text,
        toc=table_of_contents(tokens),
        word_count=words,
        reading_minutes=reading_minutes(words),
    )


def markdownify(source):
    """Return the body HTML alone: markdownx's live preview calls this."""
    return render_markdown(source).html
