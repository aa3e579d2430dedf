"""Fixtures shared by every app's tests."""

import itertools
import re
import shutil
import threading
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction
from django.test import override_settings
from django.utils import timezone

from blogcraft.page_cache import content_changed
from blogcraft.settings import local_media_storages
from markdown_files import reading
from posts.models import Post, TaggedPost
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


def immediate_tasks():
    return {"default": {"BACKEND": django_settings.TASK_BACKENDS["immediate"]}}


@pytest.fixture(autouse=True)
def tasks_run_in_the_request(settings):
    """Background work is done before the call that queued it returns, so tests stay
    deterministic; the queue's own tests ask for the database backend and its worker."""
    settings.TASKS = immediate_tasks()


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


class DemoSnapshot(NamedTuple):
    rows: Path  # every row load_demo wrote, as dumpdata writes them
    media: Path  # the share cards and diagrams it drew


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo blog once per run, keep what it wrote, and roll it back.

    Loading renders 62 posts and draws their cards and diagrams (seconds); loading
    the rows it left takes a fraction of that. Made outside any test, with the
    settings every test starts from.
    """
    if media_storage.ON_S3:
        # Rendered bodies name their media by URL, and on S3 a URL names the
        # prefix it was drawn under: each test loads the demo into its own.
        return None
    folder = tmp_path_factory.mktemp("demo")
    snapshot = DemoSnapshot(folder / "demo.json", folder / "media")
    entries, media_url = local_media_storages(snapshot.media)
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=snapshot.media,
            MEDIA_URL=media_url,
            STORAGES={**django_settings.STORAGES, **entries},
            TASKS=immediate_tasks(),
        ),
        transaction.atomic(),
    ):
        call_command("load_demo", verbosity=0)
        call_command("dumpdata", *DEMO_APPS, output=snapshot.rows, verbosity=0)
        transaction.set_rollback(True)
    return snapshot


# What load_demo writes: posts, tags, authors, series and their revisions.
DEMO_APPS = ("posts", "series", "reversion")


def insert_rows(path):
    """Insert the rows dumpdata wrote to path, a bulk insert per table.

    What loaddata does, without its query or two per row (thousands, for the
    demo's revisions): no signals are sent, as loaddata's raw saves send none that
    act, and the page cache is told once.
    """
    with open(path) as dump:
        loaded = list(serializers.deserialize("json", dump))
    by_model = {}
    for item in loaded:
        by_model.setdefault(type(item.object), []).append(item)
    connection = connections["default"]
    # In one transaction: foreign keys are checked at its end, whatever the order.
    with transaction.atomic(), connection.cursor() as cursor:
        for model, items in by_model.items():
            model.objects.bulk_create([item.object for item in items])
            for name in {name for item in items for name in item.m2m_data}:
                through = model._meta.get_field(name).remote_field.through
                source, target = through_columns(through, model)
                through.objects.bulk_create(
                    through(**{source: item.object.pk, target: related})
                    for item in items
                    for related in item.m2m_data.get(name, [])
                )
        for sql in connection.ops.sequence_reset_sql(no_style(), list(by_model)):
            cursor.execute(sql)
    content_changed()


def through_columns(through, model):
    """The attnames of a many-to-many table's link to model and to the other side."""
    keys = [f for f in through._meta.fields if f.is_relation]
    source = next(f for f in keys if f.related_model is model)
    target = next(f for f in keys if f is not source)
    return source.attname, target.attname


@pytest.fixture
def demo(db, demo_snapshot, settings):
    """The demo blog in this test's database, as load_demo leaves it, with its own
    copy of the images and diagrams (a test may delete them)."""
    if demo_snapshot is None:
        call_command("load_demo", verbosity=0)
        return
    insert_rows(demo_snapshot.rows)
    shutil.copytree(demo_snapshot.media, settings.MEDIA_ROOT, dirs_exist_ok=True)


@pytest.fixture
def copy_posts(db):
    """Add copies of a post, each with its own title, slug and earlier publication.

    For tests of how a page's cost grows with the number of posts: they need many
    rows, not many renders (a save renders the body, draws a share card and records
    a revision, a quarter of a second). The copies keep the post's tags, authors,
    category and rendered fields; return them, oldest last.
    """

    def copy_of(post, count, **fields):
        post = Post.objects.get(pk=post.pk)
        tag_ids = list(post.tags.values_list("pk", flat=True))
        author_ids = list(post.authors.values_list("pk", flat=True))
        copies = []
        for _ in range(count):
            number = next(_counter)
            copied = Post.objects.get(pk=post.pk)
            copied.pk = None
            copied._state.adding = True
            copied.title = f"Post number {number}"
            copied.slug = f"post-number-{number}"
            copied.feed_id = copied.get_absolute_url()
            if copied.published_at is not None:
                copied.published_at -= timedelta(seconds=number)
            for name, value in fields.items():
                setattr(copied, name, value)
            copies.append(copied)
        copies = Post.objects.bulk_create(copies)
        TaggedPost.objects.bulk_create(
            TaggedPost(content_object=copied, tag_id=tag_id)
            for copied in copies
            for tag_id in tag_ids
        )
        Post.authors.through.objects.bulk_create(
            Post.authors.through(post_id=copied.pk, author_id=author_id)
            for copied in copies
            for author_id in author_ids
        )
        content_changed()  # as a save would: no signal is sent for bulk writes
        return copies

    return copy_of


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
def renders(monkeypatch):
    """The bodies rendered while the test runs, one entry per run of the pipeline
    on a post's body (posts.rendering.stored, what saving calls)."""
    rendered = []
    real_render = stored.render_markdown

    def render(source, *args, **kwargs):
        rendered.append(source)
        return real_render(source, *args, **kwargs)

    monkeypatch.setattr(stored, "render_markdown", render)
    return rendered


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
