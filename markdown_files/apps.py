from django.apps import AppConfig


class MarkdownFilesConfig(AppConfig):
    name = "markdown_files"
    verbose_name = "Markdown files"
