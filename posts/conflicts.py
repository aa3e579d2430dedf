"""Refuse a save made from a stale form, so that two editors never overwrite each other.

A change form carries the id of the object's newest revision when it was opened. On
save, the object's row is locked for the rest of the transaction and its newest
revision looked up again: if another save came between, the form is refused, shows
what that save changed, keeps the editor's text, and takes the new revision's id, so
that saving again, after merging, goes through. Saves that change only derived data
(a share card redrawn in the background) keep no revision and are no conflict.
"""

from django import forms

from .revisions import (
    compare,
    describe_revision,
    latest_version,
    locked_latest_version_id,
    versions_of,
)

FIELD = "opened_version"


class OpenedVersionField(forms.CharField):
    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False  # bookkeeping, not content: no "Changed opened_version"


class StaleSaveCheck(forms.ModelForm):
    """A mixin for model forms of tracked models (posts.revisions.track)."""

    opened_version = OpenedVersionField(required=False)

    # What changed since the form was opened, when the save was refused.
    conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial[FIELD] = self.current_version_id() or ""

    def current_version_id(self):
        return (
            versions_of(type(self.instance), self.instance.pk)
            .values_list("pk", flat=True)
            .first()
        )

    def clean(self):
        cleaned_data = super().clean()
        # A client that never opened the form (a script) sends no field: unchecked.
        if self.instance.pk is not None and self.add_prefix(FIELD) in self.data:
            self.refuse_if_stale(cleaned_data.get(FIELD) or "")
        return cleaned_data

    def refuse_if_stale(self, opened):
        current = locked_latest_version_id(self.instance)
        if current is None or str(current) == opened:
            return  # no revision to be stale against, or none since the form's
        model = type(self.instance)
        latest = latest_version(model, self.instance.pk)
        before = None
        if opened.isdigit():
            before = versions_of(model, self.instance.pk).filter(pk=opened).first()
        self.conflict = compare(before, latest)
        self.add_error(
            None,
            f"This {model._meta.verbose_name} was changed by "
            f"{describe_revision(latest.revision)} since you opened it. Their "
            "changes are shown below; your text is kept in the form. Merge what you "
            "need and save again.",
        )
        # The next save is made knowing these changes.
        self.data = self.data.copy()
        self.data[self.add_prefix(FIELD)] = str(current)
