"""Fixtures shared by every app's tests."""

import itertools
import re
import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections
from django.utils import timezone

from markdown_files import reading
from posts.models import Post
from posts.rendering import RenderTimeout, stored
from posts.rendering.diagrams import CHROMIUM_ARGS
from posts.tests import media_storage
from posts.tests.browser import ARTIFACTS, CHROMIUM, Pages, require

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


@pytest.fixture(scope="session", autouse=True)
def live_server_answers_one_request_at_a_time():
    """On SQLite the live server's threads share the test's in-memory connection,
    which cannot serve two requests at once ("bad parameter or other API misuse"),
    and the editor's page sends three together (markdown preview, page preview,
    checks). A file database on a server has a connection per thread instead."""
    if connections["default"].vendor != "sqlite":
        yield
        return
    lock = threading.Lock()
    original = WSGIHandler.__call__

    def one_at_a_time(self, environ, start_response):
        with lock:
            return original(self, environ, start_response)

    WSGIHandler.__call__ = one_at_a_time
    yield
    WSGIHandler.__call__ = original


@pytest.fixture(autouse=True)
def tasks_run_in_the_request(settings):
    """Background work is done before the call that queued it returns, so tests stay
    deterministic; the queue's own tests ask for the database backend and its worker."""
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["immediate"]}}


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Logins are not what these tests measure; the production hasher costs ~0.3 s each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    # The local-memory or Redis cache outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def media_bucket():
    if media_storage.ON_S3:
        media_storage.create_bucket()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path, request, media_bucket):
    """A fresh, empty media storage per test: a folder, or a prefix in the bucket."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # A key prefix with nothing a URL must escape, such as a parameter's brackets.
    label = re.sub(r"[^\w-]+", "-", request.node.name)[:60]
    entries, settings.MEDIA_URL = media_storage.media_settings(
        settings.MEDIA_ROOT, f"{label}-{next(_counter)}"
    )
    settings.STORAGES = {**settings.STORAGES, **entries}
    return settings.MEDIA_ROOT


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
def slow_to_render(monkeypatch):
    """Rendering a body that says SLOW runs past the rendering deadline.

    Patched where the feed and Markdown imports render: on save, and where the
    Markdown import renders a body to describe a post that has no description.
    """

    def render(source, *args, **kwargs):
        if "SLOW" in source:
            raise RenderTimeout("Rendering took longer than 5 seconds.")
        return real_render(source, *args, **kwargs)

    real_render = stored.render_markdown
    monkeypatch.setattr(stored, "render_markdown", render)
    monkeypatch.setattr(reading, "render_markdown", render)


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
        # Two queries fingerprint the changed content, then the view's own.
        with django_assert_num_queries(2 + rendered):
            response = client.get(url)
        assert response.status_code == 200
        with django_assert_num_queries(0):
            cached = client.get(url)
        assert cached.content == response.content
        return response

    return check


@pytest.fixture
def pages(request, monkeypatch):
    """Chromium pages; a failing test leaves a screenshot in test-artifacts/."""
    require(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # test makes between browser steps are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        opened = Pages(browser)
        yield opened
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed and opened.last is not None:
            ARTIFACTS.mkdir(exist_ok=True)
            path = ARTIFACTS / f"{request.node.name}.png"
            opened.last.screenshot(path=path, full_page=True)
        browser.close()
        # ORM calls made while Playwright's loop runs get connections of their own
        # context; close them here, or PostgreSQL cannot drop the test database.
        connections.close_all()


@pytest.fixture
def page(pages):
    """One desktop-sized page in the light scheme."""
    return pages.open()
