"""Inline content without a markup character becomes one text token, unparsed.

markdown-it parses the content of every paragraph, heading and table cell with a
fresh inline state and four post-processing rules. Content that holds none of
the characters an inline rule can start at (see ``dispatch``) always comes out
as a single text token: every rule fails everywhere, so all of it is pending
text. A table of one-letter cells or a list of one-word items holds a hundred
thousand such contents; making the token directly skips the parser's set-up.
The labels of tabs and containers, rendered on their own, take the same path.
"""

import re
from functools import lru_cache

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from .dispatch import INLINE_RULE_STARTS, OTHER
from .sanitizer import escape_in_runs

# Every character some inline rule may start at.
MARKUP_CHARACTERS = {
    character
    for start in INLINE_RULE_STARTS.values()
    if start != OTHER
    for character in start
}
MARKUP = re.compile(f"[{re.escape(''.join(sorted(MARKUP_CHARACTERS)))}]")
# Labels repeat ("npm", "pnpm" in every group of tabs); long ones rarely do.
REMEMBERED_LABEL_CHARS = 200


def inline(state):
    """Core rule: parse every inline token, as markdown-it's ``inline`` rule."""
    md, env = state.md, state.env
    parse = md.inline.parse
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        content = token.content
        if MARKUP.search(content) is not None:
            parse(content, md, env, token.children)
        elif content:
            # What the text rule and the parser's pending text would push.
            token.children.append(Token("text", "", 0, content=content))


def plain_inline_plugin(md):
    md.core.ruler.at("inline", inline)


def label_renderer(md):
    """Return a function that renders a one-line label as md.renderInline does.

    A label with no markup and nothing linkify would link is its escaped text:
    no need for a parser's whole run per tab or title.
    """

    def render(label):
        if MARKUP.search(label) is None and not md.linkify.pretest(label):
            return escape_in_runs(label, escapeHtml)
        return md.renderInline(label)

    remembered = lru_cache(maxsize=1024)(render)

    def render_label(label):
        if len(label) > REMEMBERED_LABEL_CHARS:
            return render(label)
        return remembered(label)

    return render_label
