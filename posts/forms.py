from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import ProhibitNullCharactersValidator
from django.urls import reverse

from .conflicts import StaleSaveCheck
from .models import POST_TEXT_FIELDS, Author, Post, SlugHistory, Tag
from .slugs import slug_from_title
from .uploads import UploadRefused, prepare, read_upload

TAG_NAME_MAX_LENGTH = Tag._meta.get_field("name").max_length
CHOOSE_FILE_AGAIN = (
    "Choose the image again: files are not kept when the form has errors."
)
# Avatars are shown small: kept at most this wide.
AVATAR_WIDTH = 256


def reencoded_image(chosen):
    """Return a newly chosen image file encoded afresh, as uploads are stored.

    The file field would store the editor's bytes as they are, EXIF (GPS
    included), comments and anything appended, in the public media. Renditions
    are made on save. A value that is not a new file (unchanged, cleared) is
    returned as it is.
    """
    if not isinstance(chosen, UploadedFile):
        return chosen
    try:
        files = prepare(read_upload(chosen), widths=())
    except UploadRefused as refusal:
        raise forms.ValidationError(str(refusal)) from refusal
    full_size = files[0]
    return ContentFile(full_size.data, name=full_size.name.rpartition("/")[2])


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


class LengthCounted:
    """A text widget that shows "123 / 300" as the editor types.

    The browser's maxlength would cut pasted text at the limit without a word; here
    the editor sees the count (a warning near the limit, how many too many past
    it) and the server refuses an overlong text with its own message.
    """

    class Media:
        js = ["js/length-counter.js"]
        css = {"all": ["css/admin-publishing.css"]}

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        limit = attrs.pop("maxlength", None)
        if limit is not None:
            attrs["data-length-limit"] = limit
        return attrs


class LengthCountedTextInput(LengthCounted, forms.TextInput):
    pass


class LengthCountedTextarea(LengthCounted, forms.Textarea):
    pass


class FilesNotKept(forms.ModelForm):
    """Say, next to a chosen file, that a form with errors does not keep it.

    A browser cannot fill a file input again: the re-displayed form shows it empty,
    and saving it again would save the post without the file. (Keeping uploads of
    forms that fail, for a later save, would leave files nobody saved on the
    server.)
    """

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not self.errors:
            return
        for name, field in self.fields.items():
            chosen = self.files.get(self.add_prefix(name))
            if (
                isinstance(field, forms.FileField)
                and chosen
                and name not in self.errors
            ):
                self.add_error(name, CHOOSE_FILE_AGAIN)


class SlugTakeover(forms.ModelForm):
    """Ask before a post takes an address that redirects to another post.

    Old slugs keep redirecting to their post (posts.models.SlugHistory); a post
    that takes one over answers at that address instead, for readers who follow an
    old link. The first save is refused with a warning and a box to tick; a save
    with the box ticked goes through.
    """

    take_over_address = forms.BooleanField(
        required=False, widget=forms.HiddenInput, label="Take over the old address"
    )

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        if slug is None or cleaned_data.get("take_over_address"):
            return cleaned_data
        slug = (slug or slug_from_title(cleaned_data.get("title", ""))).lower()
        owner = self.former_owner(slug) if slug else None
        if owner is not None:
            self.add_error(
                "slug",
                f"This address used to belong to “{owner.title}” and now redirects "
                "there; saving takes it over and that old link will show this post "
                "instead. Tick “Take over the old address” and save again to confirm.",
            )
            field = self.fields["take_over_address"]
            field.widget = forms.CheckboxInput()
            field.help_text = f"Readers of /blog/{slug}/ will see this post."
        return cleaned_data

    def former_owner(self, slug):
        """The other post whose old address slug is, unless a post has it now."""
        if Post.objects.filter(slug=slug).exists():
            return None  # the slug is taken: the form says so on its own
        owner = SlugHistory.current(Post, slug)
        if owner is None or owner.pk == self.instance.pk:
            return None
        return owner


class PostAdminForm(SlugTakeover, FilesNotKept, StaleSaveCheck, NormalisedTextForm):
    class Meta:
        model = Post
        fields = [
            *POST_TEXT_FIELDS,
            "category",
            "tags",
            "authors",
            "hero_image",
            "hero_image_alt",
        ]
        widgets = {
            "title": LengthCountedTextInput(attrs={"class": "vTextField"}),
            "description": LengthCountedTextarea(
                attrs={"rows": 3, "class": "vLargeTextField"}
            ),
        }
        help_texts = {
            "body": "Markdown. Beside it, the page as readers will see it once saved, "
            "at the width of their column and scaled down to fit; “Preview in a new "
            "tab” shows it full size. A hero image appears there once it is saved."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Where the editor's page preview sends the form (static/js/page-preview.js).
        if "body" not in self.fields:
            return  # read-only for who may only view posts: nothing to preview
        preview_url = reverse("editor-preview-page")
        if self.instance.pk is not None:
            preview_url += f"?post={self.instance.pk}"
        self.fields["body"].widget.attrs["data-page-preview-url"] = preview_url
        # Where the checks panel sends the text (static/js/checks-panel.js).
        self.fields["body"].widget.attrs["data-checks-url"] = reverse("editor-checks")

    def clean_hero_image(self):
        return reencoded_image(self.cleaned_data.get("hero_image"))

    def clean_tags(self):
        names = self.cleaned_data["tags"]
        too_long = [name for name in names if len(name) > TAG_NAME_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                f"A tag may have at most {TAG_NAME_MAX_LENGTH} characters; this one "
                f"has {len(too_long[0])}: “{too_long[0][:30]}…”."
            )
        return names


class AuthorAdminForm(FilesNotKept, NormalisedTextForm):
    class Meta:
        model = Author
        fields = ["name", "bio", "url", "avatar"]
        widgets = {
            "bio": LengthCountedTextarea(attrs={"rows": 3, "class": "vLargeTextField"})
        }

    def clean_avatar(self):
        """Check and store the picture afresh, as uploads are: no metadata, no
        payload, at most AVATAR_WIDTH pixels wide."""
        avatar = self.cleaned_data.get("avatar")
        if not isinstance(avatar, UploadedFile):
            return avatar  # unchanged, or cleared
        try:
            files = prepare(
                read_upload(avatar), folder="avatar", widths=(AVATAR_WIDTH,)
            )
        except UploadRefused as refusal:
            raise forms.ValidationError(str(refusal)) from refusal
        # The smaller rendition in the picture's own format, when there is one.
        chosen = files[-1]
        return ContentFile(chosen.data, name=chosen.name.rpartition("/")[2])
