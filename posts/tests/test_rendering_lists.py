"""The faster list rule gives markdown-it's own tokens, field for field."""

import random

import pytest
from bs4 import BeautifulSoup
from markdown_it import rules_block
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from posts.rendering import render_markdown
from posts.rendering.lists import ListParsing, push
from posts.rendering.parser import build_parser, parse
from tooling.management.commands._hostile_corpus import hostile_body

NESTED_MARKERS = "list markers - - -"


def reference_parser():
    """Blogcraft's parser with markdown-it's own list rule back in its place."""
    parser = build_parser()
    parser.block.ruler.at(
        "list",
        rules_block.list_block,
        {"alt": ["paragraph", "reference", "blockquote"]},
    )
    return parser


REFERENCE = reference_parser()


def dump(tokens):
    """Every field of every token, children included."""
    return [
        (
            token.type,
            token.tag,
            token.nesting,
            token.attrs,
            token.map,
            token.level,
            token.content,
            token.markup,
            token.info,
            token.meta,
            token.block,
            token.hidden,
            dump(token.children or []),
        )
        for token in tokens
    ]


LINES = [
    "- a", "* b", "+ c", "1. one", "2) two", "10. ten", "0. zero", "- - - x",
    "* * * y", "1. - 2. z", "-", "- ", "-\tt", "  - indented", "    - code?",
    "     - deeper", "  continued", "lazy line", "", "", "> - quoted", "- > quote",
    "- [ ] task", "- [x] done", "  1. nested", "- ```", "  code", "  ```",
    "---", "***", "- # heading", "## heading", "| a | b |", "|---|---|",
    "- <div>", "text", "- para\n\n  second para", "1.", "- a\n- b\n\n- c",
]  # fmt: skip


def body(seed):
    pick = random.Random(seed).choice
    return "\n".join(pick(LINES) for _ in range(2 + seed % 30))


@pytest.mark.parametrize("seed", range(400))
def test_the_same_tokens_as_markdown_it_on_mixed_lists(seed):
    source = body(seed)
    assert dump(parse(source)) == dump(REFERENCE.parse(source, {}))


@pytest.mark.parametrize(
    "source",
    [
        "- - - - - - - - - - a\n" * 40,
        hostile_body(NESTED_MARKERS, 20_000),
        hostile_body("many list items", 20_000),
        hostile_body("deep list", 20_000),
        hostile_body("task list items", 5_000),
        "1. a\n" * 50 + "2) b\n" * 50,
        "- a\n\n- b\n  - c\n\n    - d\n",
        "- a\n  - b\n   - c\n    - d\n     - e\n",
        "* a\n\n  b\n\n* c\n",
        "- " * 60 + "x\n",
    ],
)
def test_the_same_tokens_as_markdown_it_on_long_lists(source):
    assert dump(parse(source)) == dump(REFERENCE.parse(source, {}))


def test_a_pushed_token_equals_one_made_by_markdown_it():
    state = StateBlock("", REFERENCE, {}, [])
    state.level = 2
    made = push(state, "list_item_open", "li", 1, "-")
    expected = Token("list_item_open", "li", 1, markup="-", block=True, level=2)
    assert made == expected
    assert state.level == 3 and state.tokens == [made]


def test_one_list_parsing_per_parse():
    state = StateBlock("- a\n", REFERENCE, {}, [])
    assert ListParsing.of(state) is ListParsing.of(state)


def test_nested_list_markers_render_as_nested_lists():
    lines = 30
    source = "- - - - - - - - - - a\n" * lines
    outer = BeautifulSoup(render_markdown(source).html, "html.parser").find("ul")
    items = outer.find_all("li", recursive=False)
    assert len(items) == lines
    for item in items:
        depth, node = 1, item
        while (nested := node.find("ul", recursive=False)) is not None:
            depth += 1
            (node,) = nested.find_all("li", recursive=False)
        # Tight lists: the innermost item holds its text without a paragraph.
        assert (depth, node.get_text(), node.find("p")) == (10, "a", None)


def test_nested_list_markers_render_as_before():
    assert render_markdown("- - a\n- - b\n").html == (
        "<ul>\n<li>\n<ul>\n<li>a</li>\n</ul>\n</li>\n"
        "<li>\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n"
    )
