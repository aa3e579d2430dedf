"""
Posts and series as Markdown files with YAML front matter: export them, and import
them back (commands `export_markdown`, `import_markdown`).

The format is Blogcraft's own (see `exporter`), and the importer also reads the
content folders of Astro and Hugo sites: Markdown and MDX (`mdx`), page-bundle and
public images (`body_links`, `images`), old addresses (`slug_history`). An app of
its own because a post's file says which series it belongs to: it knows both
`posts` and `series`, and neither of them knows it.
"""
