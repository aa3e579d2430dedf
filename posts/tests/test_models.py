from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import timezone

from posts.models import Post, Tag
from posts.rendering import RenderTimeout
from posts.rendering.stored import stored_fields

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_scheduled_posts(make_post):
    live = make_post(title="Live")
    make_post(title="Draft", status=Post.Status.DRAFT)
    make_post(title="Scheduled", published_at=timezone.now() + timedelta(days=1))

    assert list(Post.objects.published()) == [live]


def test_scheduled_post_appears_when_its_time_comes(make_post):
    soon = timezone.now() + timedelta(minutes=5)
    post = make_post(published_at=soon)
    assert not post.is_published() and post.is_scheduled()
    assert not Post.objects.published().exists()

    Post.objects.filter(pk=post.pk).update(published_at=timezone.now())

    assert list(Post.objects.published()) == [post]


def test_instance_tick_mirrors_the_queryset(make_post):
    posts = [
        make_post(),
        make_post(status=Post.Status.DRAFT),
        make_post(published_at=timezone.now() + timedelta(hours=1)),
    ]
    published = set(Post.objects.published())
    for post in posts:
        assert post.is_published() == (post in published)


def test_publishing_without_a_time_uses_now(make_post):
    # Times the server sets are stored to the second.
    before = timezone.now().replace(microsecond=0)
    post = Post(title="Now", description="d", status=Post.Status.PUBLISHED)
    post.full_clean()
    post.save()
    assert post.published_at >= before
    assert post.is_published()


def test_save_renders_the_body_once_and_stores_derived_data(make_post):
    post = make_post(body="## First\n\n" + "word " * 500 + "\n\n### Second\n")
    stored = Post.objects.values("body_html", "toc", "word_count", "reading_minutes")
    row = stored.get(pk=post.pk)
    assert (
        '<h2 id="first">First<a class="heading-anchor" href="#first"'
        in row["body_html"]
    )
    assert row["toc"] == [
        {"level": 2, "id": "first", "title": "First"},
        {"level": 3, "id": "second", "title": "Second"},
    ]
    assert row["word_count"] == 502
    assert row["reading_minutes"] == 3


def test_saving_only_the_body_still_stores_its_rendering(make_post):
    post = make_post(body="old")
    post.body = "**new**"
    post.save(update_fields=["body"])
    post.refresh_from_db()
    assert post.body_html == "<p><strong>new</strong></p>\n"


def test_slug_comes_from_the_title():
    post = Post(title="Hello, Blogcraft!", description="d")
    post.full_clean()
    assert post.slug == "hello-blogcraft"


@pytest.mark.parametrize("title", ["!!!", "🚀🚀", "—"])
def test_title_without_letters_asks_for_a_slug(title):
    post = Post(title=title, description="d")
    with pytest.raises(ValidationError) as raised:
        post.full_clean()
    assert "slug" in raised.value.message_dict
    assert "no letters or digits" in raised.value.message_dict["slug"][0]


def test_empty_slug_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        Post.objects.create(title="!!!", description="d")


def test_duplicate_slug_is_a_validation_error(make_post):
    make_post(slug="taken")
    post = Post(title="Other", slug="taken", description="d")
    with pytest.raises(ValidationError) as raised:
        post.full_clean()
    assert raised.value.message_dict["slug"] == ["Another post already uses this slug."]


def test_title_and_description_lengths_are_validated():
    post = Post(title="t" * 101, description="d" * 301)
    with pytest.raises(ValidationError) as raised:
        post.full_clean()
    assert set(raised.value.message_dict) >= {"title", "description"}


def test_body_over_the_cap_is_a_validation_error(settings):
    settings.BLOGCRAFT_BODY_MAX_CHARS = 50
    post = Post(title="Long", description="d", body="x" * 51)
    with pytest.raises(ValidationError) as raised:
        post.full_clean()
    assert "body" in raised.value.message_dict


def test_control_characters_are_stripped_on_save(make_post):
    post = make_post(title="Bell\x07 and\x0b tab", description="Null\x00 byte\x1f")
    post.refresh_from_db()
    assert post.title == "Bell and tab"
    assert post.description == "Null byte"


def test_hero_image_needs_alt_text():
    image = SimpleUploadedFile("hero.png", b"not checked here", "image/png")
    post = Post(title="Hero", description="d", hero_image=image)
    with pytest.raises(ValidationError) as raised:
        post.full_clean(exclude=["hero_image"])
    assert "hero_image_alt" in raised.value.message_dict


def test_hero_image_without_alt_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        Post.objects.create(title="Hero", description="d", hero_image="heroes/x.png")


def test_published_post_needs_a_time_in_the_database():
    post = Post.objects.create(title="Draft", description="d")
    with pytest.raises(IntegrityError):
        Post.objects.filter(pk=post.pk).update(status=Post.Status.PUBLISHED)


def test_tags_are_case_insensitive(make_post):
    make_post(tags=["Python"])
    make_post(tags=["python", "PYTHON"])
    assert list(Tag.objects.values_list("name", flat=True)) == ["Python"]


def test_symbol_tags_get_distinct_readable_slugs(make_post):
    make_post(tags=["C++", "C#", "C"])
    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert slugs == {"C": "c", "C#": "c-sharp", "C++": "c-plus-plus"}


def test_tag_slug_is_never_empty(make_post):
    make_post(tags=["🚀", "!!!"])
    assert all(Tag.objects.values_list("slug", flat=True))
    assert Tag.objects.get(name="🚀").slug == "u1f680"


def test_clashing_tag_slugs_are_numbered(make_post):
    make_post(tags=["Node.js", "nodejs"])
    assert sorted(Tag.objects.values_list("slug", flat=True)) == ["nodejs", "nodejs-1"]


def test_order_is_newest_first_and_stable(make_post):
    same_time = timezone.now() - timedelta(days=1)
    first = make_post(published_at=same_time)
    second = make_post(published_at=same_time)
    newest = make_post(published_at=timezone.now())
    assert list(Post.objects.all()) == [newest, second, first]


def test_rendered_fields_are_what_the_pipeline_stores():
    from posts.models import RENDERED_FIELDS
    from posts.rendering.stored import stored_fields

    assert set(stored_fields("# x")) == set(RENDERED_FIELDS)


SLOW_BODY = "## A heading\n\nWords and *emphasis* and `code`.\n\n" * 2000


def test_a_body_past_the_render_deadline_is_a_validation_error(settings):
    settings.BLOGCRAFT_RENDER_TIMEOUT_SECONDS = 0.001
    post = Post(title="Slow", description="d", body=SLOW_BODY)
    with pytest.raises(ValidationError) as raised:
        post.full_clean()
    assert "took longer than" in " ".join(raised.value.message_dict["body"])


def test_saving_a_body_past_the_deadline_stores_nothing(settings):
    settings.BLOGCRAFT_RENDER_TIMEOUT_SECONDS = 0.001
    with pytest.raises(RenderTimeout):
        Post.objects.create(title="Slow", description="d", body=SLOW_BODY)
    assert not Post.objects.exists()


def test_clean_and_save_render_the_body_once(monkeypatch):
    calls = []

    def counting(source):
        calls.append(source)
        return stored_fields(source)

    monkeypatch.setattr("posts.models.stored_fields", counting)
    post = Post(title="Once", description="d", body="## Once\n\nRendered once.")
    post.full_clean()
    post.save()
    assert calls == ["## Once\n\nRendered once."]
    post.title = "Renamed"
    post.save()  # the body did not change
    assert len(calls) == 1


def test_a_pipeline_error_stores_the_body_as_text_with_a_note(monkeypatch):
    def broken(source):
        raise ValueError("a bug in a renderer")

    monkeypatch.setattr("posts.models.stored_fields", broken)
    post = Post.objects.create(
        title="Kept", description="d", body="Some <b>text</b> & more"
    )
    post.refresh_from_db()
    assert post.body == "Some <b>text</b> & more"
    assert post.body_html == (
        '<pre class="unrendered" tabindex="0">Some &lt;b&gt;text&lt;/b&gt; '
        "&amp; more</pre>"
    )
    assert "could not be rendered" in post.render_problems[0]
