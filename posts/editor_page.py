"""
The editor's page preview: a post's public page, from changes not saved yet.

The change form posts what it holds (files aside) here. The view fills a post from it,
renders the body with the pipeline that saving uses, and shows the result in the
public post template, never saving anything. The admin shows the answer in a frame
beside the editor and, on request, in a new tab.
"""

from functools import partial

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import modelform_factory
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.csp import CSP
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from blogcraft.content_security import apply_policy, editing_policy

from .forms import NormalisedTextForm, PostAdminForm
from .limits import check_body_length
from .models import Post, Tag, site_author
from .normalisation import normalised_names
from .views import post_page_context

UNTITLED_SLUG = "untitled"


class UnsavedTags:
    """The tags the form names, in the shape the post template reads them."""

    def __init__(self, tags):
        self.tags = sorted(tags, key=lambda tag: tag.name)

    def all(self):
        return self.tags


class UnsavedPost:
    """A post filled from the form, never saved, with the tags and authors the form
    names."""

    def __init__(self, post, tags, authors):
        self.post = post
        self.tags = UnsavedTags(tags)
        self.authors = list(authors or [])

    def __getattr__(self, name):
        return getattr(self.post, name)

    def credited_authors(self):
        return self.authors or [site_author()]


@never_cache
@require_POST
@staff_member_required
@xframe_options_sameorigin
def preview_page(request):
    """Render the post page from the change form's unsaved values.

    ?post=<id> names the post being changed; without it, the post is a new one.
    """
    response = render_preview(request)
    # Framed by the admin on this site only.
    apply_policy(request, response, editing_policy(**{"frame-ancestors": [CSP.SELF]}))
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def render_preview(request):
    post = post_to_preview(request)
    data, problems = request.POST, []
    try:
        check_body_length(data.get("body", ""))
    except ValidationError as error:
        # Too long to save, so not worth rendering either.
        data = data.copy()
        data["body"] = ""
        problems = [f"The body cannot be shown: {message}" for message in error]
    form = preview_form_class(request)(data, instance=post)
    # Cleaning fills the post with every valid value and renders its body, as a
    # save would; an invalid value is left out.
    form.is_valid()
    if form.has_error("body"):
        # Never the stored body in place of one that cannot be shown.
        post.body_html, post.toc = "", []
        problems += [
            f"The body cannot be shown: {error}" for error in form["body"].errors
        ]
    post.slug = post.slug or UNTITLED_SLUG
    post.modified_at = timezone.now()  # as saving now would
    unsaved = UnsavedPost(
        post,
        unsaved_tags(form.cleaned_data.get("tags")),
        form.cleaned_data.get("authors"),
    )
    # The series box needs no rewriting: the post's part is read through
    # post.series_part, whose post is this very instance, unsaved values and all.
    context = post_page_context(unsaved)
    context["preview_problems"] = problems
    return render(request, "posts/post_preview.html", context)


def preview_form_class(request):
    """The change form's fields and widgets (split dates, the category's
    autocomplete), without its checks: a preview shows a draft, never refuses it."""
    return modelform_factory(
        Post,
        form=NormalisedTextForm,
        fields=PostAdminForm.Meta.fields,
        formfield_callback=partial(
            admin.site.get_model_admin(Post).formfield_for_dbfield, request=request
        ),
    )


def post_to_preview(request):
    """Return the stored post named by ?post=, or a new one; check the permission."""
    post_id = request.GET.get("post", "")
    if not post_id:
        if not request.user.has_perm("posts.add_post"):
            raise PermissionDenied("Only editors who may add posts can preview one.")
        return Post()
    if not request.user.has_perm("posts.change_post"):
        raise PermissionDenied("Only editors of posts can preview their changes.")
    if not post_id.isdigit():
        raise Http404("No such post.")
    return get_object_or_404(Post.objects.for_detail(), pk=post_id)


def unsaved_tags(names):
    """Return the tags named, the stored ones as stored and new ones unsaved."""
    names = normalised_names(names or [])
    stored = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    tags = []
    for name in dict.fromkeys(names):
        tag = stored.get(name) or Tag(name=name)
        tag.slug = tag.slug or tag.slugify(name) or UNTITLED_SLUG
        tags.append(tag)
    return tags
