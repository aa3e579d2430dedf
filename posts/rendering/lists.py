"""markdown-it's list rule, written for speed: the same tokens, in less time.

A body of nested list markers ("- - - - a" on every line) opens ten lists a line,
and at the size cap that is hundreds of thousands of tokens made by this one rule.
markdown-it-py's version (4.3, ``rules_block/list.py``) spends much of that time
around the work: a debug log call per list, the state's attributes looked up again
and again, a token made by ``state.push`` with its dataclass defaults, and a last
pass that marks tight paragraphs by reading every token of the nested lists too.
This rule keeps its logic step for step (the comments follow the original) and
cuts that overhead. Task-list checkboxes are left to ``tasklists.py``, as before:
markdown-it's own ``tasklists`` option is never turned on here.
"""

from markdown_it.rules_block.list import skipBulletListMarker, skipOrderedListMarker
from markdown_it.token import Token

LIST_OPENINGS = {"bullet_list_open", "ordered_list_open"}
# A token made field by field: three times faster than Token()'s dataclass
# __init__, which fills its defaults one keyword at a time and then converts the
# attributes. test_lists checks that the two are equal field for field.
new_object = object.__new__


def push(state, kind, tag, nesting, markup):
    """Append a block token as state.push() does, with its markup set."""
    token = new_object(Token)
    token.type, token.tag, token.nesting = kind, tag, nesting
    token.attrs, token.map, token.children = {}, None, None
    token.content, token.markup, token.info = "", markup, ""
    token.meta, token.block, token.hidden = {}, True, False
    if nesting < 0:
        state.level -= 1
    token.level = state.level
    if nesting > 0:
        state.level += 1
    state.tokens.append(token)
    return token


def mark_tight_paragraphs(tokens, start, level, list_ends):
    """Hide the paragraphs at level among tokens[start:-2], as markdown-it does.

    Nested lists are stepped over (list_ends maps the index of each list's first
    token to that of its last): they hold no token at level, and reading them
    again for every list around them made nested lists cost their depth times.
    """
    index, end = start, len(tokens) - 2
    while index < end:
        token = tokens[index]
        if token.level == level:
            if token.type == "paragraph_open":
                token.hidden = True
                tokens[index + 2].hidden = True
                index += 2
            elif token.type in LIST_OPENINGS:
                index = list_ends.get(index, index)
        index += 1


def tokenize(state, start_line, end_line, rules):
    """Parse lines as markdown-it's block tokenize() does, with the rules given.

    The same loop, less its lookups: markdown-it asks the ruler for its chain of
    rules on every call, and a list calls this once per item.
    """
    line = start_line
    max_nesting = state.md.options.maxNesting
    has_empty_lines = False
    s_count = state.sCount
    while line < end_line:
        state.line = line = state.skipEmptyLines(line)
        if line >= end_line:
            break
        # The end of a nested call (a list item, a quote).
        if s_count[line] < state.blkIndent:
            break
        # Too deep: the rest is skipped, as markdown-it does.
        if state.level >= max_nesting:
            state.line = end_line
            break
        for rule in rules:
            if rule(state, line, end_line, False):
                if state.line <= line:
                    raise RuntimeError("block rule didn't increment state.line")
                break
        else:
            raise RuntimeError("none of the block rules matched")
        # The blank line before the current block counts, the last one does not.
        state.tight = not has_empty_lines
        line = state.line
        # A paragraph may take one blank line after it in nested lists.
        if (line - 1) < end_line and state.isEmpty(line - 1):
            has_empty_lines = True
        if line < end_line and state.isEmpty(line):
            has_empty_lines = True
            line += 1
            state.line = line


class ListParsing:
    """What every list of one parse shares, looked up once per parse."""

    def __init__(self, md):
        self.rules = md.block.ruler.getRules("")
        self.terminators = md.block.ruler.getRules("list")
        # {index of a list's first token: index of its last}, for
        # mark_tight_paragraphs.
        self.ends = {}

    @classmethod
    def of(cls, state):
        try:
            return state.blogcraft_lists
        except AttributeError:
            state.blogcraft_lists = cls(state.md)
            return state.blogcraft_lists


def list_block(state, startLine, endLine, silent):  # noqa: N803 (markdown-it names)
    src, bMarks, tShift, sCount = state.src, state.bMarks, state.tShift, state.sCount
    if state.is_code_block(startLine):
        return False
    # A line indented four or more past the enclosing item's marker, but less than
    # its content, continues a paragraph ("- a\n  - b\n   - c\n    - d\n     - e").
    if (
        state.listIndent >= 0
        and sCount[startLine] - state.listIndent >= 4
        and sCount[startLine] < state.blkIndent
    ):
        return False
    # A list may interrupt a paragraph only under conditions (validation only).
    terminates_paragraph = (
        silent
        and state.parentType == "paragraph"
        and sCount[startLine] >= state.blkIndent
    )
    # Only a digit starts an ordered list.
    first = bMarks[startLine] + tShift[startLine]
    after_marker = (
        skipOrderedListMarker(state, startLine)
        if src[first : first + 1].isdigit()
        else -1
    )
    if after_marker >= 0:
        ordered = True
        start = bMarks[startLine] + tShift[startLine]
        marker_value = int(src[start : after_marker - 1])
        # An ordered list right after a paragraph must start with 1.
        if terminates_paragraph and marker_value != 1:
            return False
    else:
        after_marker = skipBulletListMarker(state, startLine)
        if after_marker < 0:
            return False
        ordered = False
    # A list right after a paragraph must not start with an empty item.
    if (
        terminates_paragraph
        and state.skipSpaces(after_marker) >= state.eMarks[startLine]
    ):
        return False
    # A change of marker ends the list.
    marker = src[after_marker - 1]
    if silent:
        return True

    list_index = len(state.tokens)
    if ordered:
        token = push(state, "ordered_list_open", "ol", 1, marker)
        if marker_value != 1:
            token.attrs = {"start": marker_value}
    else:
        token = push(state, "bullet_list_open", "ul", 1, marker)
    token.map = list_lines = [startLine, 0]

    next_line = startLine
    previous_ends_empty = False
    tight = True
    parsing = ListParsing.of(state)
    rules, terminators = parsing.rules, parsing.terminators
    old_parent_type = state.parentType
    state.parentType = "list"

    while next_line < endLine:
        position = after_marker
        maximum = state.eMarks[next_line]
        initial = offset = (
            sCount[next_line] + after_marker - (bMarks[startLine] + tShift[startLine])
        )
        while position < maximum:
            character = src[position]
            if character == "\t":
                offset += 4 - (offset + state.bsCount[next_line]) % 4
            elif character == " ":
                offset += 1
            else:
                break
            position += 1
        content_start = position
        # "-    \n  3": an empty first line means an indent of 1.
        indent_after_marker = 1 if content_start >= maximum else offset - initial
        # More than four spaces: the indent is 1, the rest is indented code.
        if indent_after_marker > 4:
            indent_after_marker = 1
        indent = initial + indent_after_marker

        token = push(state, "list_item_open", "li", 1, marker)
        token.map = item_lines = [startLine, 0]
        if ordered:
            token.info = src[start : after_marker - 1]

        # Parse the item with the state set to its content, then restore the state.
        old_tight = state.tight
        old_t_shift = tShift[startLine]
        old_s_count = sCount[startLine]
        old_list_indent = state.listIndent
        state.listIndent = state.blkIndent
        state.blkIndent = indent
        state.tight = True
        tShift[startLine] = content_start - bMarks[startLine]
        sCount[startLine] = offset

        if content_start >= maximum and state.isEmpty(startLine + 1):
            # An empty item followed by a blank line ends the list:
            # "  -\n\n    foo" is an empty list, then foo.
            state.line = min(state.line + 2, endLine)
        else:
            tokenize(state, startLine, endLine, rules)

        # One loose item makes the whole list loose.
        if not state.tight or previous_ends_empty:
            tight = False
        # An item ending with a blank line makes the list loose, unless it is
        # the last one (then the blank line ends the list).
        previous_ends_empty = (state.line - startLine) > 1 and state.isEmpty(
            state.line - 1
        )

        state.blkIndent = state.listIndent
        state.listIndent = old_list_indent
        tShift[startLine] = old_t_shift
        sCount[startLine] = old_s_count
        state.tight = old_tight

        push(state, "list_item_close", "li", -1, marker)
        next_line = startLine = state.line
        item_lines[1] = next_line
        if next_line >= endLine:
            break
        # Does the list go on?
        if sCount[next_line] < state.blkIndent or state.is_code_block(startLine):
            break
        if any(rule(state, next_line, endLine, True) for rule in terminators):
            break
        # A list of another kind, or with another marker, is another list.
        if ordered:
            after_marker = skipOrderedListMarker(state, next_line)
            if after_marker < 0:
                break
            start = bMarks[next_line] + tShift[next_line]
        else:
            after_marker = skipBulletListMarker(state, next_line)
            if after_marker < 0:
                break
        if marker != src[after_marker - 1]:
            break

    if ordered:
        push(state, "ordered_list_close", "ol", -1, marker)
    else:
        push(state, "bullet_list_close", "ul", -1, marker)
    list_lines[1] = next_line
    state.line = next_line
    state.parentType = old_parent_type
    parsing.ends[list_index] = len(state.tokens) - 1
    if tight:
        mark_tight_paragraphs(
            state.tokens, list_index + 2, state.level + 2, parsing.ends
        )
    return True


def fast_lists_plugin(md):
    """Replace markdown-it's list rule with list_block, keeping its place and alts."""
    md.block.ruler.at(
        "list", list_block, {"alt": ["paragraph", "reference", "blockquote"]}
    )
