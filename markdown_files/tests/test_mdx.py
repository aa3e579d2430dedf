"""MDX bodies become Markdown that Blogcraft renders, and say what they lost."""

import time

import pytest

from markdown_files.body_links import local_images, with_links_replaced
from markdown_files.mdx import convert_mdx


def test_containers_nested_in_containers_take_more_colons():
    body, removed, mapped = convert_mdx(
        "<CardGrid>\n"
        '  <Card title="Fast">\n'
        '    <Aside type="tip">Cached.</Aside>\n'
        "  </Card>\n"
        '  <Card title="Safe [really]">\n'
        "    Sanitised.\n"
        "  </Card>\n"
        "</CardGrid>\n"
    )
    assert body == (
        ":::::cards\n"
        "::::card[Fast]\n"
        ":::tip\nCached.\n:::\n"
        "::::\n"
        ":::card[Safe (really)]\n"
        "Sanitised.\n"
        ":::\n"
        ":::::\n"
    )
    assert removed == []
    assert mapped == [
        "MDX <Aside> became :::tip",
        "MDX <Card> became :::card (2×)",
        "MDX <CardGrid> became :::cards",
    ]


def test_code_fences_are_kept_exactly():
    source = (
        "```jsx\nimport X from 'x'\n<Aside>in code</Aside>\n{/* kept */}\n```\n"
        "~~~\n<Chart />\n~~~\n"
    )
    assert convert_mdx(source) == (source, [], [])


def test_unknown_components_keep_their_text_and_are_named():
    body, removed, _ = convert_mdx(
        "import Video from './Video.astro'\n"
        "<Wrapper kind='x'>\nKept text with <Badge text='new' /> inline.\n</Wrapper>\n"
        '<Video src="a.mp4" />\n'
        "<Unclosed>\nStill here.\n"
    )
    assert body == "Kept text with  inline.\nStill here.\n"
    assert removed == [
        "MDX <Badge> removed",
        "MDX <Unclosed> removed",
        "MDX <Video> removed",
        "MDX <Wrapper> removed",
        "MDX import line removed",
    ]


def test_module_lines_go_only_at_the_top_level():
    body, removed, _ = convert_mdx(
        'export const title = "x"\n\n<Aside>\nimport this sentence, kept.\n</Aside>\n'
    )
    assert body == "\n:::note\nimport this sentence, kept.\n:::\n"
    assert removed == ["MDX export line removed"]


def test_local_images_are_found_as_the_renderer_reads_them():
    body = (
        "![a](./a.png) ![b](<../img/my b.png>) ![c](/c.png 'title')\n"
        "`![d](./in-code.png)` [link](./doc.pdf) ![e](https://x.org/e.png)\n"
        "![f](/media/uploads/f.png) ![g](#top)\n"
    )
    assert local_images(body) == {
        "./a.png": "./a.png",
        "<../img/my b.png>": "../img/my b.png",
        "/c.png": "/c.png",
    }
    assert with_links_replaced(body, {"./a.png": "/media/uploads/new.png"}) == (
        body.replace("](./a.png)", "](/media/uploads/new.png)")
    )


def test_finding_images_takes_linear_time():
    def seconds(size):
        body = "![a](./a.png) ](./b.png " * (size // 26)
        started = time.process_time()
        local_images(body)
        with_links_replaced(body, {})
        return time.process_time() - started

    small, large = seconds(50_000), seconds(200_000)
    assert large < max(small * 8, 0.5)


@pytest.mark.parametrize(
    "shape",
    ["{/*", "{/* x */}", "<Badge a='b' ", "<Aside>x</Aside>", "</X>", "import x\n"],
)
def test_converting_takes_linear_time(shape):
    def seconds(size):
        body = shape * (size // len(shape))
        started = time.process_time()
        convert_mdx(body)
        return time.process_time() - started

    small, large = seconds(50_000), seconds(200_000)
    assert large < max(small * 8, 0.5), shape
