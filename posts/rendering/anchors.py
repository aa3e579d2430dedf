"""Heading anchors: a link at the end of each h2 and h3, to copy its address.

The link holds no text (static/css/prose.css draws the "#"), so the heading's words,
the table of contents and the search text stay what the author wrote; feed readers
get no anchors.
"""

from markdown_it.common.utils import escapeHtml

from .headings import LEVELS, heading_title


def render_heading_close(self, tokens, index, options, env):
    close = self.renderToken(tokens, index, options, env)
    # A heading is always three tokens: heading_open, its inline text, heading_close.
    opening = tokens[index - 2]
    heading_id = opening.attrGet("id")
    if env.get("feed") or opening.tag not in LEVELS or not heading_id:
        return close
    title = escapeHtml(heading_title(tokens[index - 1]).strip())
    return (
        f'<a class="heading-anchor" href="#{escapeHtml(heading_id)}" '
        f'aria-label="Link to the section “{title}”"></a>{close}'
    )
