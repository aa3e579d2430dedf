"""The cleaner's helpers: long text cut into runs it handles in linear time."""

from html import escape

import pytest

from posts.rendering import render_markdown
from posts.rendering.sanitizer import TEXT_RUN, escape_in_runs, sanitize_html


def test_short_text_is_only_escaped():
    assert escape_in_runs("a & b", escape) == "a &amp; b"


def test_long_text_is_cut_by_comments_the_cleaner_removes():
    text = "&<" * TEXT_RUN
    html = escape_in_runs(text, escape)
    assert html.count("<!---->") == 1
    assert sanitize_html(f"<p>{html}</p>") == f"<p>{escape(text, quote=False)}</p>"


@pytest.mark.parametrize(
    "body",
    ["&" * 10_000, "`" + "&" * 10_000 + "`", "```\n" + "&" * 10_000 + "\n```\n"],
)
def test_long_runs_of_ampersands_come_out_whole(body):
    rendering = render_markdown(body)
    assert "<!--" not in rendering.html
    assert rendering.html.count("&amp;") == 10_000
    assert rendering.feed_html.count("&amp;") == 10_000
