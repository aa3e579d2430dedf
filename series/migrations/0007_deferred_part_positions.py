import django.db.models.constraints
from django.db import migrations

import series.constraints


class Migration(migrations.Migration):
    dependencies = [
        ("series", "0006_editor_author_permissions"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="seriespart",
            name="series_part_unique_position",
        ),
        migrations.AddConstraint(
            model_name="seriespart",
            constraint=series.constraints.UniqueDeferredWherePossible(
                deferrable=django.db.models.constraints.Deferrable["DEFERRED"],
                fields=("series", "position"),
                name="series_part_unique_position",
                violation_error_code="position_taken",
                violation_error_message="Another part of this series already has "
                "this position.",
            ),
        ),
    ]
