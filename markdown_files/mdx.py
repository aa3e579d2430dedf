"""
Turn an MDX body (Astro, Starlight) into Markdown that Blogcraft renders.

MDX is Markdown with ES module lines and JSX components. The module lines are
dropped. Components that have a Blogcraft counterpart become its directive (see
docs/rendering.md): `<Aside type="tip" title="T">` a `:::tip[T]` callout, `<Tabs>`
and `<TabItem label>` tabs, `<Steps>`, `<FileTree>`, `<CardGrid>` and `<Card>`.
Any other component is removed, keeping the text between its tags, and named in
the notes, as is every module line and JSX comment: the editor learns what is gone.

Only components whose tags stand on lines of their own become containers; a tag
inside a line of text is removed there. Code fences are left exactly as they are.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

# Any indentation: MDX indents code inside components as it likes.
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
MODULE_LINE = re.compile(r"^(import|export)\s")
# A component's name starts with a capital (<Aside>, <Tabs.Item>); HTML's do not.
OPENING_TAG = re.compile(r"^<(?P<name>[A-Z][\w.]*)(?P<attributes>[^<>]*?)(?P<end>/?)>$")
CLOSING_TAG = re.compile(r"^</(?P<name>[A-Z][\w.]*)\s*>$")
ONE_LINE = re.compile(
    r"^<(?P<name>[A-Z][\w.]*)(?P<attributes>[^<>]*?)>(?P<text>[^<>]*)</(?P=name)\s*>$"
)
ANY_TAG = re.compile(r"</?(?P<name>[A-Z][\w.]*)(?:\s[^<>]*)?/?>")
ATTRIBUTE = re.compile(
    r"""(?P<name>[\w-]+)=(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')"""
)

CALLOUT_TYPES = {
    "note": "note",
    "info": "note",
    "tip": "tip",
    "caution": "caution",
    "warning": "caution",
    "danger": "danger",
    "error": "danger",
}
# Component name: (Blogcraft container, the attribute that gives its label).
CONTAINERS = {
    "Aside": (None, "title"),  # the callout's kind comes from its type
    "Callout": (None, "title"),
    "Admonition": (None, "title"),
    "Tabs": ("tabs", None),
    "Steps": ("steps", None),
    "FileTree": ("filetree", None),
    "CardGrid": ("cards", None),
    "Card": ("card", "title"),
}
TAB = ("TabItem", "Tab")


def attributes_of(text):
    return {
        match["name"]: match["double"]
        if match["double"] is not None
        else match["single"]
        for match in ATTRIBUTE.finditer(text)
    }


class TabMarker(str):
    """A `::tab[Label]` line: never indented, and not counted when dedenting."""


def label_text(value):
    # A directive's label ends at "]" and stays on one line: brackets become round.
    return " ".join((value or "").replace("[", "(").replace("]", ")").split())


@dataclass
class Container:
    directive: str
    label: str
    children: list = field(default_factory=list)  # lines, Containers, TabMarkers
    name: str = ""

    def height(self):
        """How many containers deep this one nests, counting itself."""
        inner = [
            child.height() for child in self.children if isinstance(child, Container)
        ]
        return 1 + max(inner, default=0)

    def lines(self):
        colons = ":" * (2 + self.height())
        label = f"[{self.label}]" if self.label else ""
        output = [f"{colons}{self.directive}{label}"]
        output.extend(lines_of(self.children))
        output.append(colons)
        return output


def lines_of(children):
    """Return the lines of children, their text dedented as a whole.

    MDX indents what is inside a component and reads no indented code blocks;
    Markdown would, so the common indentation goes.
    """
    texts = [
        child
        for child in children
        if isinstance(child, str) and child.strip() and not isinstance(child, TabMarker)
    ]
    indent = min((len(text) - len(text.lstrip(" \t")) for text in texts), default=0)
    output = []
    for child in children:
        if isinstance(child, Container):
            output.extend(child.lines())
        elif isinstance(child, TabMarker):
            output.append(str(child))
        else:
            output.append(child[indent:] if child.strip() else child.strip())
    return output


@dataclass
class Conversion:
    lines: list = field(default_factory=list)
    stripped: Counter = field(default_factory=Counter)
    mapped: Counter = field(default_factory=Counter)

    def removals(self):
        return [
            f"MDX {what} removed" + times(count)
            for what, count in sorted(self.stripped.items())
        ]

    def mappings(self):
        return [
            f"MDX {name} became {directive}" + times(count)
            for (name, directive), count in sorted(self.mapped.items())
        ]


def times(count):
    return f" ({count}×)" if count > 1 else ""


def container_for(name, attributes):
    """Return the Container a component opens, or None if it has no counterpart."""
    if name not in CONTAINERS:
        return None
    directive, label_attribute = CONTAINERS[name]
    if directive is None:
        kind = attributes.get("type", "note").lower()
        directive = CALLOUT_TYPES.get(kind, "note")
    label = label_text(attributes.get(label_attribute)) if label_attribute else ""
    return Container(directive, label, name=name)


def without_jsx_comments(line, conversion):
    """Remove each {/* … */} of a line, in one pass.

    Not a lazy regex: from every "{/*" it would scan to the end of a line that has
    no "*/}", and a long line of them would take quadratic time.
    """
    kept, position = [], 0
    while (start := line.find("{/*", position)) != -1:
        end = line.find("*/}", start + 3)
        if end == -1:
            break
        kept.append(line[position:start])
        position = end + 3
        conversion.stripped["comment {/* */}"] += 1
    kept.append(line[position:])
    return "".join(kept)


def strip_inline_components(line, conversion):
    """Remove JSX comments and component tags inside a line, noting each."""
    line = without_jsx_comments(line, conversion)
    for match in ANY_TAG.finditer(line):
        if not match.group(0).startswith("</"):
            conversion.stripped[f"<{match['name']}>"] += 1
    return ANY_TAG.sub("", line)


def convert_mdx(body):
    """Return the Markdown body, what was removed, what became a component."""
    conversion = Conversion()
    root = Container("", "")
    stack = [root]
    fence = None
    for line in body.split("\n"):
        target = stack[-1].children
        if fence is not None:
            target.append(line)
            if line.strip().startswith(fence):
                fence = None
            continue
        opening_fence = FENCE.match(line)
        if opening_fence:
            fence = opening_fence.group(1)
            target.append(line)
            continue
        stripped = line.strip()
        if len(stack) == 1 and MODULE_LINE.match(line):
            conversion.stripped[f"{MODULE_LINE.match(line).group(1)} line"] += 1
            continue
        closing = CLOSING_TAG.match(stripped)
        if closing:
            if len(stack) > 1 and stack[-1].name == closing["name"]:
                stack.pop()
            continue  # the tag of a removed component, or a stray one
        opening = OPENING_TAG.match(stripped) or ONE_LINE.match(stripped)
        if opening:
            handle_opening(opening, stack, conversion)
            if "text" in opening.groupdict():
                # <Aside>Text</Aside> on one line: the text, then the closing tag.
                stack[-1].children.append(opening["text"].strip())
                if len(stack) > 1 and stack[-1].name == opening["name"]:
                    stack.pop()
            continue
        target.append(strip_inline_components(line, conversion))
    while len(stack) > 1:
        stack.pop()  # unclosed: closed at the end, as MDX would refuse to
    body = "\n".join(lines_of(root.children))
    return body, conversion.removals(), conversion.mappings()


def handle_opening(opening, stack, conversion):
    name = opening["name"]
    attributes = attributes_of(opening["attributes"])
    self_closing = bool(opening.groupdict().get("end"))
    if name in TAB:
        label = label_text(attributes.get("label")) or "Tab"
        stack[-1].children.append(TabMarker(f"::tab[{label}]"))
        conversion.mapped[(f"<{name}>", "::tab")] += 1
        return
    container = None if self_closing else container_for(name, attributes)
    if container is None:
        conversion.stripped[f"<{name}>"] += 1
        if not self_closing:
            # Its text stays; the closing tag is dropped where it is met.
            stack.append(Passthrough(name=name, parent=stack[-1]))
        return
    conversion.mapped[(f"<{name}>", f":::{container.directive}")] += 1
    stack[-1].children.append(container)
    stack.append(container)


class Passthrough(Container):
    """A removed component: what is inside it goes to the enclosing container."""

    def __init__(self, name, parent):
        super().__init__("", "", name=name)
        self.children = parent.children
