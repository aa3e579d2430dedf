"""
Posts as Markdown files with YAML front matter: export them, and import them back.

The format is Blogcraft's own (see `exporter`), and the importer also reads the
content folders of Astro and Hugo sites: Markdown and MDX (`mdx`), page-bundle and
public images (`body_links`, `images`), old addresses (`slug_history`). It lives in
`series` because a post's file says which series it belongs to, and only this app
knows both models.
"""

from posts.reports import Report

from .exporter import export_markdown
from .importer import import_markdown

__all__ = ["Report", "export_markdown", "import_markdown"]
