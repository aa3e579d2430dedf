"""A post's reading time: counted from its body, or given by its editor when the body
is not all readers read (a summary of an article published elsewhere)."""

import pytest
from django.urls import reverse

from markdown_files.exporter import post_front_matter
from markdown_files.importer import import_markdown
from posts.forms import PostAdminForm
from posts.models import Post
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

SUMMARY = "A summary of a longer article. " * 5


def test_a_given_reading_time_is_what_readers_are_told(client, make_post):
    post = make_post(slug="summary", body=SUMMARY)
    assert post.reading_minutes == 1

    post.reading_minutes_given = 12
    post.save()

    post.refresh_from_db()
    assert post.reading_minutes == 12
    page = client.get(post.get_absolute_url()).content.decode()
    assert "12 min read" in page


def test_giving_or_clearing_it_renders_nothing_again(make_post, renders):
    post = Post.objects.get(pk=make_post(body=SUMMARY).pk)
    renders.clear()  # making it rendered it

    post.reading_minutes_given = 30
    post.save(update_fields=["reading_minutes_given"])
    assert Post.objects.get(pk=post.pk).reading_minutes == 30

    post.reading_minutes_given = None
    post.save()
    assert Post.objects.get(pk=post.pk).reading_minutes == 1
    assert renders == []


def test_a_body_edit_keeps_the_given_time(make_post):
    post = make_post(body=SUMMARY)
    post.reading_minutes_given = 9
    post.save()
    post.body = SUMMARY * 2000  # about 12,000 words: 53 minutes if counted
    post.save()
    assert Post.objects.get(pk=post.pk).reading_minutes == 9


def test_a_series_adds_up_its_parts_given_times(client, make_post):
    series = Series.objects.create(title="Long reads", slug="long-reads")
    for position, minutes in enumerate([40, 52], start=1):
        post = make_post(body=SUMMARY, reading_minutes_given=minutes)
        SeriesPart.objects.create(series=series, post=post, position=position)
    page = client.get(series.get_absolute_url()).content.decode()
    assert "1h 32m total" in page


def test_editors_give_it_in_the_change_form(admin_client, make_post):
    post = make_post(body=SUMMARY)
    assert "reading_minutes_given" in PostAdminForm.base_fields
    page = admin_client.get(reverse("admin:posts_post_change", args=[post.pk]))
    assert b'name="reading_minutes_given"' in page.content


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_markdown_files_carry_it_both_ways(tmp_path, make_post):
    post = make_post(body=SUMMARY, reading_minutes_given=14)
    assert post_front_matter(post)["reading_minutes"] == 14
    assert "reading_minutes" not in post_front_matter(make_post(body=SUMMARY))

    # Astro's reading-time recipe calls it minutesRead.
    write(tmp_path, "astro.md", "---\ntitle: Astro\nminutesRead: 7\n---\nShort.\n")
    import_markdown(tmp_path)
    assert Post.objects.get(slug="astro").reading_minutes == 7


def test_a_reading_time_that_is_not_a_whole_number_is_refused(tmp_path):
    write(tmp_path, "vague.md", "---\ntitle: Vague\nminutesRead: soon\n---\nText.\n")
    report = import_markdown(tmp_path)
    [result] = report.results
    assert result.outcome == "skipped"
    assert "minutesRead must be a whole number" in result.reason
    assert not Post.objects.exists()
