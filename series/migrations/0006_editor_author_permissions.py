"""Let the Editor group write authors: add, change, delete and view them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GROUP = "Editor"
CODENAMES = ["add_author", "change_author", "delete_author", "view_author"]


def allow_authors(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the
    # group can be given them (as 0002_editor_group does).
    app_config = apps.get_app_config("posts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITOR_GROUP).first()
    if group is None:
        return  # removed on purpose: nothing to extend
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="posts", codename__in=CODENAMES
        )
    )


def disallow_authors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITOR_GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="posts", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("series", "0005_constraint_messages"),
        ("posts", "0011_author"),
    ]

    operations = [migrations.RunPython(allow_authors, disallow_authors)]
