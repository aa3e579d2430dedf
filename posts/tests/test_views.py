from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import timezone

from posts.models import Author, Category, Post, Tag

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def card_titles(response):
    return [link.text for link in soup_of(response).select(".post-card .card-title a")]


def test_home_lists_published_posts_newest_first(client, make_post):
    older = make_post(title="Older", published_at=timezone.now() - timedelta(days=2))
    newer = make_post(title="Newer", published_at=timezone.now() - timedelta(days=1))
    make_post(title="Secret draft", status=Post.Status.DRAFT)
    make_post(title="Tomorrow", published_at=timezone.now() + timedelta(days=1))
    response = client.get("/")
    assert card_titles(response) == [newer.title, older.title]
    page = soup_of(response)
    assert len(page.find_all("h1")) == 1
    assert page.find("main") and page.find("nav", attrs={"aria-label": "Main"})


def test_post_page_shows_the_stored_html(client, make_post):
    post = make_post(title="Rendered", body="## Part one\n\n*emphasis*", tags=["C++"])
    page = soup_of(client.get(post.get_absolute_url()))
    assert page.find("h1").text == "Rendered"
    assert page.select_one(".prose h2#part-one").text == "Part one"
    assert page.select_one(".prose em").text == "emphasis"
    assert page.select_one(".tags a")["href"] == "/tags/c-plus-plus/"
    assert (
        page.find("meta", attrs={"name": "description"})["content"] == post.description
    )


def test_post_page_names_its_authors(client, make_post):
    post = make_post(title="Together")
    post.authors.set(
        [
            Author.objects.create(
                name="Ada <b>Lovelace</b>",
                url="https://ada.example.org/",
                bio="Wrote the first program.",
                avatar="authors/ada.png",
            ),
            Author.objects.create(name="Grace Hopper", url="javascript:alert(1)"),
            Author.objects.create(name="Alan Turing"),
        ]
    )
    page = soup_of(client.get(post.get_absolute_url()))
    byline = page.select_one(".post-header .byline")
    assert byline.text == "By Ada <b>Lovelace</b>, Alan Turing and Grace Hopper"
    links = byline.select("a[rel=author]")
    assert [(a.text, a["href"]) for a in links] == [
        ("Ada <b>Lovelace</b>", "https://ada.example.org/")
    ]
    assert byline.select_one("img.avatar")["alt"] == ""
    notes = page.select_one("aside.author-notes")
    assert notes["aria-label"] == "About the author"
    assert " ".join(notes.text.split()) == (
        "Ada <b>Lovelace</b> Wrote the first program."
    )


def test_post_without_authors_is_signed_by_the_site(client, make_post, settings):
    settings.SITE_AUTHOR = "The Team"
    post = make_post()
    page = soup_of(client.get(post.get_absolute_url()))
    assert page.select_one(".byline").text == "By The Team"
    assert page.select_one(".byline a")["href"] == f"{settings.SITE_URL}/"
    assert page.select_one("aside.author-notes") is None


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Post.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
)
def test_drafts_and_scheduled_posts_are_not_found_for_the_public(
    client, make_post, fields
):
    post = make_post(**fields)
    assert client.get(post.get_absolute_url()).status_code == 404


def test_staff_preview_drafts_with_a_banner_and_no_cache(editor_client, make_post):
    post = make_post(status=Post.Status.DRAFT)
    response = editor_client.get(post.get_absolute_url())
    assert response.status_code == 200
    assert "Draft" in soup_of(response).select_one(".draft-banner").text
    assert "no-cache" in response["Cache-Control"]


def test_tag_page_lists_only_published_posts(client, make_post):
    shown = make_post(title="Tagged", tags=["Django"])
    make_post(title="Tagged draft", tags=["Django"], status=Post.Status.DRAFT)
    response = client.get("/tags/django/")
    assert card_titles(response) == [shown.title]


@pytest.fixture(params=["draft", "scheduled"])
def unpublished_tag(request, make_post):
    """The tag "Secret", used only by a draft or a scheduled post."""
    if request.param == "draft":
        make_post(tags=["Secret"], status=Post.Status.DRAFT)
    else:
        make_post(tags=["Secret"], published_at=timezone.now() + timedelta(days=1))
    make_post(tags=["Public"])
    return Tag.objects.get(slug="secret")


SECRET_TAG_URLS = ["/tags/secret/", "/tags/secret/2/", "/tags/secret/rss.xml"]


def test_tag_that_no_published_post_uses_is_not_found(client, unpublished_tag):
    for url in SECRET_TAG_URLS:
        assert client.get(url).status_code == 404, url
    page = soup_of(client.get("/tags/public/"))
    assert page.select_one(".draft-banner") is None


def test_staff_preview_a_tag_that_no_published_post_uses(
    client, editor_client, unpublished_tag
):
    response = editor_client.get("/tags/secret/")
    assert response.status_code == 200
    banner = soup_of(response).select_one(".draft-banner").text
    assert "Not public yet: no published post uses this tag" in banner
    assert "no-cache" in response["Cache-Control"]
    assert card_titles(response) == []
    feed = editor_client.get("/tags/secret/rss.xml")
    assert feed.status_code == 200
    assert "no-cache" in feed["Cache-Control"]
    assert editor_client.get("/tags/secret/2/").status_code == 404
    client.logout()  # nothing staff saw was kept for the public
    for url in SECRET_TAG_URLS:
        assert client.get(url).status_code == 404, url


def test_tag_that_no_published_post_uses_is_listed_nowhere(client, unpublished_tag):
    for url in ["/", "/blog/", "/tags/"]:
        links = [a["href"] for a in soup_of(client.get(url)).select("a[href]")]
        assert "/tags/public/" in links, url
        assert not any(link.startswith("/tags/secret/") for link in links), url


def build_posts(make_post, copy_posts, count):
    category, _ = Category.objects.get_or_create(name="AI", slug="ai")
    copy_posts(make_post(category=category, tags=["one", "two", "three"]), count - 1)


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/", 4),  # posts, their tags, series with progress, post count
        ("/blog/", 4),  # count, the page's ids, its posts, their tags
        ("/blog/2/", 4),
        ("/tags/one/", 5),  # the tag, count, the page's ids, its posts, their tags
        ("/tags/", 1),
        ("/archive/", 3),  # the first and last years, the counts per year
        ("/categories/", 1),
        # The category, count, the page's ids, its posts, their tags.
        ("/categories/ai/", 5),
        ("/categories/ai/2/", 5),
    ],
)
def test_list_pages_use_a_fixed_number_of_queries(
    make_post, copy_posts, assert_page_queries, url, queries
):
    build_posts(make_post, copy_posts, 15)
    assert_page_queries(url, queries)
    build_posts(make_post, copy_posts, 40)
    assert_page_queries(url, queries)


def test_post_page_uses_a_fixed_number_of_queries(
    make_post, copy_posts, assert_page_queries
):
    # The post, its tags, its authors, related posts, the previous and the next post.
    post = make_post(tags=["one", "two", "three", "four"])
    post.authors.set(
        [Author.objects.create(name="Ada"), Author.objects.create(name="Bo")]
    )
    assert_page_queries(post.get_absolute_url(), 6)
    other = make_post(tags=["one", "two"])
    other.authors.set(Author.objects.all())
    copy_posts(other, 19)
    assert_page_queries(post.get_absolute_url(), 6)


def test_renaming_a_tag_reaches_cached_pages(client, make_post):
    make_post(tags=["Djagno"])
    assert b"#Djagno" in client.get("/tags/djagno/").content
    tag = Tag.objects.get()
    tag.name = "Django"
    tag.save()
    page = client.get("/tags/djagno/").content
    assert b"#Django" in page and b"#Djagno" not in page


def test_authors_changes_reach_cached_pages(client, make_post):
    post = make_post()
    author = Author.objects.create(name="Ada Lovlace")
    post.authors.add(author)

    def byline():
        return soup_of(client.get(post.get_absolute_url())).select_one(".byline").text

    assert byline() == "By Ada Lovlace"
    author.name = "Ada Lovelace"
    author.save()
    assert byline() == "By Ada Lovelace"
    post.authors.add(Author.objects.create(name="Grace Hopper"))
    assert byline() == "By Ada Lovelace and Grace Hopper"


def test_cached_state_is_forgotten_again_when_an_edit_commits(
    client, make_post, django_capture_on_commit_callbacks
):
    post = make_post(title="Before")
    client.get("/")  # caches the state and the page
    with django_capture_on_commit_callbacks() as callbacks:
        post.title = "After"
        post.save()
    # Another reader's request before the commit caches a state again (elsewhere it
    # would see the data from before the edit)...
    client.get("/")
    assert cache.get("content-state") is not None
    for callback in callbacks:
        callback()  # ...and the commit forgets it.
    assert cache.get("content-state") is None
