from django.urls import path

from . import views

app_name = "posts"

urlpatterns = [
    path("", views.home, name="home"),
    path("blog/<slug:slug>/", views.post_detail, name="detail"),
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
]
