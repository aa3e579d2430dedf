import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create a staff account in the Editor group if it does not exist yet, and say "
        "how to log in. An existing account is only reported, never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")

    def handle(self, username, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is not None:
            self.stdout.write(
                f"Editor account “{username}” exists. Forgot the password? "
                f"Run: manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username, password=password, is_staff=True)
        user.groups.add(Group.objects.get(name="Editor"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the editor account “{username}” with password {password} "
                "(shown once; change it with manage.py changepassword)."
            )
        )
