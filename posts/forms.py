from django import forms

from .models import Post


class PostAdminForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = [
            "title",
            "slug",
            "description",
            "body",
            "status",
            "published_at",
            "updated_at",
            "update_note",
            "category",
            "tags",
            "hero_image",
            "hero_image_alt",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"})
        }
