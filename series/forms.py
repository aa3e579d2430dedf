from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet

from posts.conflicts import StaleSaveCheck
from posts.forms import FilesNotKept, NormalisedTextForm, reencoded_image

from .models import POSITION_TAKEN, Series, SeriesPart


class SeriesAdminForm(FilesNotKept, StaleSaveCheck, NormalisedTextForm):
    class Meta:
        model = Series
        fields = [
            "title",
            "slug",
            "description",
            "cover_image",
            "cover_image_alt",
            "status",
            "planned_parts",
            "on_part_removal",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"})
        }

    def clean_cover_image(self):
        return reencoded_image(self.cleaned_data.get("cover_image"))


class SeriesPartForm(NormalisedTextForm):
    """A part in a form; whether its position is free is checked by the form's owner.

    The database's check compares one row with the others as they are stored, so it
    would refuse parts that trade places in one save.
    """

    class Meta:
        model = SeriesPart
        fields = ["position", "post", "label"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("post")
        widget = getattr(field, "widget", None)
        widget = getattr(widget, "widget", widget)  # inside the admin's wrapper
        if hasattr(widget, "chosen") and self.instance.post_id is not None:
            widget.chosen = (str(self.instance.post_id), self.instance.post.title)

    def validate_constraints(self):
        try:
            self.instance.validate_constraints(
                exclude=self._get_validation_exclusions()
            )
        except ValidationError as error:
            kept = {}
            for field, problems in error.error_dict.items():
                problems = [each for each in problems if each.code != POSITION_TAKEN]
                if problems:
                    kept[field] = problems
            if kept:
                self._update_errors(ValidationError(kept))


def titles(rows):
    posts = [row.cleaned_data.get("post") for row in rows]
    return " and ".join(f"“{post.title}”" if post else "another row" for post in posts)


class PartsFormSet(BaseInlineFormSet):
    """A series' parts, which may trade places, be removed and added in one save.

    Positions are checked across all rows, as they will be after the save, and
    written in two steps (SeriesPartQuerySet.move_aside()). Removed parts leave a
    gap or close it, as the series says.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new row offers the place after the last part.
        last = max((part.position for part in self.get_queryset()), default=0)
        self.initial_extra = [{"position": last + 1}]

    def kept_forms(self):
        """The rows that are parts after the save."""
        return [
            form
            for form in self.forms
            if form.is_valid()
            and form not in self.deleted_forms
            and (form.instance.pk is not None or form.has_changed())
        ]

    def validate_unique(self):
        # In place of Django's check, which says "duplicate data" under whichever
        # row comes second: say which part clashes, under the row that was changed.
        rows = self.kept_forms()
        self.refuse_shared(
            rows,
            "position",
            lambda position, others: (
                f"Position {position} is also given to "
                f"{titles(others)}. Give each part a position of its own."
            ),
        )
        self.refuse_shared(
            rows,
            "post",
            lambda post, others: (
                "This post is chosen in another row too: a post "
                "is one part of a series."
            ),
        )

    def refuse_shared(self, rows, field, message):
        """Add message to the rows that share a value of field with another row.

        The error goes under the rows whose value was changed; when none was, under
        them all.
        """
        sharing = defaultdict(list)
        for form in rows:
            value = form.cleaned_data.get(field)
            if value is not None:
                sharing[value].append(form)
        for value, group in sharing.items():
            if len(group) < 2:
                continue
            changed = [
                form
                for form in group
                if form.instance.pk is None or field in form.changed_data
            ]
            for form in changed or group:
                others = [other for other in group if other is not form]
                form.add_error(field, message(value, others))

    def save(self, commit=True):
        if not commit:
            return super().save(commit)
        with transaction.atomic():
            leaving = [
                form.instance.pk
                for form in self.initial_forms
                if form in self.deleted_forms or "position" in form.changed_data
            ]
            SeriesPart.objects.filter(pk__in=leaving).move_aside()
            saved = super().save(commit)
            removed = [form.initial.get("position") for form in self.deleted_forms]
            removed = [position for position in removed if position is not None]
            if removed:
                self.instance.part_removed(min(removed))
        return saved

    def delete_existing(self, obj, commit=True):
        obj.positions_handled = True  # by save(), once the whole form is saved
        super().delete_existing(obj, commit)


class PostSeriesPartForm(SeriesPartForm):
    """The series a post is part of, on the post's form."""

    position = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=32767,
        help_text="Where the post stands in the series: 1 for the first part. Leave "
        "empty to add it after the last part. To reorder parts, use the series' "
        "page.",
    )

    class Meta:
        model = SeriesPart
        fields = ["series", "position", "label"]

    def clean(self):
        cleaned_data = super().clean()
        series = cleaned_data.get("series")
        if series is None or "position" in self.errors:
            return cleaned_data
        # Locked until the save commits, so that two posts added to a series at
        # once never take the same place.
        list(Series.objects.select_for_update().filter(pk=series.pk))
        position = cleaned_data.get("position")
        if position is None:
            cleaned_data["position"] = series.next_free_position(
                excluding=self.instance
            )
            return cleaned_data
        taken = (
            series.parts.exclude(pk=self.instance.pk)
            .filter(position=position)
            .select_related("post")
            .first()
        )
        if taken is not None:
            self.add_error(
                "position",
                f"Position {position} of {series} is “{taken.post}”. Choose a free "
                "position, or leave it empty to add the post after the last part.",
            )
        return cleaned_data

    def save(self, commit=True):
        part = super().save(commit)
        left = self.initial.get("series")
        if commit and left is not None and "series" in self.changed_data:
            # The post moved to another series: the one it left follows its choice.
            Series.objects.get(pk=left).part_removed(self.initial["position"])
        return part
