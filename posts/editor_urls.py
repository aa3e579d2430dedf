"""The editor's endpoints (staff only, POST only), under /editor/.

The names stay global (no namespace): markdownx's settings spell the first two
paths, and the admin's post form reverses the others by name.
"""

from django.urls import path

from . import editor, editor_page

urlpatterns = [
    path("markdownify/", editor.preview, name="editor-preview"),
    path("upload/", editor.upload, name="editor-upload"),
    path("checks/", editor.checks, name="editor-checks"),
    path("preview-page/", editor_page.preview_page, name="editor-preview-page"),
]
