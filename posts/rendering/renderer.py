"""One walk over the tokens renders both the page and its feed variant.

Most tokens render the same for both: plain tags, text, links, footnotes. Those
are rendered once and the HTML shared; only the tokens whose rules read the
rendering's env (``env["feed"]``, its math and diagram callbacks, its colouring
budget: code, math, components) are rendered once for each. Tags are written
with one format string instead of markdown-it's piecewise concatenation: a
token stream of a body at the cap holds hundreds of thousands of them.
"""

from markdown_it.renderer import RendererHTML

from .deadline import check_deadline

# The rules that never read env, so one rendering serves page and feed. Tokens
# without a rule of their own are written by renderToken, which never reads it
# either. (The footnote rules read only env["docId"], which neither env sets.)
SAME_FOR_PAGE_AND_FEED = {
    "text",
    "code_inline",
    "link_open",
    "image",
    "softbreak",
    "hardbreak",
    "html_inline",
    "html_block",
    "list_item_open",
    "footnote_ref",
    "footnote_block_open",
    "footnote_block_close",
    "footnote_open",
    "footnote_close",
    "footnote_anchor",
}
# How many tokens pass between two looks at the deadline: every rule is cheap
# for one token, and looking costs as much as rendering a tag.
DEADLINE_STRIDE = 256


class BlogcraftRenderer(RendererHTML):
    def renderToken(self, tokens, idx, options, env):
        """Render a token as markdown-it's default rule does, in one format."""
        token = tokens[idx]
        if token.hidden:
            return ""
        nesting, block = token.nesting, token.block
        # A block opening right after a hidden paragraph starts on its own line.
        after_hidden = block and nesting != -1 and idx and tokens[idx - 1].hidden
        lead = "\n" if after_hidden else ""
        attributes = self.renderAttrs(token) if token.attrs else ""
        slash = " /" if nesting == 0 and options["xhtmlOut"] else ""
        end = ">\n" if block else ">"
        if block and nesting == 1 and idx + 1 < len(tokens):
            following = tokens[idx + 1]
            if (
                following.type == "inline"
                or following.hidden
                or (following.nesting == -1 and following.tag == token.tag)
            ):
                end = ">"
        opening = "</" if nesting == -1 else "<"
        return f"{lead}{opening}{token.tag}{attributes}{slash}{end}"

    def render_page_and_feed(self, tokens, options, page_env, feed_env):
        """Return (page HTML, feed HTML): render(tokens) with each env.

        When no token renders differently, both are the same string.
        """
        page, feed = [], []
        rules = self.rules
        differs = False
        for index, token in enumerate(tokens):
            if not index % DEADLINE_STRIDE:
                check_deadline()
            kind = token.type
            if kind == "inline":
                if token.children:
                    html, feed_html = self.inline_page_and_feed(
                        token.children, options, page_env, feed_env
                    )
                    page.append(html)
                    feed.append(feed_html)
                    differs = differs or html is not feed_html
                continue
            rule = rules.get(kind)
            if rule is None or kind in SAME_FOR_PAGE_AND_FEED:
                html = (rule or self.renderToken)(tokens, index, options, page_env)
                page.append(html)
                feed.append(html)
            else:
                page.append(rule(tokens, index, options, page_env))
                feed.append(rule(tokens, index, options, feed_env))
                differs = differs or page[-1] != feed[-1]
        page_html = "".join(page)
        return page_html, ("".join(feed) if differs else page_html)

    def inline_page_and_feed(self, children, options, page_env, feed_env):
        """Return (page HTML, feed HTML) of an inline token's children."""
        page, feed = [], []
        rules = self.rules
        differs = False
        for index, child in enumerate(children):
            if not index % DEADLINE_STRIDE:
                check_deadline()
            kind = child.type
            rule = rules.get(kind)
            if rule is None or kind in SAME_FOR_PAGE_AND_FEED:
                html = (rule or self.renderToken)(children, index, options, page_env)
                page.append(html)
                feed.append(html)
            else:
                page.append(rule(children, index, options, page_env))
                feed.append(rule(children, index, options, feed_env))
                differs = differs or page[-1] != feed[-1]
        page_html = "".join(page)
        return page_html, ("".join(feed) if differs else page_html)
