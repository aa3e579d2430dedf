"""Errors in words, under the field an editor can fix, for the database's constraints.

Each constraint of a model an editor writes carries a ``violation_error_message``
written for editors and a ``violation_error_code``. Django puts the error of a
constraint on several fields (a check, a unique pair) at the top of the form;
``constraint_error_fields`` maps its code to the field where the editor fixes it, so
the message stands next to that field, in the admin as in ``full_clean()``.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models


class ConstraintErrorsOnFields(models.Model):
    """Each constraint's error under the field its code names."""

    # violation_error_code -> the name of the field the error belongs to
    constraint_error_fields = {}

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            raise ValidationError(self.errors_on_fields(error.error_dict)) from None

    def errors_on_fields(self, error_dict):
        keyed = {}
        for name, errors in error_dict.items():
            for error in errors:
                field = name
                if name == NON_FIELD_ERRORS:
                    field = self.constraint_error_fields.get(error.code, name)
                keyed.setdefault(field, []).append(error)
        return keyed
