"""Diagrams drawn by the task worker: saves never wait, pages follow the drawing.

These tests use the persistent backend (django-tasks-db) and run its real worker,
`manage.py db_worker`, in this process.
"""

import shutil
import signal
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from posts.models import Post
from posts.rendering import diagrams, math
from posts.tests.test_admin import ADD, field_errors, form_data
from posts.tests.test_rendering_diagrams import chromium  # noqa: F401 (a fixture)

# Committed for real: the worker closes a connection it finds inside a transaction,
# as it would a broken one. The database is left as it was found.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FLOW = "graph LR\n  Editor --> Queue --> Worker\n"
BODY = f"Before the drawing.\n\n```mermaid\n{FLOW}```\n"


@pytest.fixture
def queue(settings, tmp_path):
    """The database task backend (each test has a diagram storage of its own)."""
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["database"]}}
    settings.BLOGCRAFT_TASK_RETRY_SECONDS = 0


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


@pytest.fixture
def crashing_renderer(settings, tmp_path):
    """A "browser" that dies as soon as it starts, as a crashed Chromium would."""
    browser = tmp_path / "chromium"
    browser.write_text("#!/bin/sh\nexit 1\n")
    browser.chmod(0o755)
    settings.BLOGCRAFT_CHROMIUM = str(browser)


@pytest.mark.usefixtures("queue", "crashing_renderer")
def test_a_failing_drawing_is_tried_again_then_reported(
    make_post, renderer_runs, run_worker
):
    post = make_post(body=BODY)
    assert any(note.startswith(diagrams.BEING_DRAWN) for note in post.render_problems)

    run_worker()

    attempts = DBTaskResult.objects.order_by("enqueued_at")
    assert [task.args_kwargs["args"][1:] for task in attempts] == [[], [2], [3]]
    assert [task.status for task in attempts] == ["FAILED"] * 3
    assert len(renderer_runs) == 3
    assert attempts.last().exception_class_path.endswith("GaveUp")
    post.refresh_from_db()
    [note] = [note for note in post.render_problems if "Diagram" in note]
    assert note.startswith("Diagram “graph LR” is shown as source: drawing it failed")
    assert "3 times" in note
    page = soup(Client().get(post.get_absolute_url()))
    assert shown_diagram(page) == ("source", "Diagram source")
    # Reported, not queued again by every preview or save for a while.
    assert diagrams.render_diagrams([FLOW], []) == {FLOW: diagrams.Diagram()}
    assert DBTaskResult.objects.count() == 3


@pytest.mark.usefixtures("queue", "crashing_renderer")
def test_each_attempt_waits_twice_as_long_as_the_one_before(
    settings, make_post, run_worker
):
    settings.BLOGCRAFT_TASK_RETRY_SECONDS = 30
    make_post(body=BODY)
    for wait in (30, 60):
        run_worker()  # runs what is due, and leaves the retry for later
        failed = DBTaskResult.objects.filter(status="FAILED").latest("finished_at")
        retry = DBTaskResult.objects.get(status="READY")
        # Scheduled while the failed attempt ran, `wait` seconds ahead.
        earliest = failed.started_at + timedelta(seconds=wait)
        latest = failed.finished_at + timedelta(seconds=wait)
        assert earliest <= retry.run_after <= latest
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=failed.finished_at)


@pytest.mark.usefixtures("queue")
def test_the_live_preview_titles_a_diagram_being_drawn(editor_client, renderer_runs):
    preview = editor_client.post(reverse("editor-preview"), {"content": BODY})
    assert preview.status_code == 200
    figure = BeautifulSoup(preview.content, "html.parser").select_one("figure")
    assert figure.figcaption.text == diagrams.BEING_DRAWN
    assert figure.code.text == FLOW
    assert renderer_runs == []
    assert DBTaskResult.objects.get().task_path.endswith("render_mermaid")


@pytest.mark.usefixtures("queue")
def test_rerender_queues_the_work_for_the_worker(make_post, run_worker, capsys):
    post = make_post(body="Hello.")
    Post.objects.filter(pk=post.pk).update(body_html="<p>Stale.</p>")
    call_command("rerender")
    assert "Queued" in capsys.readouterr().out
    assert Post.objects.get().body_html == "<p>Stale.</p>"

    run_worker()

    task = DBTaskResult.objects.get()
    assert (task.status, task.return_value) == ("SUCCESSFUL", [post.slug])
    assert Post.objects.get().body_html == post.body_html


@pytest.fixture
def node_runs(monkeypatch):
    """Every start of node for KaTeX, with the formulas it was given."""
    if shutil.which("node") is None:
        pytest.skip("node is missing")
    runs = []
    real = math.run_katex

    def counted(pairs):
        runs.append(pairs)
        return real(pairs)

    monkeypatch.setattr(math, "run_katex", counted)
    math._memory.clear()
    return runs


@pytest.mark.usefixtures("queue")
def test_a_save_with_a_new_formula_answers_before_node_runs(
    make_post, node_runs, run_worker
):
    post = make_post(body="Energy: $E = mc^2$.")
    assert node_runs == []
    assert any(note.startswith(math.BEING_TYPESET) for note in post.render_problems)
    page = soup(Client().get(post.get_absolute_url()))
    assert page.select_one("code.math-tex").text == "E = mc^2"

    run_worker()

    assert node_runs == [[("E = mc^2", False)]]
    post.refresh_from_db()
    assert post.render_problems == []
    page = soup(Client().get(post.get_absolute_url()))
    assert page.select_one(".katex annotation").text == "E = mc^2"
    # Another server reads the result from the shared cache; node runs no more.
    math._memory.clear()
    assert make_post(body="Again: $E = mc^2$.").render_problems == []
    assert len(node_runs) == 1
