"""The review links on a post's change page: make one, copy its address, withdraw it.

Sharing a post for review is part of changing it: whoever may change posts may make
and withdraw links, and nobody else sees them.
"""

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timesince import timeuntil

from .models import BODY_FIELDS, ReviewLink
from .reviews import (
    DEFAULT_EXPIRY_DAYS,
    EXPIRY_DAYS,
    create_review_link,
    review_url,
    revoke,
)


def moment(value):
    return date_format(timezone.localtime(value), "M j, Y H:i")


class Text(forms.Widget):
    """Shows a line of text in place of a field that a row cannot change."""

    def __init__(self, text=""):
        super().__init__()
        self.text = text

    def render(self, name, value, attrs=None, renderer=None):
        return format_html("<p>{}</p>", self.text)


class ReviewLinkForm(forms.ModelForm):
    days = forms.TypedChoiceField(
        label="expires",
        choices=[(days, f"in {days} day{pluralize(days)}") for days in EXPIRY_DAYS],
        coerce=int,
        initial=DEFAULT_EXPIRY_DAYS,
        help_text="How long the reviewer can read the post. You can withdraw the link "
        "before then.",
    )
    revoke = forms.BooleanField(
        label="withdraw",
        required=False,
        help_text="Tick and save: the link stops working at once, and the reviewer "
        "is told that you withdrew it.",
    )

    class Meta:
        model = ReviewLink
        fields = ["note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        link = self.instance
        if link.pk is None:
            self.fields["revoke"].disabled = True
            self.fields["revoke"].widget = Text()
            return
        # A link's lifetime is set when it is made.
        self.fields["days"].disabled = True
        self.fields["days"].widget = Text(moment(link.expires_at))
        if not link.is_active():
            self.fields["revoke"].disabled = True
            self.fields["revoke"].widget = Text()

    def has_changed(self):
        # A new row is there because the editor added it: it is a link to make, even
        # with the choices left as they were.
        return self.instance.pk is None or super().has_changed()


class ReviewLinkFormSet(BaseInlineFormSet):
    editor = None  # the user making links, set per request by the inline

    def save_new(self, form, commit=True):
        return create_review_link(
            self.instance,
            self.editor,
            days=form.cleaned_data["days"],
            note=form.cleaned_data["note"],
        )

    def save_existing(self, form, obj, commit=True):
        link = form.save()
        if form.cleaned_data["revoke"]:
            revoke(link)
        return link


class ReviewLinkInline(admin.TabularInline):
    model = ReviewLink
    form = ReviewLinkForm
    formset = ReviewLinkFormSet
    fields = ["note", "days", "address", "status", "made", "revoke"]
    readonly_fields = ["address", "status", "made"]
    extra = 0
    can_delete = False  # withdrawn links stay, with who made them and when

    class Media:
        js = ["js/review-links.js"]

    def get_queryset(self, request):
        # Not the inline's default, which asks for permission without a post and
        # would be refused: who sees the links is decided per post, below.
        return ReviewLink.objects.select_related("created_by", "post").defer(
            *(f"post__{name}" for name in BODY_FIELDS)
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"editor": request.user})

    def has_view_permission(self, request, obj=None):
        return obj is not None and request.user.has_perm("posts.change_post")

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request, obj):
        # Only an unpublished post needs a link: the published one has its address.
        return self.has_view_permission(request, obj) and not obj.is_published()

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="address to send")
    def address(self, link):
        if link.pk is None:
            return "Made when you save."
        if not link.is_active():
            return "—"
        field_id = f"review-link-{link.pk}"
        return format_html(
            '<input type="text" id="{}" class="vTextField review-link-address" '
            'value="{}" readonly aria-label="Address of the review link"> '
            '<button type="button" class="button" data-copy-from="{}">Copy</button>',
            field_id,
            review_url(link),
            field_id,
        )

    @admin.display(description="status")
    def status(self, link):
        if link.pk is None:
            return "—"
        if link.post is not None and link.post.is_published():
            return "The post is published: the link leads to its public page."
        if link.is_revoked():
            return f"Withdrawn on {moment(link.revoked_at)}."
        if link.is_expired():
            return "Expired."
        return f"Works for {timeuntil(link.expires_at)} more."

    @admin.display(description="made by")
    def made(self, link):
        if link.pk is None:
            return "—"
        who = link.created_by.get_username() if link.created_by else "someone"
        return f"{who}, {moment(link.created_at)}"
