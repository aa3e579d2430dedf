"""The upload endpoint writes the editor's description into the Markdown it answers."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from posts.limits import ALT_TEXT_MAX_CHARS
from posts.rendering import render_markdown
from posts.tests.media_storage import stored_names
from posts.uploads import ALT_TEXT_PLACEHOLDER

pytestmark = pytest.mark.django_db

UPLOAD = reverse("editor-upload")


def send(client, **fields):
    data = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(data, "PNG")
    image = SimpleUploadedFile("a.png", data.getvalue(), content_type="image/png")
    return client.post(UPLOAD, {"image": image, **fields})


@pytest.mark.parametrize(
    "alt",
    [
        "A teal square",
        "Brackets [like] these, a back\\slash",
        "Two\nlines](javascript:alert(1))",
    ],
)
def test_the_description_is_the_rendered_alt_text(editor_client, alt):
    response = send(editor_client, alt=alt)
    assert response.status_code == 200
    answer = response.json()
    assert answer["image_code"].endswith(f"]({answer['url']})")
    html = render_markdown(answer["image_code"]).html
    img = BeautifulSoup(html, "html.parser").find("img")
    assert img["alt"] == " ".join(alt.split())
    assert img["src"] == answer["url"]


def test_without_a_description_the_markdown_asks_for_one(editor_client, settings):
    code = send(editor_client).json()["image_code"]
    assert code.startswith(f"![{ALT_TEXT_PLACEHOLDER}]({settings.MEDIA_URL}uploads/")


def test_an_overlong_description_is_refused_before_storing(editor_client, settings):
    response = send(editor_client, alt="x" * (ALT_TEXT_MAX_CHARS + 1))
    assert response.status_code == 400
    assert "longer than 1,000 characters" in response.json()["image"][0]
    assert stored_names(default_storage) == []
