"""The admin login slows down guessing; the admin's path is configurable."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from blogcraft.admin_security import LOGIN_MAX_FAILURES, client_address

from .test_settings import manage

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def empty_cache():
    # The counts live in the configured cache (Redis when REDIS_URL is set).
    cache.clear()
    yield
    cache.clear()


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def is_logged_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def fail(client, username, times, address="203.0.113.7"):
    for _ in range(times):
        response = log_in(client, username, "wrong", address)
        assert response.status_code == 200
        assert "correct username and password" in response.content.decode()


def test_correct_password_is_refused_after_repeated_failures(client, editor):
    fail(client, editor.username, LOGIN_MAX_FAILURES)
    response = log_in(client, editor.username, PASSWORD)
    assert not is_logged_in(response)
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_below_the_limit_do_not_lock(client, editor):
    fail(client, editor.username, LOGIN_MAX_FAILURES - 1)
    assert is_logged_in(log_in(client, editor.username, PASSWORD))


def test_a_successful_login_clears_the_count(client, editor):
    fail(client, editor.username, LOGIN_MAX_FAILURES - 1)
    assert is_logged_in(log_in(client, editor.username, PASSWORD))
    client.logout()
    fail(client, editor.username, LOGIN_MAX_FAILURES - 1)
    assert is_logged_in(log_in(client, editor.username, PASSWORD))


def test_a_post_without_password_does_not_clear_the_count(client, editor):
    fail(client, editor.username, LOGIN_MAX_FAILURES - 1)
    log_in(client, editor.username, "")
    fail(client, editor.username, 1)
    assert not is_logged_in(log_in(client, editor.username, PASSWORD))


def test_the_lock_is_per_username_and_address(client, editor):
    fail(client, editor.username, LOGIN_MAX_FAILURES)
    # The username is matched without regard to case.
    assert not is_logged_in(log_in(client, editor.username.upper(), PASSWORD))
    assert is_logged_in(log_in(client, editor.username, PASSWORD, "198.51.100.9"))


def test_client_address_trusts_only_the_configured_proxies(settings):
    request = RequestFactory().get(
        "/",
        REMOTE_ADDR="10.0.0.2",
        headers={"x-forwarded-for": "1.1.1.1, 203.0.113.7"},
    )
    assert client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.7"  # not the spoofable 1.1.1.1


def test_admin_path_comes_from_the_environment():
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    assert manage("shell", "-v", "0", "-c", code).stdout.strip() == "/admin/"
    result = manage("shell", "-v", "0", "-c", code, ADMIN_PATH="/backstage/")
    assert result.stdout.strip() == "/backstage/", result.stderr
