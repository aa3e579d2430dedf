"""
Revisions: a copy of what an editor wrote, kept at every save, with who and when.

django-reversion stores them: one serialized copy of a model's editable fields per
save, grouped with the rows that belong to it (a post's tags, a series' parts) in one
revision. The admin's saves open a revision themselves; every other save (imports,
commands, the shell) gets one from the model's save() through ``revision_of_save``.
Old revisions are thinned out by ``posts.revision_retention``.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import reversion
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from reversion.models import Version

from .normalisation import NormalisedTagManager
from .revision_diff import changed_fields, line_diff

SAVED_OUTSIDE_THE_ADMIN = "Saved outside the admin (an import, a command or code)."
TAGS_CHANGED = "Changed the tags."


@dataclass(frozen=True)
class Dependents:
    """Rows that belong to a tracked object and are kept in its revisions."""

    model: type
    owner_field: str  # the foreign key to the tracked object
    label: str  # how the comparison names them, e.g. "Tags"
    describe: Callable[[list[dict]], str]  # the rows' field dicts -> one text


@dataclass(frozen=True)
class Tracked:
    fields: tuple
    text_field: str | None  # compared line by line rather than before/after
    dependents: Dependents | None


TRACKED = {}


def track(model, *, fields, text_field=None, dependents=None):
    """Keep revisions of model's fields and of its dependent rows."""
    follow = ()
    if dependents is not None:
        owner = dependents.model._meta.get_field(dependents.owner_field)
        follow = (owner.remote_field.get_accessor_name(),)
        # A dependent row saved on its own (a part added by an import) brings its
        # owner and the owner's other rows into the revision.
        reversion.register(dependents.model, follow=(dependents.owner_field,))
    reversion.register(model, fields=fields, follow=follow)
    TRACKED[model] = Tracked(tuple(fields), text_field, dependents)


@contextmanager
def revision_of_save(instance, update_fields=None):
    """Keep a revision of a save that no caller keeps one of.

    A save of derived fields alone (a re-rendering) is no edit and keeps none.
    """
    tracked = TRACKED.get(type(instance))  # None for a dependent row: all counts
    derived_only = (
        tracked is not None
        and update_fields is not None
        and not set(update_fields)
        & {
            *tracked.fields,
            *(instance._meta.get_field(name).attname for name in tracked.fields),
        }
    )
    if reversion.is_active() or derived_only:
        yield
        return
    with reversion.create_revision():
        reversion.set_comment(SAVED_OUTSIDE_THE_ADMIN)
        yield


class RevisedTagManager(NormalisedTagManager):
    """Tags that keep a revision of their post when they change outside a save.

    An import saves a post, then sets its tags: the tags are a second revision.
    """

    def set(self, tags, **kwargs):
        with self.revision_if_changed():
            super().set(tags, **kwargs)

    def add(self, *tags, **kwargs):
        with self.revision_if_changed():
            super().add(*tags, **kwargs)

    def remove(self, *tags):
        with self.revision_if_changed():
            super().remove(*tags)

    def clear(self):
        with self.revision_if_changed():
            super().clear()

    @contextmanager
    def revision_if_changed(self):
        if reversion.is_active() or self.instance is None:
            yield  # the open revision takes the changed tags in
            return
        before = set(self.get_queryset().values_list("pk", flat=True))
        with reversion.create_revision(manage_manually=True):
            yield
            if set(self.get_queryset().values_list("pk", flat=True)) != before:
                reversion.set_comment(TAGS_CHANGED)
                reversion.add_to_revision(self.instance)


def track_posts():
    """Keep revisions of posts with their tags (the rows that tag them)."""
    from .models import POST_TEXT_FIELDS, Post, TaggedPost

    track(
        Post,
        fields=[
            *POST_TEXT_FIELDS,
            "category",
            "hero_image",
            "hero_image_alt",
            # Not edited, but kept so that a restored row is whole.
            "import_guid",
            "created_at",
            "modified_at",
        ],
        text_field="body",
        dependents=Dependents(
            TaggedPost, "content_object", "Tags", describe=describe_tags
        ),
    )


def describe_tags(rows):
    from .models import Tag

    ids = [row["tag_id"] for row in rows]
    names = dict(Tag.objects.filter(pk__in=ids).values_list("pk", "name"))
    return ", ".join(
        sorted((names.get(pk, "(deleted tag)") for pk in ids), key=str.casefold)
    )


def versions_of(model, object_id):
    """The versions of one object, newest first."""
    return Version.objects.get_for_object_reference(model, object_id).order_by("-pk")


def latest_version(model, object_id):
    return versions_of(model, object_id).select_related("revision__user").first()


def locked_latest_version_id(instance):
    """Lock instance's row until the transaction ends; return its newest version id.

    Every save that changes an editable field keeps a version, so a different id
    means that the object changed since a form was opened with the other one.
    """
    model = type(instance)
    with transaction.atomic():
        list(model._default_manager.select_for_update().filter(pk=instance.pk))
        return versions_of(model, instance.pk).values_list("pk", flat=True).first()


def dependent_versions(version):
    """The versions of the rows that belonged to version's object in its revision."""
    dependents = TRACKED[version._model].dependents
    if dependents is None:
        return []
    owner = dependents.model._meta.get_field(dependents.owner_field).attname
    rows = version.revision.version_set.get_for_model(dependents.model)
    return [row for row in rows if str(row.field_dict[owner]) == version.object_id]


# Describing a version, for comparisons.


@dataclass(frozen=True)
class Snapshot:
    fields: dict  # label -> the value as an editor reads it
    text: str


@dataclass(frozen=True)
class Comparison:
    fields: list  # of FieldChange
    lines: list  # of Line
    text_label: str

    def __bool__(self):
        return bool(self.fields or self.lines)


def snapshot(version):
    """Return what version holds, as an editor reads it; empty for None."""
    if version is None:
        return Snapshot({}, "")
    model = version._model
    tracked = TRACKED[model]
    data = version.field_dict
    fields = {}
    for name in tracked.fields:
        field = model._meta.get_field(name)
        if name == tracked.text_field or not field.editable:
            continue
        fields[capfirst(field.verbose_name)] = readable(field, data[field.attname])
    if tracked.dependents is not None:
        rows = [row.field_dict for row in dependent_versions(version)]
        fields[tracked.dependents.label] = tracked.dependents.describe(rows)
    text = data[tracked.text_field] if tracked.text_field else ""
    return Snapshot(fields, text or "")


def readable(field, value):
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"(deleted, #{value})"
    if isinstance(field, models.DateTimeField):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return str(value)


def compare(before, after):
    """Compare two versions of one object (before may be None: an unknown start)."""
    old, new = snapshot(before), snapshot(after)
    tracked = TRACKED[after._model]
    text_label = ""
    if tracked.text_field:
        field = after._model._meta.get_field(tracked.text_field)
        text_label = capfirst(field.verbose_name)
    return Comparison(
        fields=changed_fields(old.fields, new.fields),
        lines=line_diff(old.text, new.text),
        text_label=text_label,
    )


def revision_author(revision):
    return revision.user.get_username() if revision.user else "an import or a command"


def describe_revision(revision):
    """Return "<user> at <time>" for a revision, as the history names it."""
    when = date_format(timezone.localtime(revision.date_created), "DATETIME_FORMAT")
    return f"{revision_author(revision)} at {when}"


# Restoring.


def put_back(version):
    """Write version's object and its rows back to the database, as they were.

    Raw saves, as reversion does: the caller saves the object again through its
    form, which renders and keeps a new revision, or rolls back. Rows that point at
    something deleted since (a tag, a post), or that would now clash (a post in
    another series), are left out; return their descriptions.
    """
    from .models import SlugHistory

    model = version._model
    if "slug" in version.field_dict:
        # The address the object has now keeps working after the restore.
        SlugHistory.remember(model(pk=version.object_id, **version.field_dict))
    version.revert()
    dependents = TRACKED[model].dependents
    if dependents is None:
        return []
    dependents.model._default_manager.filter(
        **{dependents.owner_field: version.object_id}
    ).delete()
    left_out = []
    for row in dependent_versions(version):
        try:
            if not targets_exist(row):
                raise IntegrityError("a row it points to was deleted")
            with transaction.atomic(using=version.db):
                row.revert()
        except IntegrityError:
            left_out.append(row.object_repr)
    return left_out


def targets_exist(version):
    """Whether every row version's foreign keys point at still exists."""
    data = version.field_dict
    return all(
        field.related_model._default_manager.filter(pk=data[field.attname]).exists()
        for field in version._model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and data.get(field.attname) is not None
    )
