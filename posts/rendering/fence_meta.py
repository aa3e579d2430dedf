"""Read a code fence's info string, following Expressive Code's grammar.

    ```ts title="app.ts" {1,3-5} ins={2} del={7} showLineNumbers wrap
    ```diff lang="py" frame="terminal" startLineNumber=10 collapse={1-5}

Unknown options and malformed ranges are ignored: a typo in the meta never breaks
the block, it only loses the option.
"""

import re
from dataclasses import dataclass, field

SHELL_LANGUAGES = {"bash", "sh", "shell", "zsh", "powershell", "ps1", "console"}
FRAMES = {"code", "terminal", "none"}
MAX_LINE_NUMBER = 100_000
# key="quoted value" | key={ranges} | key=bare | {ranges} | bare-word
OPTION = re.compile(
    r"""(?P<key>[A-Za-z][\w-]*)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|\{(?P<br>[^}]*)\}|(?P<bare>\S+))
    |\{(?P<ranges>[^}]*)\}
    |(?P<flag>[A-Za-z][\w-]*)""",
    re.VERBOSE,
)
# A first line that only names a file: "# app.py", "// app.ts", "<!-- page.html -->".
FILE_NAME_COMMENT = re.compile(
    r"^\s*(?:#|//|--|;|%|/\*|<!--)\s*(?P<name>[\w./@-]+\.[A-Za-z0-9]+)"
    r"\s*(?:\*/|-->)?\s*$"
)


@dataclass
class FenceMeta:
    language: str = ""
    title: str = ""
    frame: str = "code"
    marked: set = field(default_factory=set)
    inserted: set = field(default_factory=set)
    deleted: set = field(default_factory=set)
    collapsed: set = field(default_factory=set)
    line_numbers: bool = False
    start_line: int = 1
    wrap: bool = False
    diff_language: str = ""
    explicit_frame: bool = False


def parse_ranges(text):
    """Return the line numbers in "1, 3-5"; bad pieces are skipped."""
    lines = set()
    for piece in text.split(","):
        piece = piece.strip()
        match = re.fullmatch(r"(\d{1,6})(?:\s*-\s*(\d{1,6}))?", piece)
        if not match:
            continue
        first = int(match[1])
        last = int(match[2] or first)
        if 0 < first <= last <= MAX_LINE_NUMBER:
            lines.update(range(first, last + 1))
    return lines


def parse_fence_info(info):
    """Return the FenceMeta for a fence's info string."""
    language, _, rest = (info or "").strip().partition(" ")
    meta = FenceMeta(language=language.lower()[:40])
    frame = ""
    for match in OPTION.finditer(rest):
        if match["ranges"] is not None:
            meta.marked |= parse_ranges(match["ranges"])
            continue
        if match["flag"]:
            flag = match["flag"]
            if flag == "showLineNumbers":
                meta.line_numbers = True
            elif flag == "wrap":
                meta.wrap = True
            continue
        key = match["key"]
        value = next(
            (v for v in (match["dq"], match["sq"], match["br"], match["bare"]) if v),
            "",
        )
        if key == "title":
            meta.title = value[:200]
        elif key == "frame" and value in FRAMES:
            frame = value
        elif key in {"mark", "ins", "del", "collapse"}:
            target = {"mark": "marked", "ins": "inserted", "del": "deleted"}
            getattr(meta, target.get(key, "collapsed")).update(parse_ranges(value))
        elif key == "lang":
            meta.diff_language = value.lower()[:40]
        elif key == "startLineNumber" and value.isdigit():
            meta.start_line = min(int(value), MAX_LINE_NUMBER)
            meta.line_numbers = True
        elif key == "showLineNumbers":
            meta.line_numbers = value.lower() != "false"
        elif key == "wrap":
            meta.wrap = value.lower() != "false"
    meta.explicit_frame = bool(frame)
    meta.frame = frame or ("terminal" if meta.language in SHELL_LANGUAGES else "code")
    return meta


def take_file_name_comment(lines, meta):
    """Move a leading file-name comment into the title; return the remaining lines."""
    if meta.title or not lines or (meta.explicit_frame and meta.frame == "terminal"):
        return lines
    match = FILE_NAME_COMMENT.match(lines[0])
    if not match:
        return lines
    meta.title = match["name"]
    # A shell block that names its file is a script to save, not a session.
    if not meta.explicit_frame:
        meta.frame = "code"
    rest = lines[1:]
    # The comment usually stands apart from the code by one blank line.
    if rest and not rest[0].strip():
        rest = rest[1:]
    return rest
