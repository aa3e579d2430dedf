from django.contrib import admin
from django.urls import include, path

from posts import editor

from . import views

urlpatterns = [
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
    path("editor/markdownify/", editor.preview, name="editor-preview"),
    path("editor/upload/", editor.upload, name="editor-upload"),
    path("series/", include("series.urls")),
    path("", include("posts.urls")),
]
