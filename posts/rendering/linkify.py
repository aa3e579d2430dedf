"""Bare URLs become links in time linear in the text.

markdown-it's two linkify rules give the same links as these, but the inline rule
searched all the text pending before each ``://`` and copied the rest of the body
to test it, and the core rule rebuilt a paragraph's token list for each text that
held a link: both grew with the square of a long paragraph.

Only what is surely an address becomes a link, as GitHub does it: a URL with its
scheme (``https://…``, ``mailto:…``), one that starts with ``www.``, or an email
address. A bare word that only looks like a domain stays text: ``settings.py``,
``README.md`` and ``app.py`` are file names far more often than sites in Paraguay,
Moldova or the ``.app`` domain.
"""

import re

from linkify_it import LinkifyIt
from linkify_it.main import Match
from markdown_it.common.utils import isLinkClose, isLinkOpen
from markdown_it.token import Token

# markdown-it's: the scheme is the run of scheme characters before "://".
SCHEME_BEFORE = re.compile(r"(?:^|[^a-z0-9.+-])([a-z][a-z0-9.+-]*)$", re.IGNORECASE)
# Longer than any scheme linkify knows ("mailto"): a longer run is no link.
SCHEME_LOOKBACK = 16
HTTP_PREFIX = re.compile(r"^http://")
MAILTO_PREFIX = re.compile(r"^mailto:")
MAILTO_TEST = re.compile(r"^mailto:", re.IGNORECASE)
WWW = re.compile(r"^www\.", re.IGNORECASE)
# Schemes written out in full; linkify also knows "//" (protocol-relative), which
# prose rarely means.
EXPLICIT_SCHEMES = {"http:", "https:", "ftp:", "mailto:"}


def is_real_url(link):
    """Return whether a linkify match is an address and not a domain-like word."""
    return link.schema.lower() in EXPLICIT_SCHEMES or bool(WWW.match(link.text))


class RealUrlsOnly(LinkifyIt):
    """linkify-it that gives only links with a scheme, ``www.`` or an email."""

    def match(self, text):
        # test() is left as it is: match() calls it to walk from link to link.
        links = [link for link in super().match(text) or () if is_real_url(link)]
        return links or None


def real_urls_only_plugin(md):
    """Make md link bare URLs only when they are surely addresses."""
    md.linkify = RealUrlsOnly()


def scheme_before(pending):
    """Return the scheme that ends the pending text, or None."""
    tail = pending[-SCHEME_LOOKBACK:]
    match = SCHEME_BEFORE.search(tail)
    if not match or (match.start(1) == 0 and len(tail) < len(pending)):
        return None
    return match.group(1)


def link_at(linkify, src, start, scheme_length):
    """Return linkify's match for a link with a scheme at start, or None."""
    # linkify's match_at_start() would need a copy of the rest of the body.
    scheme = src[start : start + scheme_length + 1]
    length = linkify.test_schema_at(src, scheme, start + len(scheme))
    if not length:
        return None
    match = Match(src, scheme, start, start + len(scheme) + length)
    linkify.normalize(match)
    return match


def linkify_inline(state, silent):
    """Inline rule for ``scheme://…`` links, as markdown-it's ``linkify``."""
    if not state.md.options.linkify or state.linkLevel > 0:
        return False
    pos, src = state.pos, state.src
    if pos + 3 > state.posMax or src[pos] != ":" or src[pos + 1 : pos + 3] != "//":
        return False
    scheme = scheme_before(state.pending)
    if scheme is None:
        return False
    link = link_at(state.md.linkify, src, pos - len(scheme), len(scheme))
    if link is None:
        return False
    # No "*" at the end: it more likely closes emphasis.
    url = link.url.rstrip("*")
    full_url = state.md.normalizeLink(url)
    if not state.md.validateLink(full_url):
        return False
    if not silent:
        state.pending = state.pending[: -len(scheme)]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": full_url}
        token.markup = "linkify"
        token.info = "auto"
        token = state.push("text", "", 0)
        token.content = state.md.normalizeLinkText(url)
        token = state.push("link_close", "a", -1)
        token.markup = "linkify"
        token.info = "auto"
    state.pos += len(url) - len(scheme)
    return True


def linkify_text(state):
    """Core rule for domains and emails in text, as markdown-it's ``linkify``."""
    linkify = state.md.linkify
    if not state.md.options.linkify:
        return
    for inline in state.tokens:
        if inline.type != "inline" or not linkify.pretest(inline.content):
            continue
        children = inline.children
        replaced = {}
        html_link_level = 0
        # Backwards, as markdown-it does, so that "inside a link" reads the same.
        index = len(children)
        while index >= 1:
            index -= 1
            token = children[index]
            if token.type == "link_close":
                index -= 1
                while (
                    children[index].level != token.level
                    and children[index].type != "link_open"
                ):
                    index -= 1
                continue
            if token.type == "html_inline":
                if isLinkOpen(token.content) and html_link_level > 0:
                    html_link_level -= 1
                if isLinkClose(token.content):
                    html_link_level += 1
            if html_link_level > 0:
                continue
            if token.type == "text" and linkify.test(token.content):
                after_escape = index > 0 and children[index - 1].type == "text_special"
                replaced[index] = linked_text(state, token, after_escape)
        if replaced:
            inline.children = [
                node
                for index, child in enumerate(children)
                for node in replaced.get(index, (child,))
            ]


def linked_text(state, token, after_escape):
    """Return the tokens that replace a text token holding links."""
    md, text = state.md, token.content
    links = md.linkify.match(text) or []
    # "http\://example.com" stays text, not "http:" and a protocol-relative link.
    if links and links[0].index == 0 and after_escape:
        links = links[1:]
    nodes, level, last = [], token.level, 0
    for link in links:
        full_url = md.normalizeLink(link.url)
        if not md.validateLink(full_url):
            continue
        if not link.schema:
            # linkify may send a bare host name: the URL text leaves its "http://".
            link_text = HTTP_PREFIX.sub("", md.normalizeLinkText("http://" + link.text))
        elif link.schema == "mailto:" and MAILTO_TEST.search(link.text):
            link_text = MAILTO_PREFIX.sub(
                "", md.normalizeLinkText("mailto:" + link.text)
            )
        else:
            link_text = md.normalizeLinkText(link.text)
        if link.index > last:
            nodes.append(text_token(text[last : link.index], level))
        opening = Token("link_open", "a", 1)
        opening.attrs = {"href": full_url}
        opening.level, opening.markup, opening.info = level, "linkify", "auto"
        closing = Token("link_close", "a", -1)
        closing.level, closing.markup, closing.info = level, "linkify", "auto"
        nodes += [opening, text_token(link_text, level + 1), closing]
        last = link.last_index
    if last < len(text):
        nodes.append(text_token(text[last:], level))
    return nodes


def text_token(content, level):
    token = Token("text", "", 0, content=content)
    token.level = level
    return token


def linear_linkify_plugin(md):
    """Swap markdown-it's two linkify rules for these, linking real URLs only."""
    real_urls_only_plugin(md)
    md.inline.ruler.at("linkify", linkify_inline)
    md.core.ruler.at("linkify", linkify_text)
