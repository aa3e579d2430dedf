"""Task lists: list items that start with ``[ ]`` or ``[x]`` get a checkbox.

mdit-py-plugins' rule found each item's list by searching back through every token
before it, which grows with the square of a long list. This rule gives the same
output, remembering the last token seen at each nesting level.
"""

import re

from markdown_it.token import Token

# A GFM task marker: "[ ]", "[x]" or "[X]", then whitespace.
TODO = re.compile(r"\[[ xX]][ \t\n\v\f\r]+")
# An item's content is cut from the body's lines: no marker in the body, no item.
TODO_ANYWHERE = re.compile(r"\[[ xX]]")
UNCHECKED = (
    '<input class="task-list-item-checkbox" disabled="disabled" type="checkbox">'
)
CHECKED = (
    '<input class="task-list-item-checkbox" checked="checked" disabled="disabled" '
    'type="checkbox">'
)


def is_todo_item(tokens, index):
    return (
        tokens[index].type == "inline"
        and tokens[index - 1].type == "paragraph_open"
        and tokens[index - 2].type == "list_item_open"
        and TODO.match(tokens[index].content) is not None
    )


def checkbox(content):
    token = Token("html_inline", "", 0)
    if content.startswith("[ ] "):
        token.content = UNCHECKED
    elif content.startswith(("[x] ", "[X] ")):
        token.content = CHECKED
    return token


def task_lists(state):
    """Core rule: turn todo items into disabled checkboxes and class their list."""
    if not TODO_ANYWHERE.search(state.src):
        return  # no marker, no item to walk the tokens for
    tokens = state.tokens
    # The latest token at each level: a list item's list is the latest one a level up.
    latest_at_level = {}
    for index, token in enumerate(tokens[:-1]):
        if index >= 2 and is_todo_item(tokens, index):
            token.children.insert(0, checkbox(token.content))
            token.children[1].content = token.children[1].content[3:]
            token.content = token.content[3:]
            item = tokens[index - 2]
            item.attrSet("class", "task-list-item")
            parent = latest_at_level.get(item.level - 1, len(tokens) - 1)
            tokens[parent].attrSet("class", "contains-task-list")
        latest_at_level[token.level] = index


def task_lists_plugin(md):
    md.core.ruler.after("inline", "github-tasklists", task_lists)
