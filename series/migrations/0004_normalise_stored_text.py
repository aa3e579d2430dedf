"""Store the text of existing series and parts in the form every save gives it."""

from django.db import migrations


def normalise_series(apps, schema_editor):
    from posts.normalisation import normalise_rows

    normalise_rows(apps, "series", ["Series", "SeriesPart"])


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0008_normalise_stored_text"),
        ("series", "0003_series_slug_help_text"),
    ]

    operations = [migrations.RunPython(normalise_series, migrations.RunPython.noop)]
