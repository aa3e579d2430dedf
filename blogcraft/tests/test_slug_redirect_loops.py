"""Old slugs redirect once, to a page that answers: never to themselves, never
round and round, whatever the object was renamed through."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from posts.models import Category, Post, SlugHistory, Tag
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

forget_posts = import_module(
    "posts.migrations.0016_forget_slug_history_of_current_slugs"
)
forget_series = import_module(
    "series.migrations.0011_forget_slug_history_of_current_slugs"
)

# Every shape of address each kind of object has, existing or not: its page, a
# page number past the last, each feed, and a feed it does not have.
ADDRESS_SHAPES = {
    "post": ["/blog/{}/", "/blog/{}/3/", "/blog/{}/atom.xml"],
    "series": [
        "/series/{}/",
        "/series/{}/3/",
        "/series/{}/rss.xml",
        "/series/{}/atom.xml",
        "/series/{}/feed.json",
    ],
    "tag": [
        "/tags/{}/",
        "/tags/{}/3/",
        "/tags/{}/rss.xml",
        "/tags/{}/atom.xml",
        "/tags/{}/feed.json",
    ],
    "category": [
        "/categories/{}/",
        "/categories/{}/3/",
        "/categories/{}/rss.xml",
        "/categories/{}/atom.xml",
        "/categories/{}/feed.json",
    ],
}
RENAMINGS = [["ai", "ml", "ai"], ["ai", "ml", "llm", "ai"], ["ai", "ml", "llm"]]


def follow(client, url, limit=5):
    """Return the responses from url to the first that is not a redirect."""
    responses = []
    seen = {url}
    while len(responses) < limit:
        response = client.get(url)
        responses.append(response)
        if response.status_code not in {301, 302}:
            return responses
        url = response["Location"]
        assert url not in seen, f"redirect loop back to {url}"
        seen.add(url)
    pytest.fail(f"more than {limit} redirects from {responses[0].request['PATH_INFO']}")


@pytest.fixture
def published_post(make_post):
    category = Category.objects.create(name="AI", slug="ai")
    return make_post(slug="ai", tags=["ai"], category=category)


def renamed_object(kind, post):
    if kind == "post":
        return post
    if kind == "tag":
        return Tag.objects.get(slug="ai")
    if kind == "category":
        return Category.objects.get(slug="ai")
    series = Series.objects.create(title="AI", slug="ai", description="About AI.")
    SeriesPart.objects.create(series=series, post=post, position=1)
    return series


def rename_through(obj, slugs):
    for slug in slugs[1:]:
        obj.slug = slug
        obj.save()


@pytest.mark.parametrize("slugs", RENAMINGS, ids="→".join)
@pytest.mark.parametrize("kind", ADDRESS_SHAPES)
def test_every_old_and_current_address_ends_in_one_hop_at_most(
    client, published_post, kind, slugs
):
    obj = renamed_object(kind, published_post)
    rename_through(obj, slugs)
    current = slugs[-1]
    for shape in ADDRESS_SHAPES[kind]:
        for slug in dict.fromkeys(slugs):
            responses = follow(client, shape.format(slug))
            redirects = responses[:-1]
            if slug == current:
                # A current slug is answered by its own page (or its own 404).
                assert redirects == [], shape.format(slug)
            else:
                assert [r["Location"] for r in redirects] == [shape.format(current)]
                assert redirects[0].status_code == 301


@pytest.mark.parametrize("kind", ADDRESS_SHAPES)
def test_current_page_answers_after_renaming_back(client, published_post, kind):
    obj = renamed_object(kind, published_post)
    rename_through(obj, ["ai", "ml", "ai"])
    page = ADDRESS_SHAPES[kind][0]
    assert client.get(page.format("ai")).status_code == 200
    assert client.get(page.format("ml"))["Location"] == page.format("ai")


def test_a_slug_current_again_leaves_the_history(published_post):
    rename_through(published_post, ["ai", "ml", "ai"])
    assert list(SlugHistory.objects.values_list("slug", flat=True)) == ["ml"]


def test_a_slug_another_post_took_is_its_own(client, make_post):
    first = make_post(slug="ai")
    rename_through(first, ["ai", "ml"])
    make_post(slug="ai")
    assert client.get("/blog/ai/").status_code == 200
    # A missing address under the new owner's slug is not the old owner's.
    assert client.get("/blog/ai/3/").status_code == 404


def test_history_left_by_older_code_for_a_current_slug_is_ignored(
    client, published_post
):
    # Rows written before a slug that is current again dropped its history.
    SlugHistory.objects.create(
        content_type=ContentType.objects.get_for_model(Post),
        object_id=published_post.pk,
        slug="ai",
    )
    assert [r.status_code for r in follow(client, "/blog/ai/3/")] == [404]


def test_the_migrations_forget_history_rows_of_slugs_in_use(published_post):
    tag = Tag.objects.get(slug="ai")
    series = renamed_object("series", published_post)
    for obj in [published_post, tag, series]:
        SlugHistory.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            slug="ai",
        )
    rename_through(series, ["ai", "ml"])  # "ai" is history again for the series
    SlugHistory.objects.create(
        content_type=ContentType.objects.get_for_model(Tag), object_id=tag.pk, slug="x"
    )
    forget_posts.forget_current_post_and_tag_slugs(apps, None)
    forget_series.forget_current_series_slugs(apps, None)
    remaining = SlugHistory.objects.values_list("content_type__model", "slug")
    assert sorted(remaining) == [("series", "ai"), ("tag", "x")]
