"""
The editor's endpoints: markdownx's live preview and image upload, and the checks.

markdownx's own URLconf checks no permissions and takes GET requests to errors; these
views serve the same widget to the staff who may edit posts, by POST only, with a
cap on the input.
"""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .checks.findings import as_stored
from .checks.links import broken_link_findings
from .checks.metadata import metadata_findings
from .limits import alt_text_too_long, body_too_long, file_too_large
from .rendering import RenderTimeout, markdownify
from .rendering.pipeline import render_markdown
from .uploads import UploadRefused, store_upload

# Room for the multipart boundaries and headers around the file itself.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


@never_cache
@require_POST
@staff_member_required
def preview(request):
    """Render the editor's Markdown with the public page's pipeline."""
    if not may_edit_posts(request.user):
        return HttpResponse(
            "Only editors of posts may preview them.",
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    content = request.POST.get("content")
    if content is None:
        return HttpResponseBadRequest("The preview needs the Markdown as “content”.")
    if too_long := body_too_long(content):
        return HttpResponse(
            too_long,
            status=413,
            content_type="text/plain; charset=utf-8",
        )
    try:
        return HttpResponse(markdownify(content))
    except RenderTimeout as error:
        # markdownx shows whatever the reply holds in place of the preview.
        return HttpResponse(
            format_html(
                '<p class="render-error" role="alert">The preview stopped: the body '
                "took longer than {} s to render. It may contain a very long run of "
                "brackets or markup; split it or simplify it.</p>",
                f"{error.seconds or settings.BLOGCRAFT_RENDER_TIMEOUT_SECONDS:g}",
            ),
            status=422,
        )


def may_edit_posts(user):
    return user.has_perm("posts.change_post") or user.has_perm("posts.add_post")


@never_cache
@require_POST
@staff_member_required
def checks(request):
    """Run the editor's checks on the form's unsaved title, description and body.

    The panel beside the preview (static/js/checks-panel.js) shows the answer as the
    editor types; saving runs the same checks and stores them on the post.
    """
    if not may_edit_posts(request.user):
        return JsonResponse(
            {"error": "Only editors of posts may check them."}, status=403
        )
    body = request.POST.get("body", "")
    if too_long := body_too_long(body):
        return JsonResponse({"error": too_long}, status=413)
    try:
        rendering = render_markdown(body)
    except RenderTimeout as error:
        return JsonResponse({"error": str(error)}, status=422)
    findings = [
        *rendering.findings,
        *broken_link_findings(body, rendering.html),
        *metadata_findings(
            request.POST.get("title", "").strip(),
            request.POST.get("description", "").strip(),
        ),
    ]
    return JsonResponse({"findings": as_stored(findings)})


def upload_refused(message, status=400):
    # markdownx reports a failed upload from a form-errors shaped reply.
    return JsonResponse({"image": [message]}, status=status)


@never_cache
@require_POST
@staff_member_required
def upload(request):
    """Store an image dropped into the editor; answer with its Markdown.

    The optional field "alt" is the image's description, written into the Markdown
    (escaped); without it, the Markdown asks for one.
    """
    if not request.user.has_perm("posts.change_post"):
        return upload_refused("Only editors of posts may upload images.", status=403)
    # Refuse an oversized body before Django spools it to a temporary file.
    declared = request.META.get("CONTENT_LENGTH") or "0"
    limit = settings.BLOGCRAFT_UPLOAD_MAX_BYTES
    if declared.isdigit() and int(declared) > limit + MULTIPART_OVERHEAD_BYTES:
        return upload_refused(file_too_large())
    uploaded_file = request.FILES.get("image")
    if uploaded_file is None:
        return upload_refused("Send the image as the form field “image”.")
    alt = request.POST.get("alt", "")
    if too_long := alt_text_too_long(alt):
        return upload_refused(too_long)
    try:
        stored = store_upload(uploaded_file)
    except UploadRefused as error:
        return upload_refused(str(error))
    return JsonResponse({"image_code": stored.markdown(alt), "url": stored.url})
