"""Data migrations, run against today's models."""

from importlib import import_module

import pytest
from django.apps import apps

from posts.models import Author, Post

pytestmark = pytest.mark.django_db

default_author = import_module("posts.migrations.0012_default_author")


def test_existing_posts_are_signed_by_one_author_named_after_the_site(
    make_post, settings
):
    settings.SITE_AUTHOR = "The Team"
    unsigned = [make_post(), make_post(status=Post.Status.DRAFT)]
    signed = make_post()
    signed.authors.add(Author.objects.create(name="Ada"))

    default_author.sign_existing_posts(apps, None)
    default_author.sign_existing_posts(apps, None)  # a second run changes nothing

    team = Author.objects.get(name="The Team")
    assert set(team.posts.all()) == set(unsigned)
    assert [author.name for author in signed.authors.all()] == ["Ada"]
    assert Author.objects.count() == 2


def test_a_site_without_posts_gets_no_author():
    default_author.sign_existing_posts(apps, None)
    assert not Author.objects.exists()


def test_editors_may_write_authors(editor):
    for action in ["add", "change", "delete", "view"]:
        assert editor.has_perm(f"posts.{action}_author")
