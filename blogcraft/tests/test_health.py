"""The health check answers 200 when the database and cache work, 503 otherwise."""

import pytest

from .test_settings import manage

HEALTH = (
    "from django.test import Client\n"
    "response = Client().get('/healthz', HTTP_HOST='127.0.0.1')\n"
    "print(response.status_code, response.content.decode())\n"
)


@pytest.mark.django_db
def test_healthy_instance_answers_200_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_check_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_unreachable_database_gives_503():
    # Nothing listens on port 9: connecting fails at once, as with a dead server.
    result = manage(
        "shell", "-v", "0", "-c", HEALTH, DATABASE_URL="postgres://x@127.0.0.1:9/x"
    )
    status, body = result.stdout.split(" ", 1)
    assert status == "503", result.stderr
    assert '"database": "failing"' in body
    assert '"cache": "ok"' in body


def test_unreachable_cache_gives_503(tmp_path):
    result = manage(
        "shell",
        "-v",
        "0",
        "-c",
        HEALTH,
        REDIS_URL="redis://127.0.0.1:9/0",
        BLOGCRAFT_VAR_DIR=str(tmp_path),
    )
    status, body = result.stdout.split(" ", 1)
    assert status == "503", result.stderr
    assert '"database": "ok"' in body
    assert '"cache": "failing"' in body
