"""
Two app servers and a worker, as on many machines, agree on everything they serve.

Two gunicorns with the project's gunicorn.conf.py, on free loopback ports, and the
task worker when tasks go through a persistent queue, all share the test database on
PostgreSQL, Redis and the media storage (the S3 server when one is configured, else
one folder). An editor works through A; readers read through B. Needs DATABASE_URL
on PostgreSQL and REDIS_URL: SQLite and a file cache belong to one machine.
"""

import io
import json
import os
import sys
import threading
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.conf import global_settings, settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import get_commands
from django.db import connection
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task_backends
from django.tasks.backends.immediate import ImmediateBackend
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django_tasks_db.models import DBTaskResult
from PIL import Image

from posts.rendering.diagrams import chromium_path, render_mermaid
from tooling.loadtest import Client, Editor, FormFields

from .app_processes import (
    Balancer,
    Process,
    health,
    start,
    start_app_server,
    wait_until,
)

START_SECONDS = 90
DIAGRAM_SECONDS = 240


def shared_services_missing():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "Two app servers share one database: set DATABASE_URL to PostgreSQL."
    if not os.environ.get("REDIS_URL"):
        return "Two app servers share one cache: set REDIS_URL."
    return ""


def tasks_run_in_the_request():
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)


def worker_missing():
    if tasks_run_in_the_request():
        return (
            "Tasks run in the request that enqueues them (ImmediateBackend): "
            "there is no worker process to start."
        )
    if "db_worker" not in get_commands():
        return "The task backend's worker command, db_worker, is not installed."
    if not chromium_path().exists():
        return "The worker draws diagrams with Chromium, which is not installed."
    return ""


pytestmark = pytest.mark.skipif(
    bool(shared_services_missing()), reason=shared_services_missing()
)


def shared_environment(folder):
    """The environment every process gets: the test database, Redis, one storage."""
    test_database = connection.settings_dict["NAME"]
    database_url = urlsplit(os.environ["DATABASE_URL"])._replace(
        path=f"/{test_database}"
    )
    unset = {"DEBUG", "GUNICORN_ACCESS_LOG", "GUNICORN_CONTROL_SOCKET", "PORT"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    return environment | {
        "DJANGO_SETTINGS_MODULE": "blogcraft.tests.served_settings",
        "DATABASE_URL": urlunsplit(database_url),
        "BLOGCRAFT_VAR_DIR": str(folder / "var"),
        # Without an S3 bucket, one folder stands for the storage both servers share.
        "MEDIA_ROOT": str(folder / "media"),
        "WEB_CONCURRENCY": "2",
    }


@dataclass
class Cluster:
    a: Process
    b: Process
    worker: Process | None


@pytest.fixture(scope="module")
def cluster(django_db_setup, media_bucket, tmp_path_factory):
    folder = tmp_path_factory.mktemp("two-servers")
    environment = shared_environment(folder)
    processes = []
    try:
        a = start_app_server("app server A", environment, folder)
        processes.append(a)
        b = start_app_server("app server B", environment, folder)
        processes.append(b)
        worker = None
        if not worker_missing():
            worker = start(
                "worker",
                [sys.executable, "manage.py", "db_worker"],
                environment,
                folder,
            )
            processes.append(worker)
        for server in (a, b):
            checks = wait_until(
                lambda server=server: health(server),
                "healthy answer",
                server,
                START_SECONDS,
            )
            # Each server reaches every shared part, the queue's store included.
            assert checks == {
                "database": "ok",
                "cache": "ok",
                "storage": "ok",
                "queue": "immediate" if tasks_run_in_the_request() else "ok",
            }
        yield Cluster(a, b, worker)
    finally:
        # Before the session ends: PostgreSQL drops no database still connected to.
        for process in processes:
            process.stop()


@pytest.fixture
def editor_on_a(cluster, settings, django_user_model):
    """An editor logged in to A's admin, with a password hashed as in production."""
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    password = uuid.uuid4().hex
    user = django_user_model.objects.create_user(
        "edith", password=password, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editor"))
    editor = Editor(cluster.a.url, settings.ADMIN_PATH, "edith", password)
    editor.log_in()
    return editor


def save_through_admin(editor, post_id, **changes):
    """Submit the post's change form as a browser would, with some fields changed."""
    change = f"{editor.admin}posts/post/{post_id}/change/"
    status, _, page = editor.client.request("GET", change)
    assert status == 200
    form = FormFields()
    form.feed(page.decode())
    fields = [(name, changes.get(name, value)) for name, value in form.fields]
    fields.append(("_continue", "Save and continue editing"))
    status, _, page = editor.client.post_form(change, fields, referer=change)
    errors = BeautifulSoup(page, "html.parser").select(".errorlist")
    assert status == 302, [error.get_text(" ", strip=True) for error in errors]


def upload_through(editor, image, alt):
    """Send an image to the editor's upload endpoint; return its JSON reply."""
    # Encoded as Django's test client encodes a form with a file.
    body = encode_multipart(
        BOUNDARY,
        {"alt": alt, "image": SimpleUploadedFile("figure.png", image, "image/png")},
    )
    status, _, reply = editor.client.request(
        "POST",
        "/editor/upload/",
        body=body,
        headers={
            "Content-Type": MULTIPART_CONTENT,
            "X-CSRFToken": editor.client.cookies["csrftoken"],
        },
    )
    assert status == 200, reply
    return json.loads(reply)


def read(server, path):
    status, _, body = Client(server.url).request("GET", path)
    assert status == 200, f"{server.name} answered {status} for {path}"
    return body


def page_text(body):
    return BeautifulSoup(body, "html.parser").get_text(" ", strip=True)


def feed_titles(body):
    return [entry.title for entry in feedparser.parse(body).entries]


def png(width, height):
    image = Image.new("RGB", (width, height), (30, 90, 160))
    image.paste((240, 200, 40), (width // 4, height // 4, width // 2, height // 2))
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def fetch_image(server, url):
    """Fetch an image by the URL a page gives: through the server, or from storage."""
    if url.startswith("/"):
        return read(server, url)
    with urlopen(url, timeout=30) as response:  # the bucket or CDN's own address
        assert response.status == 200
        return response.read()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_edit_through_a_shows_through_b_at_once(cluster, editor_on_a, make_post):
    post = make_post(title="Written on one machine")
    path = post.get_absolute_url()
    # B serves, and caches, the pages as they were.
    for _ in range(2):
        assert "Written on one machine" in page_text(read(cluster.b, path))
        assert "Written on one machine" in page_text(read(cluster.b, "/"))
        assert "Written on one machine" in feed_titles(read(cluster.b, "/rss.xml"))

    save_through_admin(editor_on_a, post.pk, title="Edited through A")

    # At once: one request each, no retries.
    assert "Edited through A" in page_text(read(cluster.b, path))
    assert "Edited through A" in page_text(read(cluster.b, "/"))
    assert feed_titles(read(cluster.b, "/rss.xml")) == ["Edited through A"]
    assert "Written on one machine" not in page_text(read(cluster.b, "/"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_image_uploaded_through_a_is_served_through_b(
    cluster, editor_on_a, make_post
):
    post = make_post()
    uploaded = upload_through(editor_on_a, png(640, 400), "A figure sent to A")
    save_through_admin(
        editor_on_a, post.pk, body=f"{post.body}\n\n{uploaded['image_code']}\n"
    )

    page = BeautifulSoup(read(cluster.b, post.get_absolute_url()), "html.parser")
    image = page.find("img", src=uploaded["url"])
    assert image is not None, f"No <img> of {uploaded['url']} on B's page"
    assert image["alt"] == "A figure sent to A"
    served = fetch_image(cluster.b, uploaded["url"])
    assert Image.open(io.BytesIO(served)).size == (640, 400)
    assert served == fetch_image(cluster.a, uploaded["url"])
    # The renditions B lists are there too.
    for candidate in image.get("srcset", "").split(","):
        rendition_url = candidate.split()[0]
        Image.open(io.BytesIO(fetch_image(cluster.b, rendition_url))).verify()


def diagram_labels(body):
    """Return the text of the drawn diagrams on a page (not of their sources)."""
    page = BeautifulSoup(body, "html.parser")
    return " ".join(svg.get_text(" ") for svg in page.select("div.diagram svg"))


@pytest.mark.skipif(bool(worker_missing()), reason=worker_missing() or "-")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_diagram_drawn_by_the_worker_shows_through_both(
    cluster, editor_on_a, make_post
):
    post = make_post()
    path = post.get_absolute_url()
    # Never drawn before, whatever the storage kept from earlier runs.
    label = f"Drawn {uuid.uuid4().hex[:12]}"
    source = f"flowchart LR\n  saved[Saved through A] --> drawn[{label}]"
    save_through_admin(
        editor_on_a, post.pk, body=f"{post.body}\n\n```mermaid\n{source}\n```\n"
    )

    wait_until(
        lambda: label in diagram_labels(read(cluster.b, path)),
        "drawn diagram through B",
        cluster.worker,
        DIAGRAM_SECONDS,
    )
    assert label in diagram_labels(read(cluster.a, path))
    # Drawn by the worker, not in A's request: the queue holds its finished task.
    [drawing] = [
        row
        for row in DBTaskResult.objects.filter(task_path=render_mermaid.module_path)
        if label in json.dumps(row.args_kwargs)
    ]
    assert drawing.status == TaskResultStatus.SUCCESSFUL
    assert drawing.worker_ids


# Last in the module: it kills A.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_killing_one_app_server_loses_no_request_the_other_can_serve(
    cluster, make_post
):
    post = make_post()
    paths = ["/", post.get_absolute_url(), "/rss.xml", "/healthz"]
    balancer = Balancer([cluster.a, cluster.b])
    answers = []  # (started after the kill, server name, status)
    progress = threading.Condition()
    killed, stop = threading.Event(), threading.Event()

    def read_until_stopped():
        while not stop.is_set():
            after_kill = killed.is_set()
            server, status = balancer.get(paths[len(answers) % len(paths)])
            with progress:
                answers.append((after_kill, server, status))
                progress.notify_all()

    def answered(after_kill):
        return sum(1 for after, _, _ in answers if after == after_kill)

    reader = threading.Thread(target=read_until_stopped)
    reader.start()
    try:
        with progress:
            assert progress.wait_for(lambda: answered(False) >= 12, timeout=120)
        cluster.a.kill()
        killed.set()
        with progress:
            assert progress.wait_for(lambda: answered(True) >= 12, timeout=120)
    finally:
        stop.set()
        reader.join(timeout=120)

    assert [a for a in answers if a[2] != 200] == []
    assert {server for after, server, _ in answers if not after} == {
        "app server A",
        "app server B",
    }
    assert {server for after, server, _ in answers if after} == {"app server B"}
    # A was asked after it died, and B answered in its place.
    assert any(name == "app server A" for name, _ in balancer.failovers)
    with pytest.raises(ConnectionRefusedError):
        Client(cluster.a.url).request("GET", "/healthz")
