"""Code fences: Expressive Code's meta grammar, Pygments classes, both themes."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from posts.rendering import render_markdown
from posts.rendering.code import HighlightBudget, render_code_block
from posts.rendering.fence_meta import parse_fence_info, parse_ranges


def block(markdown):
    soup = BeautifulSoup(render_markdown(markdown).html, "html.parser")
    return soup.select_one("figure.code-block")


def lines(figure):
    return figure.select(".line")


def test_python_is_highlighted_line_by_line_on_the_server():
    figure = block('```python\ndef greet(name):\n    return f"hi {name}"\n```\n')
    assert figure.select_one("pre")["data-lang"] == "python"
    first, second = lines(figure)
    assert first.select_one(".k").text == "def"
    assert first.select_one(".f").text == "greet"
    assert second.select_one(".k").text == "return"
    assert [line.text for line in lines(figure)] == [
        "def greet(name):",
        '    return f"hi {name}"',
    ]


def test_title_option_and_marked_inserted_deleted_lines():
    figure = block(
        '```ts title="app.ts" {1,3-4} ins={2} del={5}\n'
        "const a = 1;\nconst b = 2;\nlet c;\nlet d;\nlet e;\n```\n"
    )
    assert figure.figcaption.text == "app.ts"
    assert "frame-editor" in figure["class"]
    classes = [set(line["class"]) - {"line"} for line in lines(figure)]
    assert classes == [{"mark"}, {"ins"}, {"mark"}, {"mark"}, {"del"}]


@pytest.mark.parametrize(
    ("first_line", "language", "title"),
    [
        ("# app.py", "python", "app.py"),
        ("// src/app.ts", "ts", "src/app.ts"),
        ("<!-- index.html -->", "html", "index.html"),
    ],
)
def test_a_file_name_comment_becomes_the_title(first_line, language, title):
    figure = block(f"```{language}\n{first_line}\n\nprint(1)\n```\n")
    assert figure.figcaption.text == title
    assert [line.text for line in lines(figure)] == ["print(1)"]


def test_an_ordinary_first_comment_stays_code():
    figure = block("```python\n# Say hello to everyone\nprint(1)\n```\n")
    assert figure.figcaption is None
    assert len(lines(figure)) == 2


@pytest.mark.parametrize("language", ["bash", "sh", "shell", "zsh", "powershell"])
def test_shell_languages_get_a_terminal_frame(language):
    figure = block(f"```{language}\nnpm install\n```\n")
    assert "frame-terminal" in figure["class"]


def test_frame_option_overrides_the_language():
    assert "frame-editor" in block('```bash frame="code"\nls\n```\n')["class"]
    assert "frame-terminal" in block('```js frame="terminal"\nx\n```\n')["class"]
    bare = block('```js frame="none"\nx\n```\n')["class"]
    assert "frame-terminal" not in bare
    assert "frame-editor" not in bare


def test_diff_fence_highlights_the_inner_language_and_marks_lines():
    figure = block(
        '```diff lang="python"\n def f():\n-    return 1\n+    return 2\n```\n'
    )
    assert figure.pre["data-lang"] == "python"
    first, removed, added = lines(figure)
    assert "del" in removed["class"]
    assert "ins" in added["class"]
    # The +/- prefix is gone from the text: the stylesheet draws the markers.
    assert added.text == "    return 2"
    assert added.select_one(".k").text == "return"


def test_line_numbers_are_attributes_not_text():
    figure = block("```js showLineNumbers startLineNumber=41\na\nb\n```\n")
    assert "line-numbers" in figure.pre["class"]
    assert [line["data-line"] for line in lines(figure)] == ["41", "42"]
    assert figure.pre.text == "a\nb\n"


def test_wrap_and_collapsed_ranges():
    code = "\n".join(f"line {n}" for n in range(1, 9))
    figure = block(f"```text wrap collapse={{2-5}}\n{code}\n```\n")
    assert "wrap" in figure.pre["class"]
    details = figure.select("details.code-collapse")
    assert len(details) == 1
    assert details[0].summary.text == "4 collapsed lines"
    assert [line.text for line in details[0].select(".line")] == [
        f"line {n}" for n in range(2, 6)
    ]
    assert len(lines(figure)) == 8


@pytest.mark.parametrize(
    "info",
    [
        "js {oops} ins={3-1} del={a-b} collapse={} frame=window title=",
        "js unknownOption=1 {99999999} startLineNumber=x lang=",
        'js title="unterminated',
        "no-such-language {1}",
    ],
)
def test_bad_options_never_break_the_block(info):
    figure = block(f"```{info}\nconst x = 1;\n```\n")
    assert [line.text for line in lines(figure)] == ["const x = 1;"]


def test_ranges_skip_bad_pieces():
    assert parse_ranges("1, 3-5, x, 9-7, 0, 8") == {1, 3, 4, 5, 8}
    assert parse_fence_info("py {1} mark={2}").marked == {1, 2}


def test_indented_code_and_unknown_languages_render_as_plain_blocks():
    figure = block("    just code\n")
    assert lines(figure)[0].text == "just code"
    assert block("```klingon\nQapla'\n```\n").select(".line")[0].text == "Qapla'"


def test_colours_stop_where_the_budget_runs_out_but_the_code_stays_whole():
    code = "x = 1\n" * 10
    # "x", " ", "=", " ", "1", "\n": six tokens a line; three lines of colour.
    soup = BeautifulSoup(
        render_code_block(code, "python", HighlightBudget(tokens=18)), "html.parser"
    )
    rows = soup.select(".line")
    assert [row.text for row in rows] == ["x = 1"] * 10
    assert [bool(row.select("span")) for row in rows] == [True] * 3 + [False] * 7


def test_a_body_shares_one_budget_among_its_blocks(monkeypatch):
    # "x = 1" is five tokens: two blocks' worth, and two tokens of the third.
    monkeypatch.setattr("posts.rendering.code.MAX_HIGHLIGHTED_TOKENS", 12)
    soup = BeautifulSoup(
        render_markdown("```python\nx = 1\n```\n\n" * 3).html, "html.parser"
    )
    numbers = [bool(figure.select(".n")) for figure in soup.select("figure")]
    assert numbers == [True, True, False]
    assert render_markdown("```python\nx = 1\n```\n").html.count('class="n"') == 1


def test_code_marks_what_the_page_needs():
    rendering = render_markdown("```py\nx = 1\n```\n")
    assert "css/code.css" in rendering.stylesheets
    assert "js/code.js" in rendering.scripts
    plain = render_markdown("Just words.")
    assert "css/code.css" not in plain.stylesheets
    assert "js/code.js" not in plain.scripts


# Colour contrast, computed from the stylesheet itself.

CODE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "code.css"
BACKGROUNDS = ["--code-bg", "--code-mark-bg", "--code-ins-bg", "--code-del-bg"]
NOT_TEXT = {"--code-frame-bg", "--code-border"}


def theme_blocks():
    css = CODE_CSS.read_text()
    light = re.search(r':root,\s*html\[data-theme="light"\]\s*\{(.*?)\}', css, re.S)
    media = re.search(
        r"@media \(prefers-color-scheme: dark\)\s*\{\s*"
        r':root:not\(\[data-theme="light"\]\)\s*\{(.*?)\}',
        css,
        re.S,
    )
    dark = re.search(r'\nhtml\[data-theme="dark"\]\s*\{(.*?)\}', css, re.S)
    declaration = re.compile(r"(--code-[\w-]+):\s*(#[0-9a-f]{6});")
    blocks = {"light": light, "dark": media, "toggle": dark}
    return {name: dict(declaration.findall(m[1])) for name, m in blocks.items()}


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_helper_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_manual_dark_theme_equals_the_preferred_dark_theme():
    themes = theme_blocks()
    assert themes["dark"] == themes["toggle"]
    assert themes["light"].keys() == themes["dark"].keys()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_token_colour_has_enough_contrast_on_every_line_background(theme):
    colours = theme_blocks()[theme]
    text = [name for name in colours if name not in NOT_TEXT | set(BACKGROUNDS)]
    assert len(text) >= 15
    failures = [
        (name, background, round(contrast(colours[name], colours[background]), 2))
        for name in text
        for background in BACKGROUNDS
        if contrast(colours[name], colours[background]) < 4.5
    ]
    assert failures == []


def test_every_token_class_uses_a_defined_colour():
    css = CODE_CSS.read_text()
    used = re.findall(r"\.code \.\w+ \{ color: var\((--code-[\w-]+)\)", css)
    assert len(used) == 13
    assert set(used) <= theme_blocks()["light"].keys()
