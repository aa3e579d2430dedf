"""
One stored form for every text written to the database, whoever writes it.

The admin's forms, the importers, the demo loader and code calling the ORM all end in
``Model.full_clean()`` or ``Model.save()``; both normalise every editable text field
first. Text is kept in Unicode's composed form (NFC) without control characters:
invisible when pasted, they make feeds ill-formed XML and stop font shaping (a share
card). A one-line field (``CharField``) keeps no line breaks or tabs either. Slugs are
stored lower-case, so two addresses that differ only by case are refused as one.
"""

import re

from django.db import IntegrityError, models, transaction
from taggit.managers import _TaggableManager

from .rendering import normalise_text

LINE_BREAKS = re.compile(r"[\t\n\r]+")


def normalise_text_fields(instance):
    """Normalise, in place, each editable text field that is loaded on instance."""
    deferred = instance.get_deferred_fields()
    for field in instance._meta.concrete_fields:
        if (
            not isinstance(field, models.CharField | models.TextField)
            or not field.editable
            or field.attname in deferred
        ):
            continue
        value = getattr(instance, field.attname)
        if not isinstance(value, str):
            continue
        setattr(instance, field.attname, normalised_value(field, value))


def normalised_value(field, value):
    value = normalise_text(value)
    if isinstance(field, models.CharField):
        value = LINE_BREAKS.sub(" ", value)
    if isinstance(field, models.SlugField):
        value = value.lower()
    return value


class NormalisedTextModel(models.Model):
    """A model whose text fields are normalised before validation and saving."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        normalise_text_fields(self)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        normalise_text_fields(self)
        super().clean_fields(exclude=exclude)


def normalised_names(tags):
    """Normalise the names among tags (names or Tag objects); drop emptied ones."""
    result = []
    for tag in tags:
        if isinstance(tag, str):
            tag = normalise_text(tag).strip()
            if not tag:
                continue  # nothing but control characters or spaces
        result.append(tag)
    return result


class NormalisedTagManager(_TaggableManager):
    """Look tags up by their normalised name, so "café" in any form is one tag."""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        return super()._to_tag_model_instances(normalised_names(tags), tag_kwargs)

    def remove(self, *tags):
        super().remove(*normalised_names(tags))


def normalise_rows(apps, app_label, model_names):
    """Normalise the stored rows of historical models, for a data migration.

    A slug whose normal form another row has is left as it is; a changed slug is
    kept in the slug history, so that its old address still redirects.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    SlugHistory = apps.get_model("posts", "SlugHistory")
    for model_name in model_names:
        model = apps.get_model(app_label, model_name)
        fields = [
            field
            for field in model._meta.concrete_fields
            if field.get_internal_type() in {"CharField", "TextField", "SlugField"}
            and field.editable
        ]
        for row in model._default_manager.iterator():
            changed = {}
            for field in fields:
                value = getattr(row, field.attname)
                if isinstance(value, str) and normalised_value(field, value) != value:
                    changed[field.attname] = normalised_value(field, value)
            if not changed:
                continue
            try:
                with transaction.atomic():
                    model._default_manager.filter(pk=row.pk).update(**changed)
                    if "slug" in changed and model_name != "SlugHistory":
                        content_type, _ = ContentType.objects.get_or_create(
                            app_label=app_label, model=model_name.lower()
                        )
                        SlugHistory.objects.get_or_create(
                            content_type=content_type,
                            slug=row.slug,
                            defaults={"object_id": row.pk},
                        )
            except IntegrityError:
                continue  # the normal form is taken by another row: keep this one
