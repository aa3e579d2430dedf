import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("series", "0007_deferred_part_positions"),
    ]

    operations = [
        migrations.AddField(
            model_name="series",
            name="planned_parts",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="How many parts you plan. While the series is in progress, "
                "readers see “3 of 5 planned parts”, never fewer than are published. "
                "Leave empty to announce no number.",
                null=True,
                validators=[django.core.validators.MinValueValidator(1)],
                verbose_name="parts planned",
            ),
        ),
        migrations.AddConstraint(
            model_name="series",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("planned_parts__isnull", True),
                    ("planned_parts__gte", 1),
                    _connector="OR",
                ),
                name="series_series_planned_parts_positive",
                violation_error_code="planned_parts_not_positive",
                violation_error_message="A series plans at least one part; leave "
                "it empty when the plan is open.",
            ),
        ),
    ]
