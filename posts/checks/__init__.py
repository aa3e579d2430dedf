"""Checks an editor sees beside the preview and in the post list.

Each check looks at one thing a reader would trip over (a heading out of order, an
image without alt text, a link to a page that does not exist…) and says where and
how to fix it. Checks warn; they never stop a save.

- ``body``: the Markdown's structure, from the token stream the renderer parses once;
- ``links``: internal links, against what the public can open;
- ``metadata``: the title and description, as search results and link previews show
  them.
"""
