"""The Copy button of a code block never covers its code or its title."""

import pytest

from posts.rendering import render_markdown

from .test_rendering_browser import serve

pytestmark = pytest.mark.browser

# Wider than a desktop's column too: a first line may run under the button anywhere.
LONG_LINE = "result = compute(" + ", ".join(f"argument_{n}" for n in range(14)) + ")"
FENCES = {
    "untitled": "```python\n{line}\nsecond = 2\n```",
    "untitled, numbered": "```python showLineNumbers\n{line}\nsecond = 2\n```",
    "untitled, no frame": '```python frame="none"\n{line}\nsecond = 2\n```',
    "titled": '```python title="a_rather_long_file_name_for_a_phone.py"\n{line}\n```',
    "terminal": "```bash\n{line}\nls\n```",
    "terminal, titled": '```bash title="Installing the dependencies"\n{line}\n```',
}
# The boxes of each block's button, first line's text and title's text.
BOXES = """() => [...document.querySelectorAll("figure.code-block")].map((block) => {
  const box = (element) => {
    const {left, right, top, bottom} = element.getBoundingClientRect();
    return {left, right, top, bottom};
  };
  const textBox = (element) => {
    if (!element) return null;
    const range = document.createRange();
    range.selectNodeContents(element);
    const box = range.getBoundingClientRect();
    return {left: box.left, right: box.right, top: box.top, bottom: box.bottom};
  };
  return {
    button: box(block.querySelector(":scope > .code-copy")),
    line: textBox(block.querySelector(".line")),
    title: textBox(block.querySelector(".code-title")),
  };
})"""


def overlap(first, second):
    return (
        first["left"] < second["right"]
        and second["left"] < first["right"]
        and first["top"] < second["bottom"]
        and second["top"] < first["bottom"]
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_the_copy_button_leaves_the_first_line_and_title_readable(pages, width):
    page = pages.open(width=width, height=844)
    body = "\n\n".join(fence.format(line=LONG_LINE) for fence in FENCES.values())
    serve(page, render_markdown(body).html)
    page.locator("button.code-copy").first.wait_for()
    blocks = page.evaluate(BOXES)
    assert len(blocks) == len(FENCES)
    for kind, boxes in zip(FENCES, blocks, strict=True):
        assert boxes["button"] is not None, kind
        assert not overlap(boxes["button"], boxes["line"]), kind
        if boxes["title"] is not None:
            assert not overlap(boxes["button"], boxes["title"]), kind
