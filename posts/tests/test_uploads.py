"""The editor's image upload, fed with real files that Pillow makes or breaks."""

import io
import struct
import time
import zlib
from pathlib import PurePosixPath

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from posts.tests.media_storage import ON_S3, fetch_media, stored_names
from posts.uploads import ALT_TEXT_PLACEHOLDER

pytestmark = pytest.mark.django_db

UPLOAD = reverse("editor-upload")
AJAX = {"x-requested-with": "XMLHttpRequest"}


def image_bytes(size=(64, 48), image_format="PNG", mode="RGB", **options):
    # Noise, so that the image is not trivially compressible and has real content.
    image = Image.effect_noise(size, 60).convert(mode)
    output = io.BytesIO()
    image.save(output, image_format, **options)
    return output.getvalue()


def png_header_only(width, height):
    """A tiny PNG whose header claims width × height pixels."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def post_file(client, data, name="image.png", content_type="image/png"):
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post(UPLOAD, {"image": upload}, headers=AJAX)


class Stored(PurePosixPath):
    """A file in the media storage, by its name there."""

    def read_bytes(self):
        with default_storage.open(str(self)) as stored:
            return stored.read()

    def open(self):
        return io.BytesIO(self.read_bytes())


def stored_files(settings):
    return [Stored(name) for name in stored_names(default_storage)]


def stored_path(settings, response):
    url = response.json()["image_code"].split("](", 1)[1].rstrip(")")
    assert url.startswith(f"{settings.MEDIA_URL}uploads/")
    return Stored(url.removeprefix(settings.MEDIA_URL))


def assert_refused(response, settings, *words):
    assert response.status_code == 400
    message = response.json()["image"][0]
    for word in words:
        assert word in message
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    "data, name, words",
    [
        pytest.param(png_header_only(20_000, 20_000), "big.png", ["megapixels"]),
        # Below Pillow's own bomb limit, above Blogcraft's 40 megapixels.
        pytest.param(png_header_only(8_000, 6_000), "wide.png", ["8,000 × 6,000"]),
        pytest.param(
            b"<!doctype html><html><script>alert(1)</script></html>",
            "page.png",
            ["not a PNG, JPEG, WebP or GIF"],
        ),
        pytest.param(
            b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
            b"<script>alert(1)</script></svg>",
            "drawing.png",
            ["SVG"],
        ),
        pytest.param(b"", "empty.png", ["empty"]),
    ],
    ids=["bomb", "over-40-megapixels", "html", "svg", "empty"],
)
def test_refuses_what_is_not_a_safe_image(editor_client, settings, data, name, words):
    assert_refused(post_file(editor_client, data, name), settings, *words)


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "GIF", "WEBP"])
def test_refuses_a_truncated_image(editor_client, settings, image_format):
    data = image_bytes((300, 200), image_format)
    response = post_file(editor_client, data[: len(data) // 2])
    assert_refused(response, settings, "damaged or incomplete")


def test_refuses_a_file_over_the_byte_cap(editor_client, settings):
    data = image_bytes((64, 64))
    settings.BLOGCRAFT_UPLOAD_MAX_BYTES = len(data) - 1
    assert_refused(post_file(editor_client, data), settings, "larger than")


def test_refuses_a_huge_body_before_reading_it(editor_client, settings):
    settings.BLOGCRAFT_UPLOAD_MAX_BYTES = 1024
    data = image_bytes((400, 400))
    assert len(data) > 1024 + 64 * 1024
    assert_refused(post_file(editor_client, data), settings, "larger than")


def test_request_without_an_image_field_is_refused(editor_client, settings):
    response = editor_client.post(UPLOAD, {"file": b"x"}, headers=AJAX)
    assert_refused(response, settings, "“image”")


def jpeg_with_gps():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Pocket camera"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (48.0, 51.0, 29.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (2.0, 17.0, 40.0)
    return image_bytes((640, 480), "JPEG", exif=exif, comment=b"secret note")


def test_accepts_a_jpeg_and_drops_its_exif_and_gps(editor_client, settings):
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    response = post_file(editor_client, data, "holiday.jpg", "image/jpeg")

    assert response.status_code == 200
    stored = stored_path(settings, response)
    assert stored.suffix == ".jpg"
    with Image.open(stored.open()) as image:
        assert image.format == "JPEG"
        assert image.size == (640, 480)
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info
        assert "comment" not in image.info
    assert b"Exif" not in stored.read_bytes()
    assert b"secret note" not in stored.read_bytes()


def test_markdown_asks_for_alt_text_and_names_the_file_by_uuid(editor_client, settings):
    response = post_file(editor_client, image_bytes(), "My Photo.PNG")
    code = response.json()["image_code"]
    assert code.startswith(f"![{ALT_TEXT_PLACEHOLDER}]({settings.MEDIA_URL}uploads/")
    assert "My Photo" not in code
    name = code.rsplit("/", 1)[1].rstrip(")")
    assert len(name.removesuffix(".png")) == 32


def test_format_comes_from_the_bytes_not_the_name(editor_client, settings):
    response = post_file(editor_client, image_bytes(image_format="GIF"), "x.jpg")
    assert stored_path(settings, response).suffix == ".gif"


def test_a_payload_appended_to_an_image_is_not_stored(editor_client, settings):
    payload = b"<html><script>alert(document.cookie)</script></html>"
    response = post_file(editor_client, image_bytes() + payload)
    assert response.status_code == 200
    assert all(payload not in path.read_bytes() for path in stored_files(settings))


def test_renditions_in_webp_and_the_original_format_never_upscaled(
    editor_client, settings
):
    response = post_file(editor_client, image_bytes((1000, 500)))
    stored = stored_path(settings, response)
    stem = stored.stem
    names = {path.name for path in stored_files(settings)}
    assert names == {
        f"{stem}.png",
        f"{stem}-480w.png",
        f"{stem}-480w.webp",
        f"{stem}-960w.png",
        f"{stem}-960w.webp",
        # The WebP set reaches the image's own width: see posts.renditions.
        f"{stem}-1000w.webp",
    }
    with Image.open(stored.with_name(f"{stem}-480w.webp").open()) as rendition:
        assert rendition.format == "WEBP"
        assert rendition.size == (480, 240)


def test_a_webp_gets_webp_renditions_once(editor_client, settings):
    response = post_file(editor_client, image_bytes((600, 300), "WEBP"), "a.webp")
    stem = stored_path(settings, response).stem
    names = {path.name for path in stored_files(settings)}
    assert names == {f"{stem}.webp", f"{stem}-480w.webp"}


def test_an_animated_gif_keeps_its_frames(editor_client, settings):
    frames = [Image.new("RGB", (40, 30), colour) for colour in ("red", "lime", "blue")]
    output = io.BytesIO()
    frames[0].save(output, "GIF", save_all=True, append_images=frames[1:], loop=0)
    response = post_file(editor_client, output.getvalue(), "a.gif", "image/gif")
    with Image.open(stored_path(settings, response).open()) as stored:
        assert stored.n_frames == 3


def test_exif_orientation_is_applied_before_exif_is_dropped(editor_client, settings):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # rotate 90° clockwise to display
    data = image_bytes((80, 40), "JPEG", exif=exif)
    response = post_file(editor_client, data, "phone.jpg", "image/jpeg")
    with Image.open(stored_path(settings, response).open()) as stored:
        assert stored.size == (40, 80)


def test_anonymous_upload_is_sent_to_login(client, settings):
    response = client.post(UPLOAD, {"image": SimpleUploadedFile("a.png", b"x")})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert stored_files(settings) == []


def test_get_is_not_allowed(editor_client):
    assert editor_client.get(UPLOAD).status_code == 405


def test_staff_without_post_rights_may_not_upload(client, django_user_model, settings):
    client.force_login(django_user_model.objects.create_user("clerk", is_staff=True))
    response = post_file(client, image_bytes())
    assert response.status_code == 403
    assert stored_files(settings) == []


def test_the_returned_url_serves_the_stored_image(editor_client, settings):
    response = post_file(editor_client, image_bytes())
    url = response.json()["image_code"].split("](", 1)[1].rstrip(")")
    served = fetch_media(editor_client, url)
    assert served.status == 200
    assert served.content == Stored(url.removeprefix(settings.MEDIA_URL)).read_bytes()
    assert served.content_type == "image/png"
    if not ON_S3:  # a bucket's headers are the CDN's to add
        assert served.headers["X-Content-Type-Options"] == "nosniff"


def animation(size, frame_count, image_format="GIF"):
    """A real animation: large frames of one colour each, so the file is small."""
    # Alternate colours, or the encoders merge identical frames into one.
    colours = [(255, 0, 0), (0, 0, 255)]
    frames = []
    for index in range(frame_count):
        if image_format == "GIF":
            # Palette images: converting 36 megapixels from RGB takes seconds.
            frame = Image.new("P", size, index % 2)
            frame.putpalette([*colours[0], *colours[1]])
        else:
            frame = Image.new("RGB", size, colours[index % 2])
        frames.append(frame)
    output = io.BytesIO()
    frames[0].save(
        output, image_format, save_all=True, append_images=frames[1:], loop=0
    )
    return output.getvalue()


@pytest.fixture(scope="module")
def huge_gif():
    # Four frames of 6,000 × 6,000: 144 megapixels in all, about 100 KB on disk.
    return animation((6000, 6000), 4)


def test_an_animation_counts_every_frame_against_the_pixel_cap(
    editor_client, settings, huge_gif
):
    assert len(huge_gif) < 200_000
    started = time.perf_counter()
    response = post_file(editor_client, huge_gif, "a.gif", "image/gif")
    # Refused from the header: decoding the frames would take seconds.
    assert time.perf_counter() - started < 2
    assert_refused(response, settings)
    assert response.json()["image"] == [
        "The animation has 4 frames of 6,000 × 6,000 pixels: at most 40 megapixels "
        "in all frames together are accepted."
    ]


@pytest.mark.parametrize("image_format", ["GIF", "WEBP", "PNG"])
def test_the_pixel_cap_counts_frames_in_every_animated_format(
    editor_client, settings, image_format
):
    settings.BLOGCRAFT_UPLOAD_MAX_PIXELS = 100_000
    # Each frame is within the cap; the three together are not.
    data = animation((200, 200), 3, image_format)
    assert Image.open(io.BytesIO(data)).n_frames == 3
    response = post_file(editor_client, data, "a.img", "application/octet-stream")
    assert_refused(response, settings, "3 frames of 200 × 200", "0.1 megapixels")


def test_an_animation_within_the_cap_keeps_its_frames_and_renditions(
    editor_client, settings
):
    settings.BLOGCRAFT_UPLOAD_MAX_PIXELS = 3 * 600 * 300
    response = post_file(editor_client, animation((600, 300), 3), "a.gif")
    stored = stored_path(settings, response)
    with Image.open(stored.open()) as full_size:
        assert (full_size.n_frames, full_size.size) == (3, (600, 300))
    with Image.open(stored.with_name(f"{stored.stem}-480w.webp").open()) as rendition:
        assert (rendition.n_frames, rendition.size) == (3, (480, 240))


def many_tiny_frames(count):
    """A GIF of count 1 × 1 frames, black and white in turn, built by hand."""
    header = b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0x80, 0, 0) + b"\0\0\0\xff\xff\xff"
    frames = [
        b"\x21\xf9\x04\x00\x01\x00\x00\x00"  # graphic control: 10 ms
        + b"\x2c"
        + struct.pack("<HHHHB", 0, 0, 1, 1, 0)
        + b"\x02\x02"
        + pixel  # LZW codes: clear, the pixel's colour, end
        + b"\x01\x00"
        for pixel in (b"\x44", b"\x4c")
    ]
    return header + b"".join(frames[index % 2] for index in range(count)) + b"\x3b"


def test_an_animation_of_too_many_frames_is_refused_without_walking_them(
    editor_client, settings
):
    data = many_tiny_frames(450_000)  # within the 10 MB an image may be
    assert len(data) <= settings.BLOGCRAFT_UPLOAD_MAX_BYTES
    started = time.perf_counter()
    response = post_file(editor_client, data, "many.gif", "image/gif")
    # Pillow's own frame count walks all 450,000 frames, in seconds.
    assert time.perf_counter() - started < 1
    assert_refused(response, settings, "more than 300 frames")


def test_three_hundred_frames_are_accepted(editor_client, settings):
    response = post_file(editor_client, many_tiny_frames(300), "ok.gif", "image/gif")
    with Image.open(stored_path(settings, response).open()) as stored:
        assert stored.n_frames == 300
