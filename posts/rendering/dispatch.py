"""Markdown rules tried only where they can match.

markdown-it tries every inline rule, in order, at every character that ends a run
of plain text (fifteen calls a character on a body of punctuation), and every
block rule at the start of every line, and again on each line of a paragraph to
see whether it ends there. Most rules begin by testing one character, and do
nothing when it differs: one rule that looks the character up and calls, in
order, only the rules that could match gives the same tokens with a fraction of
the calls.
"""

import re
from time import monotonic

from markdown_it.ruler import Ruler

from .components import CONTAINERS
from .deadline import current_deadline, render_timeout

# For a rule tried only at the characters no other rule starts at.
OTHER = "other"
# The characters each inline rule can start at. The text rule takes runs of plain
# text and nothing at a markup character, and every character listed is one.
INLINE_RULE_STARTS = {
    "text": OTHER,
    "linkify": ":",
    "newline": "\n",
    "math_inline": "$",
    "escape": "\\",
    "backticks": "`",
    "strikethrough": "~",
    "emphasis": "*_",
    "link": "[",
    "image": "!",
    "footnote_inline": "^",
    "footnote_ref": "[",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
}
# The first characters of the lines each block rule can start at; None for the
# rules that look further (tables, setext headings), at indentation (indented
# code) or take any line (paragraphs).
BLOCK_RULE_STARTS = {
    "table": None,
    "code": None,
    "math_block": "$",
    **{f"container_{name}": ":" for name in CONTAINERS},
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "footnote_def": "[",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
    "lheading": None,
    "tab_marker": ":",
    "paragraph": None,
}
# A thematic break: three or more of one marker, with spaces or tabs between.
THEMATIC_BREAK = re.compile(r"(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}")


def opens_container(src, start, end):
    return src.startswith(":::", start)


def is_thematic_break(src, start, end):
    # A break ends on its marker or a space: most lines that start with one
    # ("- item") are refused without the pattern, which backtracks on each.
    if src[end - 1] not in "*-_ \t":
        return False
    return THEMATIC_BREAK.fullmatch(src, start, end) is not None


# Cheap tests of a whole line for rules that need more than its first character,
# so that a rule is called only where it can match: a container opens with at
# least three colons (a line of tab markers, "::tab[…]", would otherwise try
# every container in turn), and markdown-it's rule for thematic breaks reads
# each "- " line of a list character by character in Python.
BLOCK_RULE_GATES = {
    **{f"container_{name}": opens_container for name in CONTAINERS},
    "hr": is_thematic_break,
}


def rules_by_character(rules, known_starts):
    """Return ({character: [rule, …]}, [rules for any other character]).

    rules are (name, function) pairs in their order; the order is kept. A rule
    starts at the characters known_starts lists for it; None means anywhere, and
    OTHER at the characters that no other rule lists.
    """
    unknown = {name for name, _ in rules} - set(known_starts)
    if unknown:
        raise ValueError(f"No start characters known for the rules {unknown}")
    starts = {name: known_starts[name] for name, _ in rules}
    characters = {c for start in starts.values() if start != OTHER for c in start or ""}
    by_character = {
        character: [
            function
            for name, function in rules
            if starts[name] is None
            or (starts[name] != OTHER and character in starts[name])
        ]
        for character in characters
    }
    anywhere = [function for name, function in rules if starts[name] in (None, OTHER)]
    return by_character, anywhere


class DispatchingRuler(Ruler):
    """A ruler that compiles each chain of rules into one dispatching rule.

    Rules are added, replaced and enabled as usual; the chains are built when the
    parser first asks for them, and again after any change. The dispatching rule
    checks the rendering's deadline before it tries any rule.
    """

    checks_deadline = True

    def __compile__(self):
        enabled = [rule for rule in self.__rules__ if rule.enabled]
        chains = {"", *(name for rule in enabled for name in rule.alt)}
        self.__cache__ = {
            chain: [
                self.dispatcher(
                    *rules_by_character(
                        [
                            (rule.name, self.gated(rule.name, rule.fn))
                            for rule in enabled
                            if not chain or chain in rule.alt
                        ],
                        self.starts,
                    )
                )
            ]
            for chain in chains
        }

    def gated(self, name, rule):
        return rule

    @classmethod
    def replacing(cls, ruler):
        """Return a dispatching ruler holding ruler's rules."""
        dispatching = cls()
        dispatching.__rules__ = ruler.__rules__
        return dispatching


class InlineRuler(DispatchingRuler):
    starts = INLINE_RULE_STARTS

    @staticmethod
    def dispatcher(by_character, anywhere):
        # The deadline check is written out: this runs once per markup character.
        def inline_rule(state, silent):
            deadline = current_deadline()
            if deadline is not None and monotonic() > deadline.expires_at:
                raise render_timeout(deadline.seconds)
            for rule in by_character.get(state.src[state.pos], anywhere):
                if rule(state, silent):
                    return True
            return False

        return inline_rule


def indented_code_only(rule):
    """Return the indented code rule, called only at lines indented as code.

    It is tried at every line (it starts at no particular character), and
    markdown-it's rule logs a debug message before its own first test, this one.
    """

    def code_rule(state, start_line, end_line, silent):
        if not state.is_code_block(start_line):
            return False
        return rule(state, start_line, end_line, silent)

    return code_rule


class BlockRuler(DispatchingRuler):
    starts = BLOCK_RULE_STARTS

    def gated(self, name, rule):
        """Return rule, called only at lines that pass its gate."""
        if name == "code":
            return indented_code_only(rule)
        gate = BLOCK_RULE_GATES.get(name)
        if gate is None:
            return rule

        def gated_rule(state, start_line, end_line, silent):
            start = state.bMarks[start_line] + state.tShift[start_line]
            if not gate(state.src, start, state.eMarks[start_line]):
                return False
            return rule(state, start_line, end_line, silent)

        return gated_rule

    @staticmethod
    def dispatcher(by_character, anywhere):
        def block_rule(state, start_line, end_line, silent):
            deadline = current_deadline()
            if deadline is not None and monotonic() > deadline.expires_at:
                raise render_timeout(deadline.seconds)
            start = state.bMarks[start_line] + state.tShift[start_line]
            for rule in by_character.get(state.src[start : start + 1], anywhere):
                if rule(state, start_line, end_line, silent):
                    return True
            return False

        return block_rule


def dispatch_plugin(md):
    """Try the inline and block rules only where their first character is."""
    md.inline.ruler = InlineRuler.replacing(md.inline.ruler)
    md.block.ruler = BlockRuler.replacing(md.block.ruler)
