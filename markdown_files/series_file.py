"""
Import the series of an export's series.yaml, each in its own transaction.

Each entry gets one line in the report, as each post file does; a series whose slug
exists is left alone. Its old addresses (`redirect_from`) redirect to it again. A
cover image goes through the editor's upload pipeline, like every imported image;
one that is refused is left out and named on the line.
"""

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from series.models import Series

from . import slug_history, values
from .deadline import Deadline
from .exporter import MEDIA_FOLDER, SERIES_FILE
from .files import FileRefused, read_text
from .images import ImageRefused, ImageStore, media_file, project_name
from .outcomes import outcome_of
from .safe_yaml import load_yaml


def read_entries(path, root):
    entries = load_yaml(read_text(path, root), SERIES_FILE) or []
    if not isinstance(entries, list):
        raise FileRefused(f"{SERIES_FILE} must be a list of series.")
    return entries


def entry_label(entry, index):
    slug = entry.get("slug") if isinstance(entry, dict) else None
    if isinstance(slug, str) and slug.strip():
        return f"{SERIES_FILE} {slug[:120]}"
    return f"{SERIES_FILE} #{index}"


def store_cover(entry, series, root, images):
    """Store the entry's cover afresh; return a note if it is left out."""
    cover = values.text(entry, "cover_image")
    if not cover:
        return ""
    name = project_name(cover.removeprefix(f"{MEDIA_FOLDER}/"))
    try:
        if name and default_storage.exists(name):
            series.cover_image = name  # stored already: the file need not be read
        else:
            source = media_file(cover.removeprefix(f"{MEDIA_FOLDER}/"), root)
            series.cover_image = images.store_whole(
                source, f"series/{timezone.now().year}", name
            )
    except ImageRefused as refusal:
        return f"cover image {cover} left out: {refusal}"
    series.cover_image_alt = values.text(entry, "cover_image_alt")
    return ""


def import_entry(entry, label, root, dry_run):
    """Import one series in its own transaction; return (outcome, reason)."""
    images = ImageStore(Deadline(), dry_run=dry_run)
    try:
        if not isinstance(entry, dict):
            raise values.ValueRefused("each series must be a mapping.")
        series = Series(
            slug=values.text(entry, "slug"),
            title=values.text(entry, "title"),
            description=values.text(entry, "description"),
            status=values.text(entry, "status", default=Series.Status.IN_PROGRESS),
        )
        if Series.objects.filter(slug=series.slug).exists():
            return "exists", ""
        old_slugs = slug_history.old_slugs(entry)
        note = store_cover(entry, series, root, images)  # outside the transaction
        with transaction.atomic():
            series.full_clean()
            series.save()
            notes = [note, *slug_history.restore(series, old_slugs)]
    except Exception as error:
        images.remove()
        return outcome_of(error, label)
    return "would create" if dry_run else "created", "; ".join(filter(None, notes))


def import_series_file(root, report, dry_run):
    """Import the series of root/series.yaml, if there is one, into report."""
    path = root / SERIES_FILE
    if not path.is_file():
        return
    try:
        entries = read_entries(path, root)
    except Exception as error:
        outcome, reason = outcome_of(error, SERIES_FILE)
        report.expect(1)
        report.add(outcome, SERIES_FILE, reason)
        return
    report.expect(len(entries))
    for index, entry in enumerate(entries, 1):
        label = entry_label(entry, index)
        outcome, reason = import_entry(entry, label, root, dry_run)
        report.add(outcome, label, reason)
