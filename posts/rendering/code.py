"""Code fences: Pygments highlighting on the server, one element per line.

Each line is a ``<span class="line">``; marked, inserted and deleted lines carry a
class, and the line number a ``data-line`` attribute that the stylesheet shows with
generated content, so neither numbers nor +/- markers are ever copied as text.
"""

from functools import lru_cache, partial
from html import escape

from pygments.lexers import get_lexer_by_name
from pygments.token import (
    Comment,
    Error,
    Generic,
    Keyword,
    Name,
    Number,
    Operator,
    String,
    Text,
)
from pygments.util import ClassNotFound

from .deadline import check_deadline
from .fence_meta import parse_fence_info, take_file_name_comment
from .sanitizer import escape_in_runs

FRAME_CLASSES = {"code": "frame-editor", "terminal": "frame-terminal", "none": ""}
escape_text = partial(escape, quote=False)


@lru_cache(maxsize=64)
def lexer_for(language):
    try:
        return get_lexer_by_name(language or "text", stripnl=False, ensurenl=False)
    except ClassNotFound:
        return get_lexer_by_name("text", stripnl=False, ensurenl=False)


# Pygments' fine token types, folded into the few colours a theme defines (see the
# legend in static/css/code.css). The most specific match wins: order matters.
TOKEN_CLASSES = [
    (Keyword.Constant, "n"),
    (Keyword.Type, "e"),
    (Keyword, "k"),
    (Operator.Word, "k"),
    (Operator, "o"),
    (String.Regex, "r"),
    (String.Escape, "r"),
    (String, "s"),
    (Comment, "c"),
    (Number, "n"),
    (Name.Builtin, "n"),
    (Name.Constant, "n"),
    (Name.Function, "f"),
    (Name.Decorator, "f"),
    (Name.Class, "e"),
    (Name.Exception, "e"),
    (Name.Namespace, "e"),
    (Name.Tag, "g"),
    (Name.Attribute, "a"),
    (Name.Variable, "v"),
    (Generic.Prompt, "p"),
    (Generic.Heading, "p"),
    (Generic.Subheading, "p"),
    (Generic.Inserted, "g"),
    (Generic.Deleted, "x"),
    (Generic.Output, "c"),
    (Error, "x"),
]


@lru_cache(maxsize=512)
def css_class(token_type):
    """Return the colour class for a token type, or "" for plain text."""
    for ancestor, name in TOKEN_CLASSES:
        if token_type in ancestor:
            return name
    return ""


# Pygments takes some microseconds a token: past this many tokens in one body, the
# rest of its code keeps its lines and numbers but loses its colours, so a body of
# dense code still renders in well under a second.
MAX_HIGHLIGHTED_TOKENS = 50_000


class HighlightBudget:
    """How many more tokens one body's code may be coloured with."""

    def __init__(self, tokens=None):
        self.tokens_left = MAX_HIGHLIGHTED_TOKENS if tokens is None else tokens

    def take(self):
        self.tokens_left -= 1
        return self.tokens_left >= 0


def highlight_lines(code, language, budget=None):
    """Return the code as a list of highlighted HTML lines."""
    lines = [[]]

    def add(token_type, value):
        for index, piece in enumerate(value.split("\n")):
            if index:
                lines.append([])
            if not piece:
                continue
            name = css_class(token_type)
            text = escape_in_runs(piece, escape_text)
            lines[-1].append(f'<span class="{name}">{text}</span>' if name else text)

    coloured = 0
    tokens = lexer_for(language).get_tokens(code)
    for count, (token_type, value) in enumerate(tokens):
        if count % 1024 == 0:
            check_deadline()  # a long listing can take a while to lex
        if budget is not None and not budget.take():
            add(Text, code[coloured:])
            break
        add(token_type, value)
        coloured += len(value)
    return ["".join(parts) for parts in lines]


def split_diff(lines, meta):
    """Turn +/- prefixes into inserted/deleted lines, dropping the prefix."""
    kept = []
    for number, line in enumerate(lines, start=1):
        if line.startswith(("+++", "---")):
            kept.append(line)
        elif line.startswith("+"):
            meta.inserted.add(number)
            kept.append(line[1:])
        elif line.startswith("-"):
            meta.deleted.add(number)
            kept.append(line[1:])
        else:
            kept.append(line[1:] if line.startswith(" ") else line)
    return kept


def line_html(number, html_line, meta):
    classes = ["line"]
    if number in meta.marked:
        classes.append("mark")
    if number in meta.inserted:
        classes.append("ins")
    elif number in meta.deleted:
        classes.append("del")
    shown = meta.start_line + number - 1
    return f'<span class="{" ".join(classes)}" data-line="{shown}">{html_line}</span>'


def collapse_runs(rendered, collapsed):
    """Wrap each run of collapsed lines in a <details> the reader can open."""
    out, run = [], []

    def flush():
        if run:
            noun = "line" if len(run) == 1 else "lines"
            out.append(
                f'<details class="code-collapse"><summary>{len(run)} collapsed '
                f"{noun}</summary>{''.join(run)}</details>"
            )
            run.clear()

    for number, line in enumerate(rendered, start=1):
        if number in collapsed:
            run.append(line + "\n")
        else:
            flush()
            out.append(line + "\n")
    flush()
    return "".join(out)


def render_code_block(code, info, budget=None):
    """Return the HTML figure for a fenced code block.

    budget, a HighlightBudget shared by a body's blocks, limits the colouring.
    """
    meta = parse_fence_info(info)
    lines = code.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = take_file_name_comment(lines, meta)
    language = meta.language
    if language == "diff":
        lines = split_diff(lines, meta)
        language = meta.diff_language or "text"
    highlighted = highlight_lines("\n".join(lines), language, budget)
    rendered = [
        line_html(number, html_line, meta)
        for number, html_line in enumerate(highlighted, start=1)
    ]
    pre_classes = ["code"]
    if meta.line_numbers:
        pre_classes.append("line-numbers")
    if meta.wrap:
        pre_classes.append("wrap")
    figure_classes = " ".join(filter(None, ["code-block", FRAME_CLASSES[meta.frame]]))
    title = (
        f'<figcaption class="code-title">{escape(meta.title)}</figcaption>'
        if meta.title
        else ""
    )
    return (
        f'<figure class="{figure_classes}">{title}'
        # tabindex: a block that scrolls sideways must be reachable by keyboard.
        f'<pre class="{" ".join(pre_classes)}" data-lang="{escape(language)}" '
        'tabindex="0">'
        f"<code>{collapse_runs(rendered, meta.collapsed)}</code></pre></figure>\n"
    )


# A feed reader may show no CSS at all: there marked, inserted and deleted lines
# keep their meaning as elements and as a column of signs in the text itself,
# read as in a unified diff (">" points at a line, as in a traceback).
FEED_LINE_SIGNS = {"ins": "+", "del": "-", "mark": ">", "": " "}


def feed_line_kind(number, meta):
    if number in meta.inserted:
        return "ins"
    if number in meta.deleted:
        return "del"
    return "mark" if number in meta.marked else ""


def render_plain_code_block(code, info):
    """Return the feed's version: plain <pre><code> under its title.

    Marked, inserted and deleted lines are <mark>, <ins> and <del>, each line
    led by its sign (see FEED_LINE_SIGNS) when the block marks any.
    """
    meta = parse_fence_info(info)
    lines = code.rstrip("\n").split("\n")
    lines = take_file_name_comment(lines, meta)
    title = f"<p><strong>{escape(meta.title)}</strong></p>" if meta.title else ""
    if meta.language == "diff":
        split_diff(list(lines), meta)  # only to learn the kinds of lines
    kinds = [feed_line_kind(number, meta) for number in range(1, len(lines) + 1)]
    any_marked = any(kinds)
    # A diff fence's lines already start with their signs.
    signed = any_marked and meta.language != "diff"
    rendered = []
    for kind, line in zip(kinds, lines, strict=True):
        text = escape_in_runs(
            f"{FEED_LINE_SIGNS[kind]} {line}" if signed else line, escape_text
        )
        # Once one line is an element, every line is one: newsboat drops the line
        # break at the end of a text that an element follows.
        tag = kind or "span"
        rendered.append(f"<{tag}>{text}</{tag}>" if any_marked else text)
    body = "\n".join(rendered)
    return f"{title}<pre><code>{body}</code></pre>\n"
