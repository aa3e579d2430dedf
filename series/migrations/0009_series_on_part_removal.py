from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("series", "0008_series_planned_parts"),
    ]

    operations = [
        migrations.AddField(
            model_name="series",
            name="on_part_removal",
            field=models.CharField(
                choices=[
                    ("close_gap", "Close the gap: the parts after it move up"),
                    ("keep", "Keep the numbers: its position stays free"),
                ],
                default="close_gap",
                help_text="What happens to the positions of the parts after one that "
                "is deleted or leaves the series. Readers see no gap either way: their "
                "part numbers count the published parts.",
                max_length=10,
                verbose_name="when a part is removed",
            ),
        ),
    ]
