"""Cached pages answered early are the pages the views stored, with every header."""

import pytest
from django.test import Client

PAGES = ["/", "/blog/early/", "/tags/ai/", "/rss.xml", "/feed.json", "/sitemap.xml"]
# Headers whose value may differ between two answers of the same page.
PER_RESPONSE = {"Date", "Set-Cookie"}


@pytest.fixture
def post(make_post):
    return make_post(title="Early", slug="early", tags=["ai"])


def headers_of(response):
    return {
        name: value
        for name, value in response.headers.items()
        if name not in PER_RESPONSE
    }


@pytest.mark.parametrize("coding", ["gzip", "br", "identity"])
@pytest.mark.parametrize("page", PAGES)
def test_the_early_answer_is_the_stored_page_with_all_its_headers(
    client, post, page, coding, django_assert_num_queries
):
    first = client.get(page, headers={"Accept-Encoding": coding})
    assert first.status_code == 200
    with django_assert_num_queries(0):
        repeat = client.get(page, headers={"Accept-Encoding": coding})
    assert repeat.status_code == 200
    assert repeat.content == first.content
    assert headers_of(repeat) == headers_of(first)
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Content-Length",
    ):
        assert header in repeat, header


def test_a_disallowed_host_is_refused_for_a_cached_page_too(client, post):
    assert client.get("/blog/early/").status_code == 200
    response = Client(HTTP_HOST="evil.example").get("/blog/early/")
    assert response.status_code == 400


def test_a_signed_in_editor_never_gets_the_readers_copy(editor_client, post):
    assert "ETag" in Client().get("/blog/early/")  # stored for readers
    page = editor_client.get("/blog/early/")
    assert page.status_code == 200
    assert "ETag" not in page  # rendered for the editor, who may see more
