import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from posts.models import Post
from posts.tests.media_storage import stored_names

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


@pytest.fixture
def staff_client(client, django_user_model):
    """A staff member who holds none of the post permissions."""
    client.force_login(
        django_user_model.objects.create_user("stan", password="x", is_staff=True)
    )
    return client


def test_staff_without_post_permissions_may_not_preview(staff_client):
    response = staff_client.post(PREVIEW, {"content": "*x*"})
    assert response.status_code == 403
    assert "<em>" not in response.content.decode()


@pytest.mark.parametrize("codename", ["change_post", "add_post"])
def test_either_post_permission_allows_the_preview(
    staff_client, django_user_model, codename
):
    user = django_user_model.objects.get(username="stan")
    user.user_permissions.add(Permission.objects.get(codename=codename))
    response = staff_client.post(PREVIEW, {"content": "*x*"})
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").find("em").text == "x"


def test_a_preview_past_the_deadline_says_why(editor_client, settings):
    settings.BLOGCRAFT_RENDER_TIMEOUT_SECONDS = 0.001
    response = editor_client.post(PREVIEW, {"content": "[" * 50_000})
    assert response.status_code == 422
    notice = BeautifulSoup(response.content, "html.parser").find("p")
    assert notice["class"] == ["render-error"]
    assert notice["role"] == "alert"
    assert "took longer than 0.001 s to render" in notice.text
    assert "split it or simplify it" in notice.text


def test_staff_can_upload_an_image(editor_client, settings):
    data = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(data, "PNG")
    upload = io.BytesIO(data.getvalue())
    upload.name = "red.png"
    response = editor_client.post(
        UPLOAD, {"image": upload}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert response.status_code == 200
    code = response.json()["image_code"]
    assert code.startswith(f"![Describe this image]({settings.MEDIA_URL}uploads/")
    assert any(name.endswith(".png") for name in stored_names(default_storage))
