"""A unique constraint that waits for the commit where the database can wait."""

from django.db import models


class UniqueDeferredWherePossible(models.UniqueConstraint):
    """A deferrable UniqueConstraint that SQLite enforces too.

    PostgreSQL checks a deferred constraint when the transaction commits, so rows may
    trade values within it. Where deferring is not supported (SQLite) Django would
    create no constraint at all; this one becomes a unique index there, checked row
    by row, so the code that rewrites values moves rows in two steps, which both
    databases accept.
    """

    def can_defer(self, connection):
        return connection.features.supports_deferrable_unique_constraints

    def immediate(self):
        """The same constraint, checked on each row."""
        _, args, kwargs = self.deconstruct()
        kwargs.pop("deferrable", None)
        return models.UniqueConstraint(*args, **kwargs)

    def constraint_sql(self, model, schema_editor):
        if self.can_defer(schema_editor.connection):
            return super().constraint_sql(model, schema_editor)
        # A unique index made after the table, as Django makes conditional ones, so
        # that adding, removing and rebuilding the table all name the same index.
        schema_editor.deferred_sql.append(self.create_sql(model, schema_editor))
        return None

    def create_sql(self, model, schema_editor):
        if self.can_defer(schema_editor.connection):
            return super().create_sql(model, schema_editor)
        return self.immediate().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if self.can_defer(schema_editor.connection):
            return super().remove_sql(model, schema_editor)
        return self.immediate().remove_sql(model, schema_editor)

    def check(self, model, connection):
        # Not Django's "A constraint won't be created": one is, checked at once.
        if self.can_defer(connection):
            return super().check(model, connection)
        return self.immediate().check(model, connection)
