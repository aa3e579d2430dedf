"""One walk renders the page and the feed as two separate renderings would."""

import pytest
from markdown_it.renderer import RendererHTML

from posts.rendering.parser import PARSER, parse, render_page_and_feed, render_tokens
from posts.rendering.plain_inline import label_renderer
from posts.tests.test_rendering_rules import body

EVERY_FEATURE = """\
## Start

Text with *emphasis*, `code`, a [link](/x "T"), ![alt *a*](i.png), $x^2$ and<br>
raw <span>HTML</span>. A note[^1] and ^[an inline one].

- [ ] task
- [x] done
  > nested quote

```py title="app.py" {1}
print("hi")
```

    indented code

$$
e = mc^2
$$

:::caution[Careful *now*]
Back up first.
:::

::::tabs
::tab[npm]
npm words
::tab[pnpm]
pnpm words
::::

> [!TIP]
> An alert.

| a | b |
|---|:-:|
| 1 | 2 |

```mermaid
graph TD; A-->B
```

[^1]: The note.
"""


def envs():
    """Return (page env, feed env) whose callbacks tell the two apart."""

    def callbacks(name):
        return {
            "render_math": lambda tex, display, env, inline=False: (
                f"<{name}-math {tex}>"
            ),
            "render_diagram": lambda code, env: f"<{name}-diagram {code}>",
        }

    return callbacks("page"), callbacks("feed") | {"feed": True}


@pytest.mark.parametrize(
    "source", [EVERY_FEATURE, *(body(seed) for seed in range(0, 1500, 7))]
)
def test_one_walk_gives_the_page_and_the_feed_of_two_renderings(source):
    tokens = parse(source)
    page_env, feed_env = envs()
    expected = render_tokens(tokens, page_env), render_tokens(tokens, feed_env)
    page_env, feed_env = envs()
    assert render_page_and_feed(tokens, page_env, feed_env) == expected


def test_a_body_that_renders_alike_gives_one_string_for_both():
    page, feed = render_page_and_feed(parse("#### A\n\n*b* [c](d)\n"), *envs())
    assert page is feed
    assert page == '<h4>A</h4>\n<p><em>b</em> <a href="d">c</a></p>\n'


def test_headings_link_to_themselves_on_the_page_only():
    page, feed = render_page_and_feed(parse("## A\n"), *envs())
    assert page.startswith('<h2 id="a">A<a class="heading-anchor" href="#a"')
    assert feed == '<h2 id="a">A</h2>\n'


def test_code_renders_differently_for_the_feed():
    page, feed = render_page_and_feed(parse("```py\nx = 1\n```\n"), *envs())
    assert page != feed
    assert feed == "<pre><code>x = 1</code></pre>\n"


@pytest.mark.parametrize(
    "source", [EVERY_FEATURE, *(body(seed) for seed in range(0, 1500, 7))]
)
def test_tags_are_written_as_markdown_it_writes_them(source):
    stock = RendererHTML()
    for options in (PARSER.options, dict(PARSER.options) | {"xhtmlOut": True}):
        tokens = parse(source)
        streams = [tokens, *(token.children for token in tokens if token.children)]
        for stream in streams:
            for index in range(len(stream)):
                expected = stock.renderToken(stream, index, options, {})
                actual = PARSER.renderer.renderToken(stream, index, options, {})
                assert actual == expected


@pytest.mark.parametrize(
    "label",
    ["npm", "two words", "a  b ", "x" * 300, "a.com", "see http://x.example",
     "a@b.co", "*e*", "a & b", "<b>x</b>", "`c`", "a - b = c", "[l](u)",
     "^[note]", "é ✓", ""],
)  # fmt: skip
def test_a_label_renders_as_markdown_it_renders_it_inline(label):
    render_label = label_renderer(PARSER)
    assert render_label(label) == PARSER.renderInline(label)
    assert render_label(label) == PARSER.renderInline(label)  # remembered
