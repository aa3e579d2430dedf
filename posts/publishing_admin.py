"""The admin's list of posts and its messages say where each post stands.

A badge per row (draft, scheduled with its time, published), a "State" filter built
on the QuerySet's own published() and scheduled(), the posts an editor is working
on first, and a save message that tells when the post goes out.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.urls import reverse

from .models import Post
from .publishing import EDITING_ORDER, STATE_RANK, saved_message, state_badge

# The post whose save the admin is answering, in this request's context only.
answering_save_of = ContextVar("answering_save_of", default=None)


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Post.State.choices

    def queryset(self, request, queryset):
        chosen = {
            Post.State.DRAFT: queryset.drafts,
            Post.State.SCHEDULED: queryset.scheduled,
            Post.State.PUBLISHED: queryset.published,
        }.get(self.value())
        return queryset if chosen is None else chosen()


class PublishingAdmin(admin.ModelAdmin):
    """For PostAdmin: states in the list, in the filter, in the save message."""

    ordering = EDITING_ORDER

    @admin.display(description="state", ordering=STATE_RANK)
    def state(self, post):
        return state_badge(post)

    def response_add(self, request, obj, post_url_continue=None):
        with self.answering_save(obj):
            return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        with self.answering_save(obj):
            return super().response_change(request, obj)

    @contextmanager
    def answering_save(self, post):
        token = answering_save_of.set(post)
        try:
            yield
        finally:
            answering_save_of.reset(token)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # The admin's "was changed successfully" says nothing of publication.
        post = answering_save_of.get()
        if post is not None and level == messages.SUCCESS:
            link = reverse(
                f"{self.admin_site.name}:posts_post_change", args=[quote(post.pk)]
            )
            message = saved_message(post, link)
        super().message_user(request, message, level, *args, **kwargs)
