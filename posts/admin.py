import reversion
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from blogcraft.content_security import apply_policy, editing_policy

from .checks.admin import NeedsAttentionFilter
from .forms import AuthorAdminForm, NormalisedTextForm, PostAdminForm
from .models import (
    BODY_FIELDS,
    SERIES_PART,
    Author,
    Category,
    Post,
    Tag,
    has_series_parts,
    series_lookups,
)
from .pagination import IdFirstPaginator
from .publishing_admin import PublishingAdmin, StateFilter
from .review_admin import ReviewLinkInline
from .revision_admin import RevisionAdmin


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = NormalisedTextForm
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = NormalisedTextForm
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorAdminForm
    list_display = ["name", "url"]
    search_fields = ["name"]


class PostChangeList(ChangeList):
    """The list of posts, loading only the columns its rows show."""

    def get_results(self, request):
        # Only the rows shown: the bulk actions and the change form still get
        # whole posts from the admin's queryset.
        self.queryset = self.queryset.only(
            *LISTED_FIELDS, *series_lookups("position", "label", "series")
        )
        super().get_results(request)


# What a row of the list shows (title, state, series and part, time, category,
# what the checks found), and the times the list is ordered by.
LISTED_FIELDS = [
    "title",
    "checks",
    "status",
    "published_at",
    "modified_at",
    "category",
]


@admin.register(Post)
class PostAdmin(PublishingAdmin, RevisionAdmin):
    form = PostAdminForm
    # A page of the list costs the same with 100 posts or 100,000: its rows are
    # found by id first (the ordering reads an index), and the total under a
    # filter is not counted twice.
    paginator = IdFirstPaginator
    show_full_result_count = False
    list_display = [
        "title",
        "state",
        # The series column, when posts are in series (see series_lookups).
        *(["series_and_part"] if has_series_parts() else []),
        "published_at",
        "category",
        "attention",
    ]
    # Publication time as a filter of fixed periods (today, past 7 days, this
    # month, this year): a date hierarchy lists the years by reading every post.
    list_filter = [
        StateFilter,
        NeedsAttentionFilter,
        "published_at",
        *series_lookups("series"),
        "category",
        "tags",
    ]
    list_select_related = ["category", *series_lookups("series")]
    search_fields = ["title", "description", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "authors"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "take_over_address",  # shown when needed: see posts.forms
                    "description",
                    "authors",
                    "body",
                    "rendering_notes",
                    "opened_version",  # hidden: see posts.conflicts
                ]
            },
        ),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "published_at",
                    "updated_at",
                    "update_note",
                    "reading_minutes_given",
                ]
            },
        ),
        ("Filing", {"fields": ["category", "tags"]}),
        ("Hero image", {"fields": ["hero_image", "hero_image_alt"]}),
    ]

    readonly_fields = ["rendering_notes"]
    # series.admin puts its SeriesPartInline first: series knows posts, not the reverse.
    inlines = [ReviewLinkInline]

    class Media:
        # The editor: the page as readers will see it beside the Markdown, and
        # nothing typed lost. The changelist loads them too: a success message there
        # drops the copy of a form that was saved.
        css = {"all": ["css/admin-editor.css"]}
        js = [
            "js/unsaved-changes.js",
            "js/page-preview.js",
            "js/checks-panel.js",
            "js/image-insert.js",
        ]

    def get_changelist(self, request, **kwargs):
        return PostChangeList

    @admin.display(description="rendering notes")
    def rendering_notes(self, post):
        # As of the last save; the checks panel beside the preview follows the text.
        if post.pk is None:
            return (
                "Shown once the post is saved; the checks beside the preview run now."
            )
        if not post.render_problems:
            return "None at the last save: every diagram and formula rendered."
        return format_html_join(
            mark_safe("<br>"), "⚠ {}", ((problem,) for problem in post.render_problems)
        )

    @admin.display(description="checks")
    def attention(self, post):
        count = len(post.checks)
        return f"⚠ {count} to look at" if count else "—"

    def changeform_view(self, request, *args, **kwargs):
        response = super().changeform_view(request, *args, **kwargs)
        # markdownx's preview (hidden; the page preview frame shows its HTML) holds
        # diagrams and formulas, which style themselves inline, and their styles
        # cannot be known in advance.
        return apply_policy(request, response, editing_policy())

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for problem in obj.render_problems:
            # Escaped by the messages framework's template.
            self.message_user(request, f"Rendering: {problem}", messages.WARNING)

    @admin.display(description="series", ordering=f"{SERIES_PART}__series__title")
    def series_and_part(self, post):
        part = getattr(post, "series_part", None)
        if part is None:
            return "—"
        return f"{part.series.title} · {part.display_label}"

    @admin.action(description="Publish the selected posts")
    def publish(self, request, queryset):
        # Posts keep a publication time they already have, so a scheduled post
        # stays scheduled; the others go live now.
        now = timezone.now()
        count = self.save_each(
            request,
            queryset,
            "Published with the bulk action.",
            status=Post.Status.PUBLISHED,
            published_at=lambda post: post.published_at or now,
        )
        self.message_user(request, f"Published {count} post(s).", messages.SUCCESS)

    @admin.action(description="Unpublish the selected posts (back to draft)")
    def unpublish(self, request, queryset):
        count = self.save_each(
            request,
            queryset,
            "Moved back to draft with the bulk action.",
            status=Post.Status.DRAFT,
        )
        self.message_user(
            request, f"Moved {count} post(s) back to draft.", messages.SUCCESS
        )

    def save_each(self, request, queryset, message, **changes):
        """Change and save each post, so that what follows a save (cached pages,
        series cards, history) follows these changes too; return how many."""
        posts = list(queryset.defer(*BODY_FIELDS))
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(message)
            for post in posts:
                for name, value in changes.items():
                    setattr(post, name, value(post) if callable(value) else value)
                post.save(update_fields=[*changes, "modified_at"])
                self.log_change(request, post, message)
        return len(posts)
