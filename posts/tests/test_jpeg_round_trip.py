"""A JPEG this pipeline wrote comes back unchanged; any other is encoded afresh."""

import io

import pytest
from PIL import Image

from posts.uploads import UploadRefused, jpeg_markers, prepare


def photo(mode="RGB", **save_options):
    image = Image.new(mode, (640, 360))
    for x in range(0, 640, 8):  # some detail, so that encoding loses some
        image.paste(
            (x % 256, 255 - x % 256, (x * 7) % 256)[: len(mode)], (x, 0, x + 4, 360)
        )
    output = io.BytesIO()
    image.save(output, "JPEG", **save_options)
    return output.getvalue()


def full_size(data):
    files = prepare(data)
    return files[0].data


@pytest.mark.parametrize("mode", ["RGB", "L"])
def test_a_jpeg_the_pipeline_wrote_is_kept_byte_for_byte(mode):
    once = full_size(photo(mode, quality=95))
    assert once != photo(mode, quality=95)  # an upload is encoded afresh
    assert full_size(once) == once
    assert full_size(full_size(once)) == once


def test_metadata_still_means_a_fresh_encoding():
    once = full_size(photo(quality=95))
    image = Image.open(io.BytesIO(once))
    exif = Image.Exif()
    exif[0x010F] = "A camera maker"  # Make
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif, comment=b"a comment")
    again = full_size(output.getvalue())
    assert b"A camera maker" not in again and b"a comment" not in again


def test_bytes_after_the_end_still_mean_a_fresh_encoding():
    once = full_size(photo(quality=95))
    with_payload = once + b"<script>alert(1)</script>"
    assert jpeg_markers(with_payload) is None
    encoded = full_size(with_payload)
    assert encoded != once
    assert b"<script>" not in encoded


def test_other_tables_mean_a_fresh_encoding():
    other = photo(quality=60, optimize=True, progressive=True)
    assert full_size(other) != other


def test_a_damaged_pipeline_jpeg_is_still_refused():
    once = full_size(photo(quality=95))
    with pytest.raises(UploadRefused):
        prepare(once[: len(once) // 3])
