"""
Turn an editor's uploaded file into safe images: checked, re-encoded and resized.

Nothing about the upload is trusted: not its name, not its declared content type. Pillow
reads the format from the bytes, the pixel count of all frames together is checked
from the header before any pixel is decoded, and every stored file is a fresh encoding
of the decoded pixels, so EXIF (GPS positions included), comments and any payload
appended to the image are left behind. One exception: a JPEG that already is what
this encoder writes (its tables, no metadata, nothing after its end: an export of
this site imported again) is decoded to check it and then kept, not encoded again,
so that a round trip loses nothing. Files are stored only once every one of them has
been made.

The Markdown import sends the images it finds through the same `prepare`. Which
smaller copies are made, and their names, is `posts.renditions`' to say;
`ensure_renditions` makes those missing beside an image already stored (hero images,
covers, and uploads stored before a width was added).
"""

import functools
import io
import itertools
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, ImageSequence, JpegImagePlugin

from .gif_frames import count_gif_frames
from .limits import file_too_large
from .renditions import (
    FORMAT_EXTENSIONS,
    RENDITION_WIDTHS,
    UPLOAD_FOLDER,
    WEBP,
    new_image_name,
    own_extension,
    planned_widths,
    rendition_name,
)

logger = logging.getLogger(__name__)

# Every frame of an animation is decoded, re-encoded and resized, so the pixel cap
# (BLOGCRAFT_UPLOAD_MAX_PIXELS) counts all of them together. This cap bounds the
# per-frame overhead of many tiny frames.
MAX_FRAMES = 300
ALT_TEXT_PLACEHOLDER = "Describe this image"
ACCEPTED_NAMES = "PNG, JPEG, WebP or GIF"
# How each accepted format's files begin: a file that begins like one but cannot be
# read is a damaged image rather than some other kind of file.
SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")


class UploadRefused(Exception):
    """The file cannot be accepted; the message says why, for the editor."""


@dataclass
class EncodedImage:
    name: str
    data: bytes


@dataclass
class StoredImage:
    """The stored full-size image (its renditions are stored beside it)."""

    name: str
    url: str

    def markdown(self, alt=""):
        """Return the image as Markdown, with `alt` (or a reminder to write one)."""
        return f"![{markdown_alt(alt) or ALT_TEXT_PLACEHOLDER}]({self.url})"


def markdown_alt(text):
    """Return text fit for the brackets of ![…](…): one line, brackets escaped."""
    text = " ".join(text.split())
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def max_bytes():
    return settings.BLOGCRAFT_UPLOAD_MAX_BYTES


def max_pixels():
    return settings.BLOGCRAFT_UPLOAD_MAX_PIXELS


def check_byte_size(size):
    """Refuse an empty file, or one larger than an image may be."""
    limit = max_bytes()
    if size == 0:
        raise UploadRefused("The file is empty.")
    if size > limit:
        raise UploadRefused(file_too_large())


def read_upload(uploaded_file):
    """Return the upload's bytes, refusing empty and oversized files unread."""
    check_byte_size(uploaded_file.size)
    data = uploaded_file.read(max_bytes() + 1)
    check_byte_size(len(data))
    return data


def looks_like_accepted_image(data):
    is_webp = data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    return is_webp or data.startswith(SIGNATURES)


def damaged():
    return UploadRefused(
        "The image is damaged or incomplete: it could not be read to the end."
    )


def looks_like_svg(data):
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<") and b"<svg" in head


def count_frames(image, data):
    """Count the frames without decoding any; past MAX_FRAMES the count may stop.

    WebP and APNG state their frame count in the header; a GIF has to be walked.
    """
    if image.format == "GIF":
        return count_gif_frames(data, stop_after=MAX_FRAMES + 1)
    return getattr(image, "n_frames", 1)


def open_image(data):
    """Open the image lazily, check its format, size and frames; decode no pixel.

    Return the image and its frame count.
    """
    if looks_like_svg(data):
        raise UploadRefused(
            "SVG images are not accepted, because they can carry scripts. "
            "Export the drawing as PNG instead."
        )
    try:
        image = Image.open(io.BytesIO(data), formats=list(FORMAT_EXTENSIONS))
    except Image.DecompressionBombError as error:
        # Pillow's own cap fires before ours for the largest headers.
        raise too_many_pixels() from error
    except Exception as error:
        # Pillow raises many kinds of error for bad bytes; each means a refusal.
        if looks_like_accepted_image(data):
            raise damaged() from error
        raise UploadRefused(
            f"The file is not a {ACCEPTED_NAMES} image (whatever its name says)."
        ) from error
    width, height = image.size
    if width < 1 or height < 1:
        raise UploadRefused("The image has no pixels.")
    frame_count = max(1, count_frames(image, data))
    if frame_count > MAX_FRAMES:
        raise UploadRefused(
            f"The animation has more than {MAX_FRAMES} frames: at most {MAX_FRAMES} "
            "are accepted."
        )
    if frame_count * width * height > max_pixels():
        raise too_many_pixels(image.size, frame_count)
    return image, frame_count


def too_many_pixels(size=None, frame_count=1):
    limit = max_pixels() / 1_000_000
    if frame_count > 1:
        return UploadRefused(
            f"The animation has {frame_count:,} frames of {size[0]:,} × {size[1]:,} "
            f"pixels: at most {limit:g} megapixels in all frames together are "
            "accepted."
        )
    found = f" ({size[0]:,} × {size[1]:,})" if size else ""
    return UploadRefused(
        f"The image is too large{found}: at most {limit:g} megapixels are accepted."
    )


def decode_frames(image, frame_count):
    """Decode the counted frames, with their display durations; a still has one."""
    try:
        if frame_count == 1:
            # Apply the EXIF orientation now: the re-encoded file has no EXIF.
            frames = [ImageOps.exif_transpose(image)]
        else:
            # Never more than were counted and checked, whatever the decoder finds.
            sequence = itertools.islice(ImageSequence.Iterator(image), frame_count)
            frames = [frame.copy() for frame in sequence]
        durations = [frame.info.get("duration", 100) for frame in frames]
        for frame in frames:
            frame.load()
    except Image.DecompressionBombError as error:
        raise too_many_pixels() from error
    except Exception as error:
        logger.info("Refused an upload that failed to decode: %r", error)
        raise damaged() from error
    return frames, durations


def normalised_mode(frame, image_format):
    """Return the frame in a mode the target format writes faithfully."""
    has_alpha = frame.mode in {"RGBA", "LA", "PA"} or "transparency" in frame.info
    if image_format == "JPEG":
        return frame.convert("L" if frame.mode in {"1", "L"} else "RGB")
    if image_format == "GIF":
        return frame if frame.mode in {"P", "L"} else frame.convert("RGBA")
    if frame.mode in {"RGB", "RGBA"} or (image_format == "PNG" and frame.mode == "L"):
        return frame
    return frame.convert("RGBA" if has_alpha else "RGB")


def without_metadata(frame):
    # Encoders copy some of info (PNG's ICC profile and text, JPEG's comment) into
    # the output: keep only what the pixels need to look right.
    frame.info = {
        key: value for key, value in frame.info.items() if key == "transparency"
    }
    return frame


def encode(frames, durations, image_format):
    """Encode the frames afresh; no metadata of the upload is passed on."""
    frames = [
        without_metadata(normalised_mode(frame, image_format)) for frame in frames
    ]
    output = io.BytesIO()
    options = {
        "JPEG": {"quality": 85, "optimize": True, "progressive": True},
        "WEBP": {"quality": 82, "method": 4},
        "PNG": {"optimize": False},
        "GIF": {},
    }[image_format]
    if len(frames) > 1:
        options |= {
            "save_all": True,
            "append_images": frames[1:],
            "duration": durations,
            "loop": 0,
        }
    frames[0].save(output, image_format, **options)
    return output.getvalue()


# The JPEG markers this pipeline's encoder writes: JFIF, quantisation and Huffman
# tables, the frame, its scans, restart intervals and the end; no metadata.
PIPELINE_JPEG_MARKERS = {0xE0, 0xDB, 0xC0, 0xC2, 0xC4, 0xDA, 0xDD, 0xD9}


def jpeg_markers(data):
    """Return the markers of a JPEG's segments in order, or None if anything but
    segments (trailing bytes after its end, say) is in the file. One pass."""
    markers, index = [], 2  # after the start-of-image marker
    while index + 1 < len(data) and data[index] == 0xFF:
        marker = data[index + 1]
        markers.append(marker)
        if marker == 0xD9:
            return markers if index + 2 == len(data) else None
        index += 2 + int.from_bytes(data[index + 2 : index + 4], "big")
        if marker == 0xDA:
            # Entropy-coded data runs to the next marker that is not a stuffed
            # 0xFF00 or a restart marker.
            while (index := data.find(b"\xff", index)) != -1:
                following = data[index + 1 : index + 2]
                if following and (following == b"\x00" or 0xD0 <= following[0] <= 0xD7):
                    index += 2
                    continue
                break
            if index == -1:
                return None
    return None


@functools.cache
def pipeline_jpeg_tables(mode):
    """The quantisation tables and subsampling this pipeline's JPEGs have."""
    sample = encode([Image.new(mode, (16, 16))], [100], "JPEG")
    with Image.open(io.BytesIO(sample)) as image:
        return image.quantization, JpegImagePlugin.get_sampling(image)


def is_pipeline_jpeg(data, image):
    """Whether data already is a JPEG as this pipeline encodes one.

    Such a file (an export of this site, imported again) is kept as it is:
    encoding it again would lose a little more of it each time, and there is
    nothing to remove, since it carries no metadata and nothing after its end.
    """
    if image.format != "JPEG" or image.mode not in {"RGB", "L"}:
        return False
    markers = jpeg_markers(data)
    if not markers or not set(markers) <= PIPELINE_JPEG_MARKERS:
        return False
    quantization, sampling = pipeline_jpeg_tables(image.mode)
    return (
        image.quantization == quantization
        and JpegImagePlugin.get_sampling(image) == sampling
    )


def resized(frames, width):
    height = max(1, round(frames[0].height * width / frames[0].width))
    return [frame.resize((width, height), Image.Resampling.LANCZOS) for frame in frames]


def planned_renditions(
    own_width, image_format, full_name, widths=RENDITION_WIDTHS, own_format=True
):
    """Return [(width, Pillow format, storage name)] of an image's renditions.

    At each planned width a WebP copy (unless the full size is that copy) and,
    below the image's own width, one in the original format (unless own_format is
    False).
    """
    planned = []
    for width in planned_widths(own_width, widths):
        if not (width == own_width and image_format == "WEBP"):
            planned.append((width, "WEBP", rendition_name(full_name, width, WEBP)))
        if own_format and width < own_width and image_format != "WEBP":
            extension = FORMAT_EXTENSIONS[image_format]
            planned.append(
                (width, image_format, rendition_name(full_name, width, extension))
            )
    return planned


def rendition_files(frames, durations, planned):
    """Yield the planned renditions of the decoded frames, resizing once a width."""
    for width, group in itertools.groupby(planned, key=lambda each: each[0]):
        smaller = frames if width == frames[0].width else resized(frames, width)
        for _, image_format, name in group:
            yield EncodedImage(name, encode(smaller, durations, image_format))


def prepare(data, folder=UPLOAD_FOLDER, widths=RENDITION_WIDTHS):
    """Check and re-encode the bytes; return the files to store, full size first.

    The files are named folder/<uuid>; renditions are planned from the given widths
    (`posts.renditions.planned_widths`).
    """
    image, frame_count = open_image(data)
    image_format = image.format
    frames, durations = decode_frames(image, frame_count)
    full_name = new_image_name(folder, image_format)
    # Decoded all the same: a file that fails to decode is refused above.
    kept = frame_count == 1 and is_pipeline_jpeg(data, image)
    full = data if kept else encode(frames, durations, image_format)
    files = [EncodedImage(full_name, full)]
    planned = planned_renditions(frames[0].width, image_format, full_name, widths)
    files.extend(rendition_files(frames, durations, planned))
    return files


def ensure_renditions(name, storage=None, widths=RENDITION_WIDTHS, dry_run=False):
    """Make the renditions missing beside the stored image `name`; return their
    names (with dry_run, only return them).

    The stored file goes through the upload's checks again (a hero image stored
    by the admin's file field never went through them); a file they refuse gets
    none, and one whose name spells another format than it holds WebP copies only.
    Nothing is decoded when nothing is missing.
    """
    storage = storage or default_storage
    try:
        with storage.open(name) as stored:
            data = stored.read(max_bytes() + 1)
        check_byte_size(len(data))
        image, frame_count = open_image(data)
    except (OSError, UploadRefused) as error:
        logger.warning("No renditions for %s: %s", name, error)
        return []
    planned = planned_renditions(
        image.width,
        image.format,
        name,
        widths,
        # The reader names copies in the original's format after the file's
        # extension: a PNG named .jpg gets WebP copies only.
        own_format=own_extension(name) == FORMAT_EXTENSIONS[image.format],
    )
    missing = [each for each in planned if not storage.exists(each[2])]
    if dry_run or not missing:
        return [each[2] for each in missing]
    try:
        frames, durations = decode_frames(image, frame_count)
    except UploadRefused as error:
        logger.warning("No renditions for %s: %s", name, error)
        return []
    return store_files(list(rendition_files(frames, durations, missing)), storage)


def store_files(files, storage):
    """Save every file, or none: a failure removes what was already saved."""
    saved = []
    try:
        for file in files:
            saved.append(storage.save(file.name, ContentFile(file.data)))
    except Exception:
        for name in saved:
            storage.delete(name)
        raise
    return saved


def store_upload(uploaded_file, storage=None):
    """Check, re-encode and store an uploaded image with its renditions."""
    storage = storage or default_storage
    names = store_files(prepare(read_upload(uploaded_file)), storage)
    return StoredImage(name=names[0], url=storage.url(names[0]))
