import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_editor_group_can_write_posts_and_series_only():
    codenames = set(
        Group.objects.get(name="Editor").permissions.values_list("codename", flat=True)
    )
    for model in ["post", "category", "tag", "series", "seriespart"]:
        expected = {f"{action}_{model}" for action in ("add", "change", "view")}
        assert expected <= codenames
    assert not {"add_user", "change_user", "change_group"} & codenames


def test_ensure_editor_creates_a_staff_editor_once(capsys):
    call_command("ensure_editor")
    created = capsys.readouterr().out
    user = get_user_model().objects.get(username="editor")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editor"]
    password = created.split("password ")[1].split()[0]
    assert user.check_password(password)

    call_command("ensure_editor")
    assert "exists" in capsys.readouterr().out
    user.refresh_from_db()
    assert user.check_password(password)
