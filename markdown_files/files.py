"""Read an imported text file: within the import folder, bounded in size, UTF-8."""

from django.conf import settings

from .frontmatter import MAX_FRONT_MATTER_CHARS


class FileRefused(Exception):
    """The file cannot become a post; the message says why."""


class OutsideTheFolder(Exception):
    """The file is a link to one outside the import folder; it is not read."""


def max_file_bytes():
    # The longest body a post may have, in UTF-8's widest case, and its front matter.
    return settings.BLOGCRAFT_BODY_MAX_CHARS * 4 + MAX_FRONT_MATTER_CHARS


def read_text(path, root):
    """Return the text of the file at path, which must lie within root."""
    if not path.resolve().is_relative_to(root):
        raise OutsideTheFolder(
            "The file is a link to a file outside the import folder: it is not read."
        )
    limit = max_file_bytes()
    if path.stat().st_size > limit:
        raise FileRefused(f"The file is larger than {limit:,} bytes.")
    with path.open("rb") as file:
        # Read no more than allowed, even if the file grew since it was measured.
        data = file.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(f"The file is larger than {limit:,} bytes.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            f"The file is not UTF-8 text (byte {error.start}): save it as UTF-8."
        ) from None
