"""A post's body is rendered when it changes, or when asked to be, and never else."""

import pytest

from posts.models import RENDERED_FIELDS, Category, Post
from posts.rendering.stored import STORED_FIELDS, stored_fields, unrendered_fields
from posts.rerendering import rerender_posts

pytestmark = pytest.mark.django_db


def test_a_new_post_is_rendered_once(make_post, renders):
    post = make_post(body="Some *words*.")
    assert renders == ["Some *words*."]
    assert "<em>words</em>" in post.body_html


def test_a_category_only_save_renders_nothing(make_post, renders):
    post = Post.objects.get(pk=make_post().pk)
    renders.clear()
    post.category = Category.objects.create(name="Notes", slug="notes")
    post.save()
    post.title = "Retitled"
    post.full_clean()
    post.save()
    assert renders == []
    post.refresh_from_db()
    assert post.category.slug == "notes"


def test_a_save_with_update_fields_outside_the_body_renders_nothing(make_post, renders):
    post = Post.objects.get(pk=make_post().pk)
    renders.clear()
    post.title = "Retitled"
    post.save(update_fields=["title"])
    assert renders == []


def test_a_changed_body_is_rendered_once_through_clean_and_save(make_post, renders):
    post = Post.objects.get(pk=make_post().pk)
    renders.clear()
    post.body = "A **new** body."
    post.full_clean()
    post.save()
    assert renders == ["A **new** body."]
    assert "<strong>new</strong>" in Post.objects.get(pk=post.pk).body_html


def test_a_body_written_around_save_is_rendered_at_the_next_save(make_post, renders):
    # A restored revision or a raw update writes the body without rendering it.
    post = make_post(body="The first body.")
    Post.objects.filter(pk=post.pk).update(body="A *second* body.")
    renders.clear()
    loaded = Post.objects.get(pk=post.pk)
    loaded.title = "Retitled"
    loaded.save()
    assert renders == ["A *second* body."]
    assert "<em>second</em>" in Post.objects.get(pk=post.pk).body_html


def test_a_post_loaded_without_its_body_saves_without_rendering(make_post, renders):
    post = Post.objects.defer("body").get(pk=make_post().pk)
    renders.clear()
    post.title = "Retitled"
    post.save()
    assert renders == []
    assert Post.objects.get(pk=post.pk).title == "Retitled"


def test_a_rendering_that_left_a_note_is_tried_again_at_the_next_save(
    make_post, renders
):
    # "Diagrams are being rendered: save again in a moment" must stay true.
    post = make_post()
    Post.objects.filter(pk=post.pk).update(
        render_problems=["Diagrams are being rendered: save again in a moment."]
    )
    post = Post.objects.get(pk=post.pk)
    renders.clear()
    post.save()
    assert len(renders) == 1
    assert Post.objects.get(pk=post.pk).render_problems == []


def test_rerender_renders_each_post_once(make_post, renders):
    posts = [make_post() for _ in range(3)]
    renders.clear()
    assert rerender_posts() == []  # nothing changed since they were saved
    assert sorted(renders) == sorted(post.body for post in posts)


def test_rerender_stores_what_an_upgrade_changes(make_post, renders):
    post = make_post(body="Plain words.")
    Post.objects.filter(pk=post.pk).update(body_html="<p>From an older pipeline</p>")
    renders.clear()
    assert rerender_posts(dry_run=True) == [post.slug]
    assert Post.objects.get(pk=post.pk).body_html == "<p>From an older pipeline</p>"
    assert rerender_posts() == [post.slug]
    assert len(renders) == 2
    assert Post.objects.get(pk=post.pk).body_html == post.body_html


def test_render_again_forces_a_rendering_of_an_unchanged_body(make_post, renders):
    post = Post.objects.get(pk=make_post().pk)
    renders.clear()
    assert post.render_again() is False
    assert renders == [post.body]


def test_the_stored_fields_are_named_once():
    assert list(stored_fields("Some *words*.")) == list(STORED_FIELDS)
    assert list(unrendered_fields("Some *words*.")) == list(STORED_FIELDS)
    assert list(STORED_FIELDS) == RENDERED_FIELDS
