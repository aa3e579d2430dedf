"""The Markdown parser: markdown-it-py configured for Blogcraft, and its renderers.

Rendering is two passes over one token stream: ``parse()``, then
``render_page_and_feed()``, which writes the page and the feed readers' variant
(``env["feed"]``) in one walk.
"""

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common import normalize_url
from markdown_it.common.utils import escapeHtml
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .anchors import render_heading_close
from .brackets import linear_brackets_plugin
from .code import HighlightBudget, render_code_block, render_plain_code_block
from .components import components_plugin
from .contents import fence_language
from .deadline import check_every_rule
from .dispatch import dispatch_plugin
from .headings import heading_ids_plugin
from .linkify import linear_linkify_plugin
from .lists import fast_lists_plugin
from .plain_inline import plain_inline_plugin
from .renderer import BlogcraftRenderer
from .sanitizer import MAX_ATTRIBUTE_CHARS, escape_in_runs, within_attribute_limit
from .tables import empty_header_cells_plugin
from .tasklists import task_lists_plugin


def valid_link(url):
    # A longer URL makes no link: see sanitizer.MAX_ATTRIBUTE_CHARS.
    return len(url) <= MAX_ATTRIBUTE_CHARS and normalize_url.validateLink(url)


def highlight_budget(env):
    """Return the colouring budget shared by the blocks of one rendering."""
    return env.setdefault("highlight_budget", HighlightBudget())


def render_fence(self, tokens, index, options, env):
    token = tokens[index]
    if fence_language(token) == "mermaid":
        return env["render_diagram"](token.content, env)
    if env.get("feed"):
        return render_plain_code_block(token.content, token.info)
    return render_code_block(token.content, token.info, highlight_budget(env))


def render_indented_code(self, tokens, index, options, env):
    token = tokens[index]
    if env.get("feed"):
        return render_plain_code_block(token.content, "")
    return render_code_block(token.content, "", highlight_budget(env))


def render_text(self, tokens, index, options, env):
    return escape_in_runs(tokens[index].content, escapeHtml)


def render_code_inline(self, tokens, index, options, env):
    token = tokens[index]
    code = escape_in_runs(token.content, escapeHtml)
    return f"<code{self.renderAttrs(token)}>{code}</code>"


def render_link_open(self, tokens, index, options, env):
    token = tokens[index]
    if title := token.attrGet("title"):
        token.attrSet("title", within_attribute_limit(title))
    return self.renderToken(tokens, index, options, env)


def render_image(self, tokens, index, options, env):
    """Render an image as markdown-it does, its alt text and title cut if long."""
    token = tokens[index]
    alt = self.renderInlineAsText(token.children or [], options, env)
    token.attrSet("alt", within_attribute_limit(alt))
    return render_link_open(self, tokens, index, options, env)


def render_math_inline(self, tokens, index, options, env):
    return env["render_math"](tokens[index].content, False, env)


def render_math_inline_double(self, tokens, index, options, env):
    # "$$x^2$$" inside a sentence: a display formula, within the paragraph.
    return env["render_math"](tokens[index].content, True, env, inline=True)


def render_math_block(self, tokens, index, options, env):
    return env["render_math"](tokens[index].content, True, env)


def build_parser():
    parser = MarkdownIt(
        "commonmark",
        {"html": True, "linkify": True, "typographer": False},
        renderer_cls=BlogcraftRenderer,
    )
    parser.enable(["table", "strikethrough", "linkify"])
    # A hostile body nests deep; markdown-it stops nesting past this and shows text.
    parser.options["maxNesting"] = 40
    # Headings get unique ids (the table of contents links to them), and an empty
    # link to themselves after their text (anchors.py): the heading's words stay
    # plain text for the table of contents and search.
    parser.use(heading_ids_plugin)
    parser.use(footnote_plugin)
    parser.use(task_lists_plugin)
    # "$5 and $10" stays text: no digits or spaces inside the dollars.
    parser.use(
        dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True
    )
    parser.use(components_plugin)
    # Normalising a URL parses it, the costliest part of a link; links repeat.
    parser.normalizeLink = lru_cache(maxsize=4096)(normalize_url.normalizeLink)
    parser.normalizeLinkText = lru_cache(maxsize=4096)(normalize_url.normalizeLinkText)
    parser.validateLink = valid_link
    # Rules whose work grew with the square of a long body, made linear.
    parser.use(linear_brackets_plugin)
    parser.use(linear_linkify_plugin)
    # Nested list markers make hundreds of thousands of tokens: the same, faster.
    parser.use(fast_lists_plugin)
    parser.use(plain_inline_plugin)
    parser.use(empty_header_cells_plugin)
    for token_type, render in [
        ("text", render_text),
        ("code_inline", render_code_inline),
        ("link_open", render_link_open),
        ("image", render_image),
        ("fence", render_fence),
        ("code_block", render_indented_code),
        ("math_inline", render_math_inline),
        ("math_inline_double", render_math_inline_double),
        ("math_block", render_math_block),
        ("math_block_label", render_math_block),
        ("heading_close", render_heading_close),
    ]:
        # The renderer checks the deadline as it walks the tokens.
        parser.add_render_rule(token_type, render)
    parser.use(dispatch_plugin)
    # Last, so that it covers every rule above.
    check_every_rule(parser)
    return parser


PARSER = build_parser()


def parse(source):
    return PARSER.parse(source, {})


def render_tokens(tokens, env):
    """Return the HTML of tokens rendered with env alone."""
    return PARSER.renderer.render(tokens, PARSER.options, env)


def render_page_and_feed(tokens, page_env, feed_env):
    """Return (page HTML, feed HTML); the same string when nothing differs."""
    return PARSER.renderer.render_page_and_feed(
        tokens, PARSER.options, page_env, feed_env
    )
