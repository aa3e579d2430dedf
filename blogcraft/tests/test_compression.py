"""Public pages and feeds are sent compressed, compressed once, and never a secret."""

import gzip
import http.client
from urllib.parse import urlsplit

import brotli
import pytest
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client
from django.urls import include, path

from blogcraft import stored_pages
from blogcraft.compression import preferred_coding
from blogcraft.page_cache import cached_public_response

PAGES = [
    "/",
    "/blog/",
    "/blog/compressed/",
    "/rss.xml",
    "/atom.xml",
    "/feed.json",
    "/sitemap.xml",
]
DECOMPRESS = {"gzip": gzip.decompress, "br": brotli.decompress}


def form_page(request):
    """A page that shows a form, as a public view could by mistake."""
    template = Template("<form method=post>{% csrf_token %}<button>Go</button></form>")
    return HttpResponse(template.render(RequestContext(request)))


def nonce_page(request):
    """A page with an inline script allowed by the request's CSP nonce."""
    template = Template("<script {% csp_nonce_attr %}>go()</script>{{ csp_nonce }}")
    return HttpResponse(template.render(RequestContext(request)))


urlpatterns = [
    path("form/", cached_public_response(form_page)),
    path("nonce/", cached_public_response(nonce_page)),
    path("", include("blogcraft.urls")),
]


@pytest.fixture
def post(make_post):
    return make_post(title="Compressed", slug="compressed", body="Words. " * 2000)


def vary_of(response):
    return {value.strip().lower() for value in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("coding", ["gzip", "br"])
@pytest.mark.parametrize("page", PAGES)
def test_decompressed_bytes_are_the_uncompressed_page(client, post, page, coding):
    identity = client.get(page)
    assert identity.status_code == 200
    assert "Content-Encoding" not in identity
    response = client.get(page, headers={"Accept-Encoding": f"{coding}"})
    assert response["Content-Encoding"] == coding
    assert len(response.content) < len(identity.content)
    assert DECOMPRESS[coding](response.content) == identity.content
    assert response["Content-Type"] == identity["Content-Type"]
    assert {"accept-encoding", "cookie"} <= vary_of(response)
    assert {"accept-encoding", "cookie"} <= vary_of(identity)


def test_each_coding_has_its_own_etag_and_its_own_304(client, post):
    etags = {}
    for coding in ["br", "gzip", "identity"]:
        response = client.get("/rss.xml", headers={"Accept-Encoding": coding})
        etags[coding] = response["ETag"]
    assert len(set(etags.values())) == 3
    for coding, etag in etags.items():
        repeat = client.get(
            "/rss.xml", headers={"Accept-Encoding": coding, "If-None-Match": etag}
        )
        assert repeat.status_code == 304
        assert repeat["ETag"] == etag
        assert "accept-encoding" in vary_of(repeat)
    # A client that stored the gzip bytes and now asks for Brotli gets the Brotli.
    switched = client.get(
        "/rss.xml", headers={"Accept-Encoding": "br", "If-None-Match": etags["gzip"]}
    )
    assert switched.status_code == 200
    assert switched["Content-Encoding"] == "br"
    assert switched["ETag"] == etags["br"]


def test_pages_are_compressed_once_when_stored(client, post, monkeypatch):
    calls = []
    compress = stored_pages.compress
    monkeypatch.setattr(
        stored_pages, "compress", lambda *args: calls.append(args) or compress(*args)
    )
    client.get("/blog/compressed/", headers={"Accept-Encoding": "gzip"})
    assert sorted(coding for _, coding in calls) == ["br", "gzip"]
    for coding in ["gzip", "br", "gzip, br", "identity"] * 3:
        client.get("/blog/compressed/", headers={"Accept-Encoding": coding})
    # Another worker reads the page from the shared cache.
    stored_pages.stored_pages.forget_local()
    response = client.get("/blog/compressed/", headers={"Accept-Encoding": "br"})
    assert response["Content-Encoding"] == "br"
    assert len(calls) == 2


def test_with_the_page_cache_off_only_the_wanted_coding_is_made(
    client, post, settings, monkeypatch
):
    settings.BLOGCRAFT_PAGE_CACHE_SECONDS = 0
    calls = []
    compress = stored_pages.compress
    monkeypatch.setattr(
        stored_pages, "compress", lambda *args: calls.append(args) or compress(*args)
    )
    identity = client.get("/blog/compressed/")
    response = client.get("/blog/compressed/", headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(response.content) == identity.content
    assert [coding for _, coding in calls] == ["gzip"]


@pytest.mark.urls(__name__)
def test_a_page_with_a_csrf_token_is_neither_compressed_nor_cached(client, db):
    first = client.get("/form/", headers={"Accept-Encoding": "gzip, br"})
    assert b"csrfmiddlewaretoken" in first.content
    assert "Content-Encoding" not in first
    assert "ETag" not in first
    second = Client().get("/form/", headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in second
    assert token_of(second) != token_of(first)


@pytest.mark.urls(__name__)
def test_a_page_with_a_csp_nonce_is_neither_compressed_nor_cached(client, db):
    first = client.get("/nonce/", headers={"Accept-Encoding": "gzip, br"})
    second = Client().get("/nonce/", headers={"Accept-Encoding": "gzip, br"})
    for response in (first, second):
        assert "Content-Encoding" not in response
        assert "ETag" not in response
        nonce = response.content.decode().rsplit(">", 1)[1]
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert first.content != second.content


def token_of(response):
    marker = b'name="csrfmiddlewaretoken" value="'
    start = response.content.index(marker) + len(marker)
    return response.content[start : response.content.index(b'"', start)]


def test_the_admin_login_is_never_compressed(client, db):
    response = client.get("/admin/login/", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response


def test_pages_for_signed_in_editors_are_never_compressed(editor_client, post):
    for page in ["/", "/blog/compressed/", "/rss.xml"]:
        response = editor_client.get(page, headers={"Accept-Encoding": "gzip, br"})
        assert response.status_code == 200
        assert "Content-Encoding" not in response


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_live_server_sends_the_same_bytes_compressed(live_server, post):
    address = urlsplit(live_server.url)

    def get(accept_encoding):
        connection = http.client.HTTPConnection(address.hostname, address.port)
        try:
            connection.request(
                "GET", "/blog/compressed/", headers={"Accept-Encoding": accept_encoding}
            )
            response = connection.getresponse()
            return response, response.read()
        finally:
            connection.close()

    _, identity = get("identity")
    for coding in ["gzip", "br"]:
        response, body = get(f"{coding};q=1, identity;q=0.5")
        assert response.status == 200
        assert response.getheader("Content-Encoding") == coding
        assert int(response.getheader("Content-Length")) == len(body)
        assert "Accept-Encoding" in response.getheader("Vary")
        assert DECOMPRESS[coding](body) == identity


@pytest.mark.parametrize(
    ("header", "coding"),
    [
        (None, None),
        ("", None),
        ("identity", None),
        ("gzip", "gzip"),
        ("gzip, deflate, br, zstd", "br"),
        ("GZIP;Q=1.0, br;q=0.8", "gzip"),
        ("br;q=0, gzip;q=0", None),
        ("*", "br"),
        ("*;q=0.5, br;q=0", "gzip"),
        ("br;q=nonsense, gzip", "gzip"),
    ],
)
def test_the_coding_follows_the_accept_encoding_header(header, coding):
    assert preferred_coding(header) == coding
