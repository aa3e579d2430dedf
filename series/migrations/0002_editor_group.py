"""
Create the "Editor" group: staff in it can write, file and publish posts and arrange
series, and nothing else (no users, groups or site settings).

It lives in the series app because series depends on posts: from here both apps'
models are known.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GROUP = "Editor"
EDITOR_MODELS = {
    "posts": ["post", "category", "tag", "taggedpost"],
    "series": ["series", "seriespart"],
}
ACTIONS = ["add", "change", "delete", "view"]


def create_editor_group(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the
    # group can be given them on a fresh database.
    for app_label in EDITOR_MODELS:
        app_config = apps.get_app_config(app_label)
        # The migration state's app configs have no models module, which
        # create_permissions() takes as "nothing to do".
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    codenames = [
        f"{action}_{model}" for models in EDITOR_MODELS.values() for model in models
        for action in ACTIONS
    ]
    permissions = Permission.objects.filter(
        content_type__app_label__in=EDITOR_MODELS, codename__in=codenames
    )
    group.permissions.add(*permissions)


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITOR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("series", "0001_initial"),
        ("posts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editor_group, remove_editor_group)]
