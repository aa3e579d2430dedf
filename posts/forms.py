from django import forms

from .models import Post


class PostAdminForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = "__all__"
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
