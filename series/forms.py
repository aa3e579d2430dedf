from django import forms

from posts.conflicts import StaleSaveCheck
from posts.forms import NormalisedTextForm

from .models import Series


class SeriesAdminForm(StaleSaveCheck, NormalisedTextForm):
    class Meta:
        model = Series
        fields = [
            "title",
            "slug",
            "description",
            "cover_image",
            "cover_image_alt",
            "status",
            "planned_parts",
            "on_part_removal",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"})
        }
