"""Each page's Content-Security-Policy goes out as a header set in one module."""

import pytest
from django.http import HttpResponse
from django.template import engines
from django.template.response import TemplateResponse
from django.test import RequestFactory
from django.utils.csp import LazyNonce

from blogcraft.content_security import (
    HEADER,
    apply_policy,
    body_policy,
    editing_policy,
    policy_header,
)
from posts.models import Post


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def request_with_nonce():
    request = RequestFactory().get("/")
    request._csp_nonce = LazyNonce()  # as the middleware gives every request
    return request


def test_a_body_without_inline_styles_gets_the_sites_policy(settings):
    assert body_policy({"stylesheets": ["css/prose.css"]}) == settings.SECURE_CSP


def test_a_body_with_diagrams_gets_exactly_their_hashes():
    policy = body_policy({"style_hashes": ["'sha256-abc='"], "style_attributes": True})
    assert policy["style-src-elem"][-1] == "'sha256-abc='"
    assert policy["style-src-attr"] == ["'unsafe-inline'"]
    assert "'unsafe-inline'" not in policy["script-src"]


def test_the_editing_policy_allows_inline_styles_and_keeps_scripts_strict():
    policy = editing_policy(**{"frame-ancestors": ["'self'"]})
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]


def test_a_rendered_page_that_used_no_nonce_names_none():
    response = apply_policy(
        request_with_nonce(), HttpResponse("<p>hi</p>"), editing_policy()
    )
    assert "nonce-" not in response[HEADER]
    assert directives(response[HEADER])["style-src"] == ["'self'", "'unsafe-inline'"]


def test_a_template_response_gets_its_header_once_rendered_with_the_nonce_it_used():
    request = request_with_nonce()
    template = engines["django"].from_string("<script nonce='{{ n }}'>go()</script>")
    response = TemplateResponse(request, template, {"n": request._csp_nonce})
    apply_policy(request, response, editing_policy())
    assert HEADER not in response
    response.render()
    nonce = str(request._csp_nonce)
    assert f"'nonce-{nonce}'" in directives(response[HEADER])["script-src"]


def test_the_page_cache_stores_a_pages_own_header_or_the_sites():
    own = HttpResponse()
    own[HEADER] = "default-src 'none'"
    assert policy_header(own) == "default-src 'none'"
    assert policy_header(HttpResponse()).startswith("default-src 'self'")


@pytest.mark.django_db
def test_a_cached_post_page_keeps_its_own_policy(client, make_post):
    post = make_post()
    Post.objects.filter(pk=post.pk).update(
        page_assets={"style_hashes": ["'sha256-abc='"], "style_attributes": False}
    )
    first = client.get(post.get_absolute_url())
    cached = client.get(post.get_absolute_url())
    assert cached[HEADER] == first[HEADER]
    assert "'sha256-abc='" in directives(cached[HEADER])["style-src-elem"]
    assert "style-src-attr" not in directives(cached[HEADER])
