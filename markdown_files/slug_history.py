"""
The old addresses of a post (in its file) or a series (in series.yaml):
`redirect_from:` (written by the export, read as Astro's and Jekyll's redirect
plugins write it) or Hugo's `aliases:`.

Each is a path; its last segment is the old slug, which `SlugHistory` redirects to
the object. An old slug that is another object's address, or already leads to
another, is left as it is and named in the report.
"""

from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.text import slugify

from posts.models import SlugHistory

from . import values

REDIRECTS_NAME = "redirect_from"


def old_addresses(instance):
    """Return a post's or a series' old paths, in a stable order, for its file."""
    slugs = SlugHistory.objects.filter(
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
    ).values_list("slug", flat=True)
    view = f"{instance._meta.app_label}:detail"
    return [reverse(view, kwargs={"slug": slug}) for slug in sorted(slugs)]


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


def restore(instance, slugs):
    """Let each old slug redirect to instance; return notes on those left alone."""
    model = type(instance)
    content_type = ContentType.objects.get_for_model(model)
    kind = model._meta.verbose_name
    notes = []
    for slug in slugs:
        if slug == instance.slug:
            continue
        if model._default_manager.filter(slug=slug).exclude(pk=instance.pk).exists():
            notes.append(f"old address {slug} is another {kind}'s: not redirected")
            continue
        history, created = SlugHistory.objects.get_or_create(
            content_type=content_type, slug=slug, defaults={"object_id": instance.pk}
        )
        if not created and history.object_id != instance.pk:
            notes.append(f"old address {slug} already leads to another {kind}")
    return notes
