"""Fixtures shared by every app's tests."""

import itertools
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from posts.models import Post

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def plain_static_files(settings, tmp_path_factory):
    # The manifest storage needs collectstatic; tests read the source files instead.
    settings.STATIC_ROOT = tmp_path_factory.getbasetemp() / "static"
    settings.STATIC_ROOT.mkdir(exist_ok=True)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(autouse=True)
def empty_cache():
    # The local-memory or Redis cache outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def make_post(db):
    """Create a post, published moments ago (each one earlier) unless told."""

    def make(**fields):
        number = next(_counter)
        fields.setdefault("title", f"Post number {number}")
        fields.setdefault("description", f"What post {number} is about.")
        fields.setdefault(
            "body", f"## Section {number}\n\nSome words for post {number}."
        )
        fields.setdefault("status", Post.Status.PUBLISHED)
        if fields["status"] == Post.Status.PUBLISHED:
            fields.setdefault(
                "published_at", timezone.now() - timedelta(seconds=number)
            )
        tags = fields.pop("tags", [])
        post = Post.objects.create(**fields)
        if tags:
            post.tags.set(tags)
        return post

    return make


@pytest.fixture
def editor(db, django_user_model):
    """A staff user with exactly the Editor group's permissions."""
    user = django_user_model.objects.create_user(
        "edith", password="correct horse battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Remember each phase's outcome on the test, so that fixtures can react to a
    # failure (the browser fixture saves a screenshot).
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def assert_page_queries(client, django_assert_num_queries):
    """Check a public URL's queries: rendered once, then served from the cache."""

    def check(url, rendered):
        # One aggregate query fingerprints the content, then the view's own.
        with django_assert_num_queries(1 + rendered):
            response = client.get(url)
        assert response.status_code == 200
        with django_assert_num_queries(1):
            cached = client.get(url)
        assert cached.content == response.content
        return response

    return check
