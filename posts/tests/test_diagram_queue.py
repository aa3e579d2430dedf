"""Diagrams drawn by the task worker: saves never wait, pages follow the drawing.

These tests use the persistent backend (django-tasks-db) and run its real worker,
`manage.py db_worker`, in this process.
"""

import os
import signal

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from posts.models import Post
from posts.rendering import diagrams
from posts.tests.test_admin import ADD, field_errors, form_data

pytestmark = pytest.mark.django_db

FLOW = "graph LR\n  Editor --> Queue --> Worker\n"
BODY = f"Before the drawing.\n\n```mermaid\n{FLOW}```\n"


@pytest.fixture
def queue(settings, tmp_path):
    """The database task backend, and a diagram folder of this test's own."""
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["database"]}}
    settings.BLOGCRAFT_DIAGRAM_ROOT = tmp_path / "diagrams"
    settings.BLOGCRAFT_DIAGRAM_RETRY_SECONDS = 0


@pytest.fixture
def chromium():
    if not diagrams.chromium_path().exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: `make test` installs it.")
        pytest.skip("Chromium is missing.")


@pytest.fixture
def renderer_runs(monkeypatch):
    """Every start of the Chromium renderer, in order."""
    runs = []
    real = diagrams.run_worker

    def counted(jobs, timeout):
        runs.append([job["key"] for job in jobs])
        return real(jobs, timeout)

    monkeypatch.setattr(diagrams, "run_worker", counted)
    return runs


@pytest.fixture
def run_worker():
    """Run `db_worker` until the queue has nothing ready, as a deployment runs it."""
    handled = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {number: signal.getsignal(number) for number in handled}

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    yield run
    for number, handler in saved.items():  # the worker installs its own
        signal.signal(number, handler)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def shown_diagram(page):
    """Return ("svg", None) or ("source", the code block's title) for the page."""
    article = page.select_one("main")
    if article.select_one("div.diagram svg") is not None:
        return "svg", None
    figure = article.select_one("figure.code-block")
    return "source", figure.select_one("figcaption").text


@pytest.mark.browser
@pytest.mark.usefixtures("queue", "chromium")
def test_a_save_answers_before_the_drawing_and_the_page_follows_it(
    editor_client, renderer_runs, run_worker
):
    response = editor_client.post(
        ADD, form_data(body=BODY, status=Post.Status.PUBLISHED)
    )
    assert response.status_code == 302, field_errors(response)
    assert renderer_runs == []  # the request started no Chromium
    post = Post.objects.get()
    assert [task.status for task in DBTaskResult.objects.all()] == ["READY"]
    assert any(note.startswith(diagrams.BEING_DRAWN) for note in post.render_problems)
    change = editor_client.get(reverse("admin:posts_post_change", args=[post.pk]))
    notes = soup(change).select_one(".field-rendering_notes").text
    assert diagrams.BEING_DRAWN in notes
    reader = Client()
    page = soup(reader.get(post.get_absolute_url()))
    assert shown_diagram(page) == ("source", diagrams.BEING_DRAWN)
    assert page.select_one("figure.code-block code").text == FLOW
    cached = reader.get(post.get_absolute_url())
    again = reader.get(post.get_absolute_url(), HTTP_IF_NONE_MATCH=cached["ETag"])
    assert again.status_code == 304

    run_worker()

    assert len(renderer_runs) == 1
    assert [task.status for task in DBTaskResult.objects.all()] == ["SUCCESSFUL"]
    post.refresh_from_db()
    assert not any(diagrams.BEING_DRAWN in note for note in post.render_problems)
    # The cached page was dropped: the reader's copy is stale, and a new one is drawn.
    fresh = reader.get(post.get_absolute_url(), HTTP_IF_NONE_MATCH=cached["ETag"])
    assert fresh.status_code == 200
    assert shown_diagram(soup(fresh)) == ("svg", None)
