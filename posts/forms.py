from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from .conflicts import StaleSaveCheck
from .models import Post, Tag

TAG_NAME_MAX_LENGTH = Tag._meta.get_field("name").max_length


class NormalisedTextForm(forms.ModelForm):
    """A model form that leaves stray control characters to the model to remove.

    The model normalises its text on validation (see posts.normalisation); a form
    field would refuse a pasted NUL with a message the editor cannot act on.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators = [
                validator
                for validator in field.validators
                if not isinstance(validator, ProhibitNullCharactersValidator)
            ]


class PostAdminForm(StaleSaveCheck, NormalisedTextForm):
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
