"""Conditional GET on cached pages and feeds: If-None-Match by weak comparison."""

import pytest

PAGES = ["/", "/blog/conditional/", "/rss.xml", "/feed.json"]


@pytest.fixture
def post(make_post):
    return make_post(title="Conditional", slug="conditional")


def etag_of(client, path, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    return response["ETag"]


def status_with(client, path, if_none_match, **headers):
    headers["If-None-Match"] = if_none_match
    return client.get(path, headers=headers).status_code


@pytest.mark.parametrize("path", PAGES)
def test_the_strong_tag_gets_304(client, post, path):
    etag = etag_of(client, path)
    assert not etag.startswith("W/")
    assert status_with(client, path, etag) == 304


@pytest.mark.parametrize("path", PAGES)
def test_the_weakened_tag_gets_304(client, post, path):
    # A proxy that compressed the page on its way weakens the tag it passes on.
    etag = etag_of(client, path)
    assert status_with(client, path, f"W/{etag}") == 304


def test_a_list_matches_when_any_of_its_tags_does(client, post):
    etag = etag_of(client, "/rss.xml")
    assert status_with(client, "/rss.xml", f'"stale", W/{etag}, "older"') == 304
    assert status_with(client, "/rss.xml", f'"stale",{etag}') == 304
    assert status_with(client, "/rss.xml", '"stale", W/"older"') == 200


def test_a_star_matches_any_page(client, post):
    assert status_with(client, "/rss.xml", "*") == 304


def test_a_304_carries_the_validators_of_the_200(client, post):
    first = client.get("/rss.xml")
    repeat = client.get("/rss.xml", headers={"If-None-Match": f"W/{first['ETag']}"})
    assert repeat.status_code == 304
    assert repeat.content == b""
    for header in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
        assert repeat[header] == first[header]


def test_a_tag_of_other_content_gets_the_page(client, post):
    etag = etag_of(client, "/rss.xml")
    post.title = "Changed"
    post.save()
    assert status_with(client, "/rss.xml", f"W/{etag}") == 200
    assert status_with(client, "/rss.xml", etag) == 200


def test_if_none_match_decides_over_if_modified_since(client, post):
    first = client.get("/rss.xml")
    response = client.get(
        "/rss.xml",
        headers={
            "If-None-Match": '"stale"',
            "If-Modified-Since": first["Last-Modified"],
        },
    )
    assert response.status_code == 200
