"""Our linear rules and dispatching rulers give markdown-it's own tokens.

The reference is markdown-it configured as Blogcraft's parser was before: stock
rules and plugins, every rule tried everywhere.
"""

import random

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from posts.rendering.components import components_plugin
from posts.rendering.headings import heading_slug
from posts.rendering.linkify import real_urls_only_plugin
from posts.rendering.parser import parse
from posts.rendering.tables import empty_header_cells_plugin

PIECES = [
    "[a](http://x.example)", '![alt *e*](/i.png "t")', "[^1]", "[^n]", "^[inline note]",
    "[[a]](b)", "[a [b] c](d)", "![a [b]](c)", "[![img](i)](l)", "[`]`](x)",
    "[<span>]</span>](x)", "[a\\]](x)", "[x]", "[x][]", "[X][x]", "^[a [l](u) b]",
    "[^a b]", "[^]", "[[^1]]", "[a][^1]", "[[[", "]]]", "![", "[", "]", "(", ")",
    "[a]<http://c.example>", "[a `[` b](c)", "![[^1]](x)", "^[a ^[b] c]",
    "http://example.com/p?q=1", "https://x.org.", "www.example.com", "a@b.com",
    "mailto:a@b.com", "ftp://f.net/x", "xhttp://nope", "<http://auto.link>",
    '<a href="http://h.example">http://in.example</a>', "http:\\//x.com",
    "HTTP://UP.COM", "see:http://x.com", "a.com/b_c_", "(http://p.com)",
    "## Heading", "## Heading", "### Sub `code`", "## a-1", "## ", "#", "- [ ] todo",
    "- [x] done", "* [X]\tweird", "1. [ ] num", "- [ ]", "> quote", "> [!NOTE]",
    "**bold**", "*em*", "_u_", "~~s~~", "`c`", "``c`c``", "$x+1$", "$$\nx\n$$",
    "$5 and $10", "<div>", "</div>", "<b>x</b>", "&amp;", "&#123;", "\\[", "\\*",
    "[b]: /url \"T\"", "[x]: /y", "[^1]: The note.", "[^n]: Another\n    more",
    "| a | b |\n|---|---|\n| 1 | 2 |", "```python\nprint(1)\n```", "    indented",
    ":::note\ninside\n:::", ":::tip[Title *x*]\nx\n:::",
    "::::tabs\n::tab[npm]\nA\n::::",
    ":::filetree\n- src/\n  - a.py\n- b.txt\n:::", "Setext\n===", "---", "***",
    "<!-- c -->", "word", "two words",
    "[a](b(c)d)", "[a](((b)))", "[a](b\\ c)", "[a](b\\(c)", "[a](<b c>)",
    "[a](b\\", "[a](\\))", "[a](b\tc)", "[[a]](", "[a](" + "(" * 33 + "b",
    "|a|-|", "a-b=c", "{x}", "%", "#x", "+", "a@b", "> \\[!NOTE]", "> &#91;!TIP]",
    "- - -", "* * *x", "_ _ _", "-\t-\t-  ", "--- a", "- - - - a", "::tab[x]",
    "::note", ":::", "::::note\n:::tip\nx\n:::\n::::",
]  # fmt: skip
JOINTS = [" ", "", "\n", "\n\n", " x ", "\n- ", "\n> ", "\n## ", "\n  "]


def stock_parser():
    parser = MarkdownIt(
        "commonmark", {"html": True, "linkify": True, "typographer": False}
    )
    parser.enable(["table", "strikethrough", "linkify"])
    parser.options["maxNesting"] = 40
    # Which bare words are links is Blogcraft's choice, not the rules' shape.
    parser.use(real_urls_only_plugin)
    parser.use(anchors_plugin, min_level=2, max_level=3, slug_func=heading_slug)
    parser.use(footnote_plugin)
    parser.use(tasklists_plugin)
    # "$$x$$" within a sentence is a display formula there, as on GitHub.
    parser.use(
        dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True
    )
    parser.use(components_plugin)
    # Empty header cells as plain cells: an output choice, not the rules' shape.
    parser.use(empty_header_cells_plugin)
    return parser


STOCK = stock_parser()


def dump(tokens):
    return [
        (
            token.type,
            token.tag,
            token.nesting,
            token.attrs,
            token.content,
            token.markup,
            token.info,
            token.meta,
            token.hidden,
            dump(token.children or []),
        )
        for token in tokens
    ]


def body(seed):
    pick = random.Random(seed).choice
    return "".join(pick(PIECES) + pick(JOINTS) for _ in range(1 + seed % 24))


@pytest.mark.parametrize("seed", range(0, 1500, 5))
def test_the_same_tokens_as_stock_markdown_it(seed):
    source = body(seed)
    assert dump(parse(source)) == dump(STOCK.parse(source, {}))


@pytest.mark.parametrize(
    "source",
    [
        "[" * 200 + "]" * 200,
        "[" * 45 + "a" + "]" * 45 + "(x)",
        "![" * 60 + "](x)",
        "[^1]: a\n\n" + "[^1]" * 50 + "[^" * 50,
        "^[" * 50 + "x" + "]" * 50,
        "[a](" * 40 + ")" * 40,
        "[[a]](" * 60,
        "[a](" + "(" * 31 + "x" + ")" * 31 + ")" + "[b](" + "(" * 40,
        "|a|b|\n|-|-|\n" * 20,
        "- - - - - - - - - - a\n" * 10 + "- - -\n* * *\n",
        "## a\n" * 30 + "## a-3\n## a-1\n",
        "http://a.example " * 30 + "www.b.example *c* " * 30,
        "- [ ] a\n  - [x] b\n    - [ ] c\n- [X] d\n" * 5,
    ],
)
def test_the_same_tokens_on_long_runs(source):
    assert dump(parse(source)) == dump(STOCK.parse(source, {}))
