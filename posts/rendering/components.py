"""Writing components: callouts, tabs, FAQ details, steps, file trees, cards, figures.

Containers use Starlight's directive syntax; an outer container takes more colons
than the ones nested in it::

    :::tip[Optional title]        ::::tabs              :::details[Question?]
    Body                          ::tab[npm]            Answer
    :::                           ```sh ... ```         :::
                                  ::tab[pnpm]
                                  ```sh ... ```
                                  ::::

GitHub's alerts (``> [!NOTE]``) become the same callouts. Every component renders
twice: for the page (``env["feed"]`` false) and as plain labelled HTML for feeds.
"""

import re
from html import escape, unescape

from .sanitizer import within_attribute_limit

CALLOUTS = {"note": "Note", "tip": "Tip", "caution": "Caution", "danger": "Danger"}
# GitHub's five alerts: each its own style and the label GitHub gives it. GitHub's
# caution is its most severe, so it takes the danger callout's red, not the yellow
# of a Starlight caution; important and warning have styles of their own.
GITHUB_ALERTS = {
    "NOTE": ("note", "Note"),
    "TIP": ("tip", "Tip"),
    "IMPORTANT": ("important", "Important"),
    "WARNING": ("warning", "Warning"),
    "CAUTION": ("danger", "Caution"),
}
CONTAINERS = [*CALLOUTS, "details", "tabs", "steps", "filetree", "cards", "card"]
CONTAINERS.append("figure")
DIRECTIVE = re.compile(r"\s*(?P<name>[a-z]+)\s*(?:\[(?P<label>[^\]\n]*)\])?\s*")
TAB_MARKER = re.compile(r"::tab\[(?P<label>[^\]\n]*)\]\s*")
ALERT = re.compile(r"\[!(?P<kind>[A-Z]+)\]\s*")


def directive_label(info):
    match = DIRECTIVE.fullmatch(info or "")
    return (match["label"] or "").strip() if match else ""


def tab_marker_rule(state, start_line, end_line, silent):
    """Block rule for ``::tab[Label]``: one line that starts a tab."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    match = TAB_MARKER.fullmatch(state.src[start : state.eMarks[start_line]])
    if not match:
        return False
    if not silent:
        token = state.push("tab_marker", "", 0)
        token.info = match["label"].strip()
        token.map = [start_line, start_line + 1]
        state.line = start_line + 1
    return True


def pair_components(state):
    """Core rule: give closing tokens their opener's data, number tabs, mark alerts."""
    if not may_hold_components(state.src):
        return
    tokens = state.tokens
    stack, quotes = [], []
    tab_groups = 0
    for index, token in enumerate(tokens):
        if token.type.startswith("container_") and token.nesting == 1:
            name = token.type[len("container_") : -len("_open")]
            token.meta = {"name": name, "label": directive_label(token.info)}
            if name == "tabs":
                tab_groups += 1
                token.meta.update(group=tab_groups, tabs=0)
            stack.append(token)
        elif token.type.startswith("container_") and token.nesting == -1 and stack:
            token.meta = stack.pop().meta
        elif token.type == "tab_marker":
            group = next((t for t in reversed(stack) if t.meta["name"] == "tabs"), None)
            if group is not None:
                token.meta = {"group": group.meta["group"], "index": group.meta["tabs"]}
                group.meta["tabs"] += 1
        elif token.type == "blockquote_open":
            mark_github_alert(tokens, index)
            quotes.append(token)
        elif token.type == "blockquote_close" and quotes:
            opener = quotes.pop()
            if "alert" in opener.meta:
                token.meta = opener.meta
    mark_file_tree_items(tokens)
    unwrap_figure_images(tokens)


def may_hold_components(src):
    """Return False if src surely holds no container and no GitHub alert.

    Containers open with ":::"; an alert's "[!" is written out, escaped ("\\[!")
    or an entity ("&#91;!"), which the text of its token reads as "[!" too.
    """
    return any(marker in src for marker in (":::", "[!", "\\", "&"))


def mark_github_alert(tokens, index):
    """Turn ``> [!TIP]`` into a callout: tag the blockquote, drop the marker."""
    if index + 2 >= len(tokens) or tokens[index + 1].type != "paragraph_open":
        return
    inline = tokens[index + 2]
    children = inline.children or []
    if not children or children[0].type != "text":
        return
    match = ALERT.fullmatch(children[0].content)
    if not match or match["kind"] not in GITHUB_ALERTS:
        return
    drop = 2 if len(children) > 1 and children[1].type == "softbreak" else 1
    inline.children = children[drop:]
    if not inline.children:
        tokens[index + 1].hidden = tokens[index + 3].hidden = True
    style, label = GITHUB_ALERTS[match["kind"]]
    tokens[index].meta = {"alert": style, "label": label}


class FileTreeEntry:
    def __init__(self, token):
        self.token = token
        self.text = ""
        self.has_children = False


def mark_file_tree_items(tokens):
    """Class each file tree entry as a folder (ends in "/" or has children) or file.

    One pass: an entry's text is the first inline after it, and it has children if
    a bullet list opens before it closes.
    """
    depth, entries, open_entries, awaiting_text = 0, [], [], []
    for token in tokens:
        if token.type == "container_filetree_open":
            depth += 1
        elif token.type == "container_filetree_close":
            depth -= 1
        elif depth and token.type == "list_item_open":
            entry = FileTreeEntry(token)
            entries.append(entry)
            open_entries.append(entry)
            awaiting_text.append(entry)
        elif (
            token.type == "list_item_close"
            and open_entries
            and open_entries[-1].token.level == token.level
        ):
            entry = open_entries.pop()
            if entry.has_children and open_entries:
                open_entries[-1].has_children = True
        elif token.type == "bullet_list_open" and open_entries:
            open_entries[-1].has_children = True
        elif token.type == "inline" and awaiting_text:
            for entry in awaiting_text:
                entry.text = token.content
            awaiting_text.clear()
    for entry in entries:
        is_folder = entry.has_children or entry.text.rstrip().endswith("/")
        entry.token.attrSet("class", "tree-folder" if is_folder else "tree-file")


def unwrap_figure_images(tokens):
    """A figure's image needs no paragraph around it."""
    for index, token in enumerate(tokens[1:], start=1):
        opener = tokens[index - 1]
        if token.type == "paragraph_open" and opener.type == "container_figure_open":
            token.hidden = tokens[index + 2].hidden = True


def render_container(render_label):
    """Return the render function shared by every container name."""

    def render(self, tokens, index, options, env):
        token = tokens[index]
        name, label = token.meta["name"], token.meta["label"]
        feed = env.get("feed", False)
        # Opening and closing tokens share their meta: one rendering of the title
        # serves both, for the page and the feed.
        if label and "title" not in token.meta:
            token.meta["title"] = render_label(label)
        title = token.meta.get("title", "")
        if token.nesting == 1:
            return (FEED_OPEN if feed else PAGE_OPEN)[kind_of(name)](name, title, label)
        closing = (FEED_CLOSE if feed else PAGE_CLOSE)[kind_of(name)]
        return closing(name, title, token.meta)

    return render


def kind_of(name):
    return "callout" if name in CALLOUTS else name


def plain(html):
    """Return rendered inline HTML as attribute-safe text."""
    return escape(within_attribute_limit(unescape(re.sub(r"<[^>]+>", "", html))))


def callout_title(name, title):
    return title or CALLOUTS[name]


def open_callout(style, title, aria_label):
    return (
        f'<aside class="callout callout-{style}" aria-label="{aria_label}">'
        f'<p class="callout-title">{title}</p>\n'
    )


def open_feed_callout(heading):
    return f"<blockquote><p><strong>{heading}</strong></p>\n"


PAGE_OPEN = {
    "callout": lambda n, t, label: open_callout(
        n, callout_title(n, t), plain(t) or CALLOUTS[n]
    ),
    "details": lambda n, t, label: (
        f'<details class="faq"><summary>{t or "Details"}</summary>\n'
    ),
    "tabs": lambda n, t, label: '<div class="tabs">\n',
    "steps": lambda n, t, label: '<div class="steps">\n',
    "filetree": lambda n, t, label: '<div class="filetree">\n',
    "cards": lambda n, t, label: '<div class="cards">\n',
    "card": lambda n, t, label: (
        f'<section class="card"><p class="card-title">{t}</p>\n'
    ),
    "figure": lambda n, t, label: '<figure class="figure">\n',
}
PAGE_CLOSE = {
    "callout": lambda n, t, meta: "</aside>\n",
    "details": lambda n, t, meta: "</details>\n",
    "tabs": lambda n, t, meta: ("</div>\n" if meta.get("tabs") else "") + "</div>\n",
    "steps": lambda n, t, meta: "</div>\n",
    "filetree": lambda n, t, meta: "</div>\n",
    "cards": lambda n, t, meta: "</div>\n",
    "card": lambda n, t, meta: "</section>\n",
    "figure": lambda n, t, meta: (
        f"<figcaption>{t}</figcaption></figure>\n" if t else "</figure>\n"
    ),
}
FEED_OPEN = {
    "callout": lambda n, t, label: open_feed_callout(
        f"{CALLOUTS[n]}{': ' + t if t else ''}"
    ),
    "details": lambda n, t, label: (
        f"<section><p><strong>{t or 'Details'}</strong></p>\n"
    ),
    "tabs": lambda n, t, label: "<div>\n",
    "steps": lambda n, t, label: "<div>\n",
    "filetree": lambda n, t, label: "<div>\n",
    "cards": lambda n, t, label: "<div>\n",
    "card": lambda n, t, label: f"<section><p><strong>{t}</strong></p>\n",
    "figure": lambda n, t, label: "<figure>\n",
}
FEED_CLOSE = {
    **{name: lambda n, t, meta: "</div>\n" for name in FEED_OPEN},
    "callout": lambda n, t, meta: "</blockquote>\n",
    "details": lambda n, t, meta: "</section>\n",
    "tabs": lambda n, t, meta: (
        ("</section>\n" if meta.get("tabs") else "") + "</div>\n"
    ),
    "card": lambda n, t, meta: "</section>\n",
    "figure": PAGE_CLOSE["figure"],
}


def render_tab_marker(render_label):

    def render(self, tokens, index, options, env):
        token = tokens[index]
        label = render_label(token.info)
        if not token.meta:  # a stray marker outside any tabs container
            return f"<p>::tab[{label}]</p>\n"
        group, position = token.meta["group"], token.meta["index"]
        if env.get("feed", False):
            before = "</section>\n" if position else ""
            return f"{before}<section><p><strong>{label}</strong></p>\n"
        before = "</div>\n" if position else ""
        tab_id = f"bc-tabs-{group}-{position}"
        checked = " checked" if position == 0 else ""
        return (
            f'{before}<input type="radio" class="tab-input" name="bc-tabs-{group}" '
            f'id="{tab_id}"{checked}><label class="tab-label" for="{tab_id}">'
            f'{label}</label>\n<div class="tab-panel">\n'
        )

    return render


def render_blockquote(self, tokens, index, options, env):
    """Blockquotes that carry a GitHub alert render as callouts."""
    token = tokens[index]
    if not token.meta or "alert" not in token.meta:
        return self.renderToken(tokens, index, options, env)
    feed = env.get("feed", False)
    if token.nesting == -1:
        return (FEED_CLOSE if feed else PAGE_CLOSE)["callout"]("", "", token.meta)
    label = token.meta["label"]
    if feed:
        return open_feed_callout(label)
    return open_callout(token.meta["alert"], label, label)


def components_plugin(md):
    from mdit_py_plugins.container import container_plugin

    # Here: plain_inline reads the rule table of dispatch, which reads CONTAINERS.
    from .plain_inline import label_renderer

    render_label = label_renderer(md)
    render = render_container(render_label)
    for name in CONTAINERS:
        container_plugin(
            md,
            name,
            validate=lambda params, *_, name=name: bool(
                (match := DIRECTIVE.fullmatch(params)) and match["name"] == name
            ),
            render=render,
        )
    md.block.ruler.before(
        "paragraph",
        "tab_marker",
        tab_marker_rule,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
    md.core.ruler.push("components", pair_components)
    md.add_render_rule("tab_marker", render_tab_marker(render_label))
    md.add_render_rule("blockquote_open", render_blockquote)
    md.add_render_rule("blockquote_close", render_blockquote)
