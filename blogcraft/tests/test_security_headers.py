"""Every response carries a strict Content-Security-Policy and the other headers."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

pytestmark = pytest.mark.django_db


def policy(response):
    directives = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        directives[name] = values
    return directives


@pytest.fixture
def public_urls(make_post):
    post = make_post(title="Headers", tags=["ai"])
    return ["/", post.get_absolute_url(), "/tags/ai/", "/series/"]


def test_public_pages_have_a_strict_policy_and_only_external_scripts(
    client, public_urls
):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["script-src"] == ["'self'"], url  # no nonce was needed
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        page = BeautifulSoup(response.content, "html.parser")
        # Inline blocks are JSON-LD data, which browsers never run.
        inline = [script for script in page.find_all("script") if not script.get("src")]
        assert all(s.get("type") == "application/ld+json" for s in inline), url
        assert not page.select("[style]"), url
        assert not page.find_all("style"), url


def test_no_policy_allows_inline_or_eval_script(client, editor_client):
    home = client.get("/")["Content-Security-Policy"]
    assert "unsafe-inline" not in home and "unsafe-eval" not in home
    # The post editor relaxes styles for its live preview of diagrams; never scripts.
    editor = policy(editor_client.get("/admin/posts/post/add/"))
    assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(editor["script-src"])


def test_admin_scripts_carry_the_nonce_the_policy_names(editor_client):
    response = editor_client.get(reverse("admin:posts_category_add"))
    (nonce,) = set(re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"]))
    assert f"'nonce-{nonce}'" in policy(response)["script-src"]
    assert f"'nonce-{nonce}'" in policy(response)["style-src"]
    page = BeautifulSoup(response.content, "html.parser")
    scripts = page.find_all("script")
    assert scripts
    assert {script.get("nonce") for script in scripts} == {nonce}


def test_each_response_gets_a_fresh_nonce(editor_client):
    url = reverse("admin:posts_post_add")
    first, second = (editor_client.get(url) for _ in range(2))
    assert first["Content-Security-Policy"] != second["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/", "/admin/login/"])
def test_other_security_headers(client, url):
    response = client.get(url)
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def permissions_policy(response):
    policy = {}
    for directive in response["Permissions-Policy"].split(","):
        feature, _, allowlist = directive.strip().partition("=")
        policy[feature] = allowlist
    return policy


@pytest.mark.parametrize("url", ["/", "/rss.xml", "/admin/login/", "/healthz"])
def test_permissions_policy_turns_off_what_the_site_never_uses(client, url):
    policy = permissions_policy(client.get(url))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert policy[feature] == "()", feature
    # The code blocks' copy buttons write to the clipboard, from this origin only.
    assert policy["clipboard-write"] == "(self)"
