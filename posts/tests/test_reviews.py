"""Review links: who gets the page, what it shows, and that it is listed nowhere."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.utils import timezone

from posts.models import Post, ReviewLink
from posts.reviews import (
    SALT,
    Reason,
    create_review_link,
    review_path,
    review_url,
    revoke,
    token_for,
    verify,
)
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

TITLE = "Zanzibar quokka migrations"


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def draft(make_post):
    return make_post(
        title=TITLE,
        status=Post.Status.DRAFT,
        body="## Opening\n\nThe *reviewer* reads this.",
        tags=["Django"],
    )


@pytest.fixture
def link(draft, editor):
    return create_review_link(draft, editor, note="Ada")


def expire(link):
    moment = timezone.now() - timedelta(days=8)
    ReviewLink.objects.filter(pk=link.pk).update(
        created_at=moment, expires_at=moment + timedelta(days=7)
    )


def private_headers_of(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "ETag" not in response


def test_a_link_works_for_seven_days_unless_told(draft, editor):
    link = create_review_link(draft, editor)
    assert link.expires_at - link.created_at == timedelta(days=7)
    assert create_review_link(draft, editor, days=30).expires_at > link.expires_at
    with pytest.raises(ValueError):
        create_review_link(draft, editor, days=0)


def test_each_link_has_its_own_unguessable_signed_token(draft, editor, settings):
    settings.SITE_URL = "https://blog.example.org"
    first, second = (create_review_link(draft, editor) for _ in range(2))
    assert token_for(first) != token_for(second)
    key, signature = token_for(first).split(".")
    assert key == first.key and len(key) >= 24
    assert review_path(first) == f"/review/{token_for(first)}/"
    assert review_url(first) == f"https://blog.example.org{review_path(first)}"
    # The token never carries the post's id, slug or title.
    assert draft.slug not in token_for(first)


def test_a_valid_link_shows_the_draft(client, link):
    assert verify(token_for(link)) == (link, None)
    response = client.get(review_path(link))
    assert response.status_code == 200
    page = soup_of(response)
    assert page.find("h1").text == TITLE
    assert page.select_one(".prose h2#opening").text == "Opening"
    banner = page.select_one("[role=status]")
    assert "Preview — not published" in banner.text
    assert "Draft" not in banner.text  # not the banner staff see
    assert page.find("meta", attrs={"name": "robots"})["content"] == (
        "noindex, nofollow"
    )
    private_headers_of(response)


def test_a_scheduled_post_says_when_it_goes_live(client, make_post, editor):
    post = make_post(published_at=timezone.now() + timedelta(days=2))
    response = client.get(review_path(create_review_link(post, editor)))
    banner = soup_of(response).select_one("[role=status]").text
    assert "Preview — not published" in banner
    assert "Scheduled for" in banner


def test_the_page_is_the_post_page_staff_see(
    client, editor_client, link, draft, make_post
):
    series = Series.objects.create(title="Quokkas", slug="quokkas", description="d")
    SeriesPart.objects.create(series=series, post=make_post(), position=1)
    SeriesPart.objects.create(series=series, post=draft, position=2)
    make_post(title="Also about Django", tags=["Django"])

    def main_without_banner(response):
        main = soup_of(response).find("main")
        main.select_one(".draft-banner").decompose()
        return main

    staff = main_without_banner(editor_client.get(draft.get_absolute_url()))
    reviewer = main_without_banner(client.get(review_path(link)))
    assert reviewer == staff
    assert reviewer.select_one(".series-box") and reviewer.select_one(".related")


def test_the_page_has_the_posts_content_security_policy(client, link, draft):
    draft.page_assets = {"style_hashes": ["'sha256-abc='"], "style_attributes": True}
    draft.save()
    policy = client.get(review_path(link))["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    # The post's own widening of the site's policy, and no more.
    assert "'sha256-abc='" in directives["style-src-elem"]
    assert directives["style-src-attr"] == ["'unsafe-inline'"]
    assert "'unsafe-inline'" not in directives["script-src"]


def test_the_page_shows_the_latest_saved_text_never_from_the_cache(client, link, draft):
    path = review_path(link)
    first = client.get(path)
    draft.body = "## Opening\n\nRewritten after the first read."
    draft.save()
    second = client.get(path)
    prose = soup_of(second).select_one(".prose").text
    assert "Rewritten after the first read." in prose
    assert first.content != second.content
    private_headers_of(second)


def test_the_page_leaves_cached_public_pages_alone(
    client, link, make_post, django_assert_num_queries
):
    make_post(title="Public and cached")
    home = client.get("/")
    client.get(review_path(link))
    with django_assert_num_queries(0):
        again = client.get("/")
    assert again.content == home.content


def test_query_count_does_not_grow(
    client, link, draft, make_post, django_assert_num_queries
):
    # The link, its post, the post's tags and authors, the related posts.
    with django_assert_num_queries(5):
        client.get(review_path(link))
    for _ in range(10):
        make_post(tags=["Django"])
    with django_assert_num_queries(5):
        client.get(review_path(link))


def tampered(token):
    key, signature = token.split(".")
    flipped = "A" if signature[0] != "A" else "B"
    return [
        f"{key}.{flipped}{signature[1:]}",
        f"{key[:-1]}{'A' if key[-1] != 'A' else 'B'}.{signature}",
        key,
        f"{key}.",
        signature,
        "nothing-here",
        # Signed correctly but with another salt: a token for something else.
        signing.Signer(salt="another.use", sep=".").sign(key),
        # Signed correctly, for a key no link has.
        signing.Signer(salt=SALT, sep=".").sign("made-up-key"),
    ]


def test_a_tampered_or_unknown_token_is_not_found(client, link):
    for token in tampered(token_for(link)):
        assert verify(token) == (None, Reason.UNKNOWN), token
        response = client.get(f"/review/{token}/")
        assert response.status_code == 404, token
        page = soup_of(response)
        assert page.find("h1").text == "This review link is not recognised"
        assert TITLE not in response.content.decode()
        private_headers_of(response)


@pytest.mark.parametrize(
    ("end", "reason", "heading"),
    [
        (expire, Reason.EXPIRED, "This review link has expired"),
        (revoke, Reason.REVOKED, "This review link was withdrawn by the editor"),
        (
            lambda link: link.post.delete(),
            Reason.DELETED,
            "The post behind this review link was deleted",
        ),
    ],
    ids=["expired", "revoked", "deleted"],
)
def test_a_link_that_ended_is_gone_and_says_why(client, link, end, reason, heading):
    token = token_for(link)
    end(link)
    assert verify(token) == (ReviewLink.objects.get(pk=link.pk), reason)
    response = client.get(f"/review/{token}/")
    assert response.status_code == 410
    page = soup_of(response)
    assert page.find("h1").text == heading
    assert "ask the editor" in page.find("main").text
    assert TITLE not in response.content.decode()
    assert page.find("meta", attrs={"name": "robots"})["content"] == (
        "noindex, nofollow"
    )
    private_headers_of(response)


def test_revoking_twice_keeps_the_first_time(link):
    revoke(link)
    first = link.revoked_at
    revoke(link)
    assert ReviewLink.objects.get(pk=link.pk).revoked_at == first


@pytest.mark.parametrize("state", ["active", "expired", "revoked"])
def test_a_post_published_meanwhile_sends_the_reviewer_to_it(
    client, link, draft, state
):
    if state == "expired":
        expire(link)
    elif state == "revoked":
        revoke(link)
    draft.status = Post.Status.PUBLISHED
    draft.save()
    response = client.get(review_path(link))
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()
    private_headers_of(response)


def test_a_scheduled_post_whose_time_came_sends_the_reviewer_to_it(
    client, make_post, editor
):
    post = make_post(published_at=timezone.now() + timedelta(hours=1))
    link = create_review_link(post, editor)
    assert client.get(review_path(link)).status_code == 200
    Post.objects.filter(pk=post.pk).update(published_at=timezone.now())
    assert client.get(review_path(link))["Location"] == post.get_absolute_url()


def test_only_reading_is_allowed(client, link):
    assert client.head(review_path(link)).status_code == 200
    assert client.post(review_path(link)).status_code == 405


@pytest.fixture(params=["draft", "scheduled"])
def shared_post(request, make_post, editor):
    """An unpublished post in a series and a tag that published posts are in too,
    shared for review; and the review page opened once."""
    series = Series.objects.create(
        title="Marsupials", slug="marsupials", description="d"
    )
    sibling = make_post(title="Published part", tags=["Django"])
    if request.param == "draft":
        post = make_post(title=TITLE, status=Post.Status.DRAFT, tags=["Django"])
    else:
        post = make_post(
            title=TITLE,
            published_at=timezone.now() + timedelta(days=1),
            tags=["Django"],
        )
    SeriesPart.objects.create(series=series, post=sibling, position=1)
    SeriesPart.objects.create(series=series, post=post, position=2)
    link = create_review_link(post, editor)
    return post, link, sibling


def test_the_link_and_its_post_are_listed_nowhere(client, shared_post):
    post, link, sibling = shared_post
    token = token_for(link)
    assert client.get(review_path(link)).status_code == 200
    urls = [
        "/",
        "/blog/",
        "/archive/",
        "/tags/",
        "/tags/django/",
        "/tags/django/rss.xml",
        "/series/",
        "/series/marsupials/",
        "/series/marsupials/rss.xml",
        "/series/marsupials/atom.xml",
        sibling.get_absolute_url(),
        "/sitemap.xml",
        "/rss.xml",
        "/atom.xml",
        "/feed.json",
        "/search/?q=Zanzibar+quokka",
        "/search/?q=migrations",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert TITLE not in text, url
        assert token not in text and link.key not in text, url
        assert "/review/" not in text, url
    assert client.get(post.get_absolute_url()).status_code == 404
