"""
Split a Markdown file into its YAML front matter and its body, trusting neither.

The front matter is loaded by `safe_yaml`, which refuses unsafe tags, anchors and
aliases, and deep nesting.
"""

from .safe_yaml import YamlRefused, load_yaml

DELIMITER = "---"
MAX_FRONT_MATTER_CHARS = 64 * 1024


class FrontMatterError(Exception):
    """The file's front matter cannot be read; the message says why."""


def split_front_matter(text):
    """Return (front matter text, body); the body keeps its bytes exactly."""
    if text.startswith("+++"):
        raise FrontMatterError(
            "TOML front matter (+++) is not supported: convert it to YAML (---)."
        )
    first_line, newline, rest = text.partition("\n")
    if first_line.rstrip("\r") != DELIMITER or not newline:
        raise FrontMatterError("The file does not start with a --- front matter line.")
    position = 0
    while True:
        line_end = rest.find("\n", position)
        line = rest[position:] if line_end == -1 else rest[position:line_end]
        if line.rstrip("\r") == DELIMITER:
            body = "" if line_end == -1 else rest[line_end + 1 :]
            return rest[:position], body
        if line_end == -1:
            raise FrontMatterError("The front matter is not closed by a --- line.")
        position = line_end + 1
        if position > MAX_FRONT_MATTER_CHARS:
            raise FrontMatterError(
                f"The front matter is longer than {MAX_FRONT_MATTER_CHARS:,} "
                "characters, or is not closed by a --- line."
            )


def parse_front_matter(source):
    """Return the front matter as a dict of plain values."""
    try:
        data = load_yaml(source, "The front matter")
    except YamlRefused as error:
        raise FrontMatterError(str(error)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("The front matter must be a mapping of names to values.")
    return data


def read_markdown(text):
    """Return (front matter dict, body) of a Markdown file's text."""
    source, body = split_front_matter(text)
    return parse_front_matter(source), body
