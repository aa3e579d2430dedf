"""
The editor's endpoints for markdownx: live preview and image upload.

markdownx's own URLconf checks no permissions and takes GET requests to errors; these
views serve the same widget to staff only, by POST only, with a cap on the input.
"""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from markdownx.views import ImageUploadView

from .rendering import markdownify


@never_cache
@require_POST
@staff_member_required
def preview(request):
    """Render the editor's Markdown with the public page's pipeline."""
    content = request.POST.get("content")
    if content is None:
        return HttpResponseBadRequest("The preview needs the Markdown as “content”.")
    limit = settings.BLOGCRAFT_BODY_MAX_CHARS
    if len(content) > limit:
        return HttpResponse(
            f"The text is longer than the {limit:,} characters a post may have.",
            status=413,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(markdownify(content))


upload = never_cache(
    require_POST(
        staff_member_required(ImageUploadView.as_view(http_method_names=["post"]))
    )
)
