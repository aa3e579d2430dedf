from django import forms

from .models import Post, Tag

TAG_NAME_MAX_LENGTH = Tag._meta.get_field("name").max_length


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

    def clean_tags(self):
        names = self.cleaned_data["tags"]
        too_long = [name for name in names if len(name) > TAG_NAME_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                f"A tag may have at most {TAG_NAME_MAX_LENGTH} characters; this one "
                f"has {len(too_long[0])}: “{too_long[0][:30]}…”."
            )
        return names
