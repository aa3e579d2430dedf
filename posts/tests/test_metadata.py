"""A post's structured data: what it claims of the post, its authors, its place."""

from datetime import UTC, datetime

import pytest

from posts.metadata import (
    breadcrumbs,
    person,
    post_image_url,
    post_structured_data,
    tag_social_meta,
)
from posts.models import Author, Post, Tag
from posts.tests.media_storage import media_address
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

SITE = "https://blog.example.org"
APRIL = datetime(2026, 4, 20, 9, 30, 15, tzinfo=UTC)


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.SITE_NAME = "Blogcraft"
    settings.SITE_AUTHOR = "The Team"


def as_page_loads(post):
    return Post.objects.for_detail().get(pk=post.pk)


def test_an_author_says_only_what_is_known_of_them():
    assert person(Author(name="Grace")) == {"@type": "Person", "name": "Grace"}
    full = Author(
        name="Ada",
        url="https://ada.example.org/",
        avatar="authors/ada.png",
        bio="Wrote the first program.",
    )
    assert person(full) == {
        "@type": "Person",
        "name": "Ada",
        "url": "https://ada.example.org/",
        "image": media_address(SITE, "authors/ada.png"),
        "description": "Wrote the first program.",
    }


def test_an_authors_address_that_is_no_web_page_is_left_out():
    assert "url" not in person(Author(name="Eve", url="javascript:alert(1)"))


def test_breadcrumbs_count_from_one_on_the_sites_address():
    trail = breadcrumbs(("Home", "/"), ("Post", "/blog/post/"))
    assert trail["@type"] == "BreadcrumbList"
    assert [(item["position"], item["item"]) for item in trail["itemListElement"]] == [
        (1, f"{SITE}/"),
        (2, f"{SITE}/blog/post/"),
    ]


def test_the_preview_picture_is_the_hero_then_the_share_card(make_post):
    post = make_post()
    post.share_image = "share/card.png"
    assert post_image_url(post) == media_address(SITE, "share/card.png")
    post.hero_image = "heroes/photo.jpg"
    assert post_image_url(post) == media_address(SITE, "heroes/photo.jpg")
    post.hero_image = post.share_image = ""
    assert post_image_url(post) is None


def test_a_standalone_post_is_an_article_under_home(make_post):
    post = make_post(title="Alone", slug="alone", tags=["Rust", "Go"])
    Post.objects.filter(pk=post.pk).update(published_at=APRIL, content_changed_at=APRIL)
    article, trail = post_structured_data(as_page_loads(post))
    assert article["@type"] == "BlogPosting"
    assert article["headline"] == "Alone"
    assert article["url"] == article["mainEntityOfPage"] == f"{SITE}/blog/alone/"
    assert (
        article["datePublished"]
        == article["dateModified"]
        == "2026-04-20T09:30:15+00:00"
    )
    assert sorted(article["keywords"]) == ["Go", "Rust"]
    # Signed by the site, linking home, when no author is named.
    site_author = {"@type": "Person", "name": "The Team", "url": f"{SITE}/"}
    assert article["author"] == [site_author]
    assert article["publisher"] == {"@type": "Organization", "name": "Blogcraft"}
    assert "isPartOf" not in article and "position" not in article
    assert [item["name"] for item in trail["itemListElement"]] == ["Blogcraft", "Alone"]


def test_a_draft_claims_no_publication(make_post):
    draft = make_post(status=Post.Status.DRAFT, published_at=None)
    article, _ = post_structured_data(as_page_loads(draft))
    assert article["datePublished"] is None
    assert article["dateModified"]  # when it was last saved


def test_a_part_names_its_series_and_the_number_readers_see(make_post):
    series = Series.objects.create(title="Deep Dive", slug="deep", description="d")
    first = make_post(title="First")
    hidden = make_post(title="Hidden", status=Post.Status.DRAFT)
    third = make_post(title="Third")
    bonus = make_post(title="Extra")
    for position, post in enumerate([first, hidden, third], start=1):
        SeriesPart.objects.create(series=series, post=post, position=position)
    SeriesPart.objects.create(series=series, post=bonus, position=4, label="Bonus")

    article, trail = post_structured_data(as_page_loads(third))
    assert article["isPartOf"] == {
        "@type": "CreativeWorkSeries",
        "name": "Deep Dive",
        "url": f"{SITE}/series/deep/",
    }
    # The draft before it is not counted: readers see this part as the second.
    assert article["position"] == 2
    assert [item["item"] for item in trail["itemListElement"]] == [
        f"{SITE}/",
        f"{SITE}/series/deep/",
        f"{SITE}{third.get_absolute_url()}",
    ]
    labelled, _ = post_structured_data(as_page_loads(bonus))
    assert labelled["isPartOf"]["name"] == "Deep Dive"
    assert "position" not in labelled


def test_a_tag_page_is_previewed_as_the_tag(settings):
    assert tag_social_meta(Tag(name="C#")) == {
        "og_title": "#C#",
        "og_description": "Posts tagged “C#” on Blogcraft.",
    }
