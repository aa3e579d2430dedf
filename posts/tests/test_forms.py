"""The post and author forms: counted lengths, files, old addresses, avatars."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import ExifTags, Image

from posts.forms import AVATAR_WIDTH, CHOOSE_FILE_AGAIN
from posts.models import Author, Post
from posts.tests.test_admin import field_errors, form_data
from series.models import Series

pytestmark = pytest.mark.django_db

ADD = reverse("admin:posts_post_add")
AUTHOR_ADD = reverse("admin:posts_author_add")


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def image_file(name="hero.png", size=(8, 8), image_format="PNG", **options):
    data = io.BytesIO()
    Image.new("RGB", size, "blue").save(data, image_format, **options)
    data.seek(0)
    data.name = name
    return data


# Length counters


def test_title_and_description_are_counted_not_cut(editor_client):
    soup = soup_of(editor_client.get(ADD))
    title = soup.select_one("#id_title")
    description = soup.select_one("#id_description")
    assert (title["data-length-limit"], description["data-length-limit"]) == (
        "100",
        "300",
    )
    # No maxlength: the browser would cut pasted text at the limit without a word.
    assert not title.has_attr("maxlength") and not description.has_attr("maxlength")
    scripts = [script.get("src", "") for script in soup.select("script")]
    assert any(src.endswith("js/length-counter.js") for src in scripts)


def test_an_overlong_description_is_refused_and_kept(editor_client):
    text = "d" * 400
    response = editor_client.post(ADD, form_data(description=text))
    assert (
        "at most 300 characters (it has 400)" in field_errors(response)["description"]
    )
    assert soup_of(response).select_one("#id_description").text.strip() == text
    assert not Post.objects.exists()


# A chosen file and a form with errors


def test_a_chosen_file_is_said_to_be_lost_when_the_form_has_errors(editor_client):
    response = editor_client.post(
        ADD, form_data(title="", hero_image=image_file(), hero_image_alt="Blue")
    )
    errors = field_errors(response)
    assert errors["hero_image"] == CHOOSE_FILE_AGAIN
    assert "required" in errors["title"]


def test_no_note_without_a_chosen_file_or_without_errors(editor_client):
    response = editor_client.post(ADD, form_data(title=""))
    assert "hero_image" not in field_errors(response)
    response = editor_client.post(
        ADD, form_data(hero_image=image_file(), hero_image_alt="Blue")
    )
    assert response.status_code == 302
    assert Post.objects.get().hero_image


def test_a_refused_file_says_why_and_nothing_more(editor_client):
    fake = io.BytesIO(b"not an image")
    fake.name = "photo.png"
    response = editor_client.post(ADD, form_data(hero_image=fake, hero_image_alt="x"))
    assert "valid image" in field_errors(response)["hero_image"]
    assert CHOOSE_FILE_AGAIN not in field_errors(response)["hero_image"]


def test_series_cover_gets_the_same_note(editor_client):
    response = editor_client.post(
        reverse("admin:series_series_add"),
        {
            "title": "",
            "slug": "covered",
            "description": "d",
            "status": "in_progress",
            "cover_image": image_file(),
            "cover_image_alt": "A cover",
            "parts-TOTAL_FORMS": "0",
            "parts-INITIAL_FORMS": "0",
        },
    )
    assert field_errors(response)["cover_image"] == CHOOSE_FILE_AGAIN


# Taking over an address that redirects to another post


@pytest.fixture
def renamed(make_post):
    """A post that was at /blog/old-name/ and now is at /blog/new-name/."""
    post = make_post(title="The original", slug="old-name")
    post.slug = "new-name"
    post.save()
    return post


def test_taking_an_old_address_asks_first(editor_client, renamed, client):
    data = form_data(title="Newcomer", slug="old-name", status=Post.Status.PUBLISHED)
    response = editor_client.post(ADD, data)
    message = field_errors(response)["slug"]
    assert "This address used to belong to “The original”" in message
    assert "that old link will show this post instead" in message
    box = soup_of(response).select_one("input[name=take_over_address]")
    assert box["type"] == "checkbox" and not box.has_attr("checked")
    assert not Post.objects.filter(title="Newcomer").exists()
    # The old address still leads to the original.
    assert client.get("/blog/old-name/")["Location"] == "/blog/new-name/"

    response = editor_client.post(ADD, data | {"take_over_address": "on"})
    assert response.status_code == 302, field_errors(response)
    assert client.get("/blog/old-name/").context["post"].title == "Newcomer"
    assert client.get("/blog/new-name/").context["post"] == renamed


def test_a_slug_made_from_the_title_is_checked_too(editor_client, renamed):
    response = editor_client.post(ADD, form_data(title="Old name", slug=""))
    assert "used to belong to “The original”" in field_errors(response)["slug"]


def test_a_post_may_take_back_its_own_old_address(editor_client, renamed):
    url = reverse("admin:posts_post_change", args=[renamed.pk])
    data = form_data(
        title=renamed.title,
        slug="old-name",
        status=Post.Status.PUBLISHED,
        published_at_0=renamed.published_at.strftime("%Y-%m-%d"),
        published_at_1=renamed.published_at.strftime("%H:%M:%S"),
        **{"review_links-TOTAL_FORMS": "0", "review_links-INITIAL_FORMS": "0"},
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, field_errors(response)
    renamed.refresh_from_db()
    assert renamed.slug == "old-name"


def test_the_box_is_hidden_until_it_is_needed(editor_client):
    box = soup_of(editor_client.get(ADD)).select_one("input[name=take_over_address]")
    assert box["type"] == "hidden"


# Authors and their avatars


def test_editor_adds_an_author_with_a_clean_small_avatar(editor_client):
    exif = Image.Exif()
    exif[0x010E] = "secret description"
    picture = image_file("me.jpg", (1000, 800), "JPEG", exif=exif.tobytes())
    response = editor_client.post(
        AUTHOR_ADD,
        {
            "name": "Ada Lovelace",
            "bio": "Wrote the first program.",
            "url": "https://ada.example.org/",
            "avatar": picture,
        },
    )
    assert response.status_code == 302, field_errors(response)
    author = Author.objects.get()
    assert author.avatar.name.startswith("authors/")
    assert "me" not in author.avatar.name
    with Image.open(author.avatar) as stored:
        assert stored.format == "JPEG"
        assert stored.width == AVATAR_WIDTH
        assert not stored.getexif()


def test_a_fake_avatar_is_refused_with_the_uploads_words(editor_client):
    fake = io.BytesIO(b"<svg onload=alert(1)></svg>")
    fake.name = "me.png"
    response = editor_client.post(AUTHOR_ADD, {"name": "Eve", "avatar": fake})
    assert "image" in field_errors(response)["avatar"]
    assert not Author.objects.exists()


def test_editor_chooses_authors_for_a_post(editor_client):
    ada = Author.objects.create(name="Ada Lovelace")
    grace = Author.objects.create(name="Grace Hopper")
    found = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "grace",
            "app_label": "posts",
            "model_name": "post",
            "field_name": "authors",
        },
    ).json()
    assert [row["text"] for row in found["results"]] == ["Grace Hopper"]
    response = editor_client.post(ADD, form_data(authors=[ada.pk, grace.pk]))
    assert response.status_code == 302, field_errors(response)
    assert list(Post.objects.get().authors.all()) == [ada, grace]


# Hero images and covers reach the public media only once re-encoded


def photo_with_gps(name):
    exif = Image.Exif()
    exif[0x010E] = "secret description"
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    picture = image_file(name, (600, 400), "JPEG", exif=exif)
    picture.seek(0, io.SEEK_END)
    picture.write(b"<script>alert(1)</script>")
    picture.seek(0)
    return picture


def assert_stored_afresh(field_file):
    with default_storage.open(field_file.name) as stored:
        data = stored.read()
    assert b"secret description" not in data
    assert b"<script>" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == ("JPEG", (600, 400))
        assert not image.getexif()


def test_a_hero_image_is_stored_without_its_metadata_or_payload(editor_client):
    data = form_data(hero_image=photo_with_gps("me.jpg"), hero_image_alt="A hill")
    response = editor_client.post(ADD, data)
    assert response.status_code == 302, field_errors(response)
    hero = Post.objects.get().hero_image
    assert hero.name.startswith("heroes/") and "me" not in hero.name
    assert_stored_afresh(hero)


def test_a_series_cover_is_stored_without_its_metadata_or_payload(editor_client):
    response = editor_client.post(
        reverse("admin:series_series_add"),
        {
            "title": "A series",
            "slug": "a-series",
            "description": "What it is about.",
            "cover_image": photo_with_gps("cover.jpg"),
            "cover_image_alt": "A hill",
            "status": Series.Status.IN_PROGRESS,
            "on_part_removal": Series.PartRemoval.CLOSE_GAP,
            "parts-TOTAL_FORMS": "0",
            "parts-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, field_errors(response)
    assert_stored_afresh(Series.objects.get().cover_image)
