from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.urls import reverse

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


class PostAdminForm(NormalisedTextForm):
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
        help_texts = {
            "body": "Markdown. Beside it, the page as readers will see it once saved, "
            "at the width of their column and scaled down to fit; “Preview in a new "
            "tab” shows it full size. A hero image appears there once it is saved."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Where the editor's page preview sends the form (static/js/page-preview.js).
        preview_url = reverse("editor-preview-page")
        if self.instance.pk is not None:
            preview_url += f"?post={self.instance.pk}"
        self.fields["body"].widget.attrs["data-page-preview-url"] = preview_url

    def clean_tags(self):
        names = self.cleaned_data["tags"]
        too_long = [name for name in names if len(name) > TAG_NAME_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                f"A tag may have at most {TAG_NAME_MAX_LENGTH} characters; this one "
                f"has {len(too_long[0])}: “{too_long[0][:30]}…”."
            )
        return names
