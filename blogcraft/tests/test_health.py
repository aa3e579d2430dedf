"""The health check reports each part on its own: 200 when all answer, 503 if not."""

import json
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.tasks.backends.base import BaseTaskBackend
from django_tasks_db.models import DBTaskResult

from .test_settings import manage

HEALTH = (
    "from django.test import Client\n"
    "response = Client().get('/healthz', HTTP_HOST='127.0.0.1')\n"
    "print(response.status_code, response.content.decode())\n"
)

ALL_OK = {"database": "ok", "cache": "ok", "storage": "ok", "queue": "ok"}


def health_in_a_fresh_process(**environment):
    """Return (status, checks) of /healthz in a process with this environment."""
    result = manage("shell", "-v", "0", "-c", HEALTH, **environment)
    status, body = result.stdout.split(" ", 1)
    return int(status), json.loads(body)["checks"]


class UnreachableQueue(BaseTaskBackend):
    """A task backend whose store does not answer, as a database or Redis that is
    down would not."""

    supports_get_result = True

    def enqueue(self, task, args, kwargs):
        raise ConnectionRefusedError("the queue's store is down")

    def get_result(self, result_id):
        raise ConnectionRefusedError("the queue's store is down")


class ForgetfulStorage(FileSystemStorage):
    """Stores without error but reads back something else, as a broken proxy might."""

    def _open(self, name, mode="rb"):
        return ContentFile(b"not what was written", name=name)


def health_log(caplog):
    return [record for record in caplog.records if record.name == "blogcraft.health"]


def get_health(client):
    response = client.get("/healthz")
    return response.status_code, response.json()


@pytest.fixture
def immediate_tasks(settings):
    # Tasks run in the request that enqueues them (the tests' default, said here).
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["immediate"]}}


@pytest.mark.django_db
def test_healthy_instance_answers_200_and_is_never_cached(client, immediate_tasks):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "cache": "ok",
            "storage": "ok",
            # No queue to reach, and the reply says so rather than "ok".
            "queue": "immediate",
        },
    }
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_storage_check_leaves_nothing_behind(client):
    assert get_health(client)[1]["checks"]["storage"] == "ok"
    _folders, files = default_storage.listdir("healthz")
    assert files == []


@pytest.mark.django_db
def test_health_check_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


@pytest.mark.parametrize(
    ("variable", "unreachable", "part"),
    [
        # Nothing listens on port 9: connecting fails at once, as with a dead server.
        ("DATABASE_URL", "postgres://x@127.0.0.1:9/x", "database"),
        ("REDIS_URL", "redis://127.0.0.1:9/0", "cache"),
    ],
)
def test_unreachable_database_or_cache_gives_503(tmp_path, variable, unreachable, part):
    status, checks = health_in_a_fresh_process(
        **{variable: unreachable, "BLOGCRAFT_VAR_DIR": str(tmp_path)}
    )
    assert status == 503
    assert checks[part] == "failing"
    others = {"database", "cache", "storage"} - {part}
    assert {name: checks[name] for name in others} == dict.fromkeys(others, "ok")


@pytest.mark.django_db
def test_unwritable_storage_gives_503_with_the_reason_in_the_log_only(
    client, settings, tmp_path, caplog, immediate_tasks
):
    # A folder inside a plain file cannot be created, as a full or read-only disk,
    # or a bucket refusing writes, cannot be written.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocker / "media")},
        },
    }
    with caplog.at_level(logging.ERROR, logger="blogcraft.health"):
        status, reply = get_health(client)
    assert status == 503
    assert reply["status"] == "unavailable"
    assert reply["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage": "failing",
        "queue": "immediate",
    }
    [record] = health_log(caplog)
    assert "'storage'" in record.getMessage()
    assert record.exc_info is not None
    assert "not-a-folder" not in json.dumps(reply)


@pytest.mark.django_db
def test_storage_that_reads_back_other_bytes_gives_503(client, settings, caplog):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": f"{__name__}.ForgetfulStorage",
            "OPTIONS": {"location": str(settings.MEDIA_ROOT)},
        },
    }
    with caplog.at_level(logging.ERROR, logger="blogcraft.health"):
        status, reply = get_health(client)
    assert status == 503
    assert reply["checks"]["storage"] == "failing"
    assert [record.getMessage() for record in health_log(caplog)] == [
        "Health check 'storage' failed: the answer read back was wrong"
    ]
    # The object written was removed all the same.
    assert default_storage.listdir("healthz") == ([], [])


@pytest.mark.django_db
def test_queue_whose_store_answers_is_ok(client, settings):
    # The dummy backend keeps results in memory: it answers "no such task".
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }
    status, reply = get_health(client)
    assert status == 200
    assert reply["checks"]["queue"] == "ok"


@pytest.mark.django_db
def test_unreachable_queue_gives_503_with_the_reason_in_the_log_only(
    client, settings, caplog
):
    settings.TASKS = {"default": {"BACKEND": f"{__name__}.UnreachableQueue"}}
    with caplog.at_level(logging.ERROR, logger="blogcraft.health"):
        status, reply = get_health(client)
    assert status == 503
    assert reply["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "queue": "failing",
    }
    [record] = health_log(caplog)
    assert "'queue'" in record.getMessage()
    assert "store is down" in str(record.exc_info[1])
    assert "store is down" not in json.dumps(reply)


@pytest.mark.django_db
def test_database_queue_is_ok_while_its_table_answers(client, settings):
    # The site's queue, which the tests otherwise replace by the immediate backend.
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["database"]}}
    assert get_health(client) == (200, {"status": "ok", "checks": ALL_OK})

    # The queue's table gone (a migration not run): the queue fails, alone. Dropped
    # inside the test's transaction, it is back when the test ends.
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(DBTaskResult._meta.db_table)
        cursor.execute(f"DROP TABLE {table}")
    status, reply = get_health(client)
    assert status == 503
    assert reply["checks"] == ALL_OK | {"queue": "failing"}
