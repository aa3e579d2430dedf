"""
A post's old addresses in its file: `redirect_from:` (written by the export, read
as Astro's and Jekyll's redirect plugins write it) or Hugo's `aliases:`.

Each is a path; its last segment is the old slug, which `SlugHistory` redirects to
the post. An old slug that is another post's address, or already leads to another
post, is left as it is and named in the report.
"""

from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.text import slugify

from posts.models import Post, SlugHistory

from . import values

REDIRECTS_NAME = "redirect_from"


def old_addresses(post):
    """Return the post's old paths, in a stable order, for its file."""
    slugs = SlugHistory.objects.filter(
        content_type=ContentType.objects.get_for_model(Post), object_id=post.pk
    ).values_list("slug", flat=True)
    return [reverse("posts:detail", kwargs={"slug": slug}) for slug in sorted(slugs)]


def old_slugs(front_matter):
    """Return the old slugs a file's front matter names."""
    paths = values.names(front_matter, REDIRECTS_NAME, "aliases")
    slugs = []
    for path in paths:
        segments = [part for part in urlsplit(path).path.split("/") if part]
        slug = slugify(segments[-1]) if segments else ""
        if slug and slug not in slugs:
            slugs.append(slug)
    return slugs


def restore(post, slugs):
    """Let each old slug redirect to post; return notes on those left as they are."""
    content_type = ContentType.objects.get_for_model(Post)
    notes = []
    for slug in slugs:
        if slug == post.slug:
            continue
        if Post.objects.filter(slug=slug).exclude(pk=post.pk).exists():
            notes.append(f"old address {slug} is another post's: not redirected")
            continue
        history, created = SlugHistory.objects.get_or_create(
            content_type=content_type, slug=slug, defaults={"object_id": post.pk}
        )
        if not created and history.object_id != post.pk:
            notes.append(f"old address {slug} already leads to another post")
    return notes
