import io

import pytest
from django.urls import reverse
from PIL import Image

from posts.models import Post

pytestmark = pytest.mark.django_db

PREVIEW = reverse("editor-preview")
UPLOAD = reverse("editor-upload")


def test_widget_talks_to_blogcraft_endpoints(editor_client):
    page = editor_client.get(reverse("admin:posts_post_add")).content.decode()
    assert f'data-markdownx-urls-path="{PREVIEW}"' in page
    assert f'data-markdownx-upload-urls-path="{UPLOAD}"' in page


def test_preview_is_the_public_page_body(editor_client, make_post):
    source = "## Hello\n\n<script>x</script>*world* | a\n"
    post = make_post(body=source)
    response = editor_client.post(PREVIEW, {"content": source})
    assert response.status_code == 200
    assert response.content.decode() == Post.objects.get(pk=post.pk).body_html
    assert response.headers["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_anonymous_requests_are_sent_to_login(client, url):
    response = client.post(url, {"content": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_non_staff_users_are_sent_to_login(client, django_user_model, url):
    client.force_login(django_user_model.objects.create_user("reader"))
    response = client.post(url, {"content": "x"})
    assert response.status_code == 302


@pytest.mark.parametrize("url", [PREVIEW, UPLOAD])
def test_get_is_not_allowed(editor_client, url):
    assert editor_client.get(url).status_code == 405


def test_preview_without_content_is_a_bad_request(editor_client):
    response = editor_client.post(PREVIEW, {})
    assert response.status_code == 400
    assert "content" in response.content.decode()


def test_preview_input_is_capped(editor_client, settings):
    settings.BLOGCRAFT_BODY_MAX_CHARS = 100
    response = editor_client.post(PREVIEW, {"content": "x" * 101})
    assert response.status_code == 413
    assert "100" in response.content.decode()


def test_staff_can_upload_an_image(editor_client, settings):
    data = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(data, "PNG")
    upload = io.BytesIO(data.getvalue())
    upload.name = "red.png"
    response = editor_client.post(
        UPLOAD, {"image": upload}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 200
    assert response.json()["image_code"].startswith("![Describe this image](/media/")
    assert any(settings.MEDIA_ROOT.rglob("*.png"))
