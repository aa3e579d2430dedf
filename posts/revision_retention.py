"""
How long revisions are kept: every one of the last KEEP_ALL_DAYS days, then the newest
of each day, per object. Each new revision thins out the older ones of the objects it
holds (one query when there is nothing to remove); `manage.py prune_revisions` does
it for all.
"""

from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone
from reversion.models import Revision, Version

from .revisions import TRACKED, dependent_versions

KEEP_ALL_DAYS = 30


def prune_revisions(now=None, objects=None, dry_run=False):
    """Thin out old versions; return how many versions of tracked objects go.

    Every version of the last KEEP_ALL_DAYS days stays; of older ones, the newest
    of each day (in the site's time zone) per object. objects limits the work to
    some (model, object id) pairs. A version goes with its dependent rows' versions,
    and a revision left empty goes too.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=KEEP_ALL_DAYS)
    old = Version.objects.filter(revision__date_created__lt=cutoff)
    if objects is not None:
        old = old.filter(by_object(objects))
    else:
        old = old.filter(content_type__in=tracked_content_types())
    newest_of_day = {}
    doomed = []
    rows = old.order_by("-revision__date_created", "-pk").values_list(
        "pk", "content_type_id", "object_id", "revision_id", "revision__date_created"
    )
    for pk, content_type_id, object_id, revision_id, created in rows:
        day = (content_type_id, object_id, timezone.localdate(created))
        if day in newest_of_day:
            doomed.append((pk, revision_id))
        else:
            newest_of_day[day] = pk
    if dry_run or not doomed:
        return len(doomed)
    with transaction.atomic():
        doomed_ids = [pk for pk, _ in doomed]
        versions = Version.objects.filter(pk__in=doomed_ids).select_related("revision")
        rows_of_doomed = [
            row.pk for version in versions for row in dependent_versions(version)
        ]
        Version.objects.filter(pk__in=[*doomed_ids, *rows_of_doomed]).delete()
        revision_ids = {revision_id for _, revision_id in doomed}
        Revision.objects.filter(pk__in=revision_ids, version__isnull=True).delete()
    return len(doomed)


def tracked_content_types():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_models(*TRACKED).values()


def by_object(objects):
    from django.contrib.contenttypes.models import ContentType

    condition = models.Q(pk__in=[])
    for model, object_id in objects:
        condition |= models.Q(
            content_type=ContentType.objects.get_for_model(model),
            object_id=str(object_id),
        )
    return condition


def prune_after_revision(sender, revision, versions, **kwargs):
    """Thin out the older versions of the objects a new revision keeps."""
    objects = [
        (version._model, version.object_id)
        for version in versions
        if version._model in TRACKED
    ]
    if objects:
        prune_revisions(now=revision.date_created, objects=objects)
