from django import forms

from .models import Series


class SeriesAdminForm(forms.ModelForm):
    class Meta:
        model = Series
        fields = [
            "title",
            "slug",
            "description",
            "cover_image",
            "cover_image_alt",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"})
        }
