"""
Find the images an imported file names, and store them as an editor's upload is.

Nothing in an import folder is trusted: an image is looked up only within the folder
(symbolic links are followed, then checked), and what is stored is never the file
itself but what `posts.uploads.prepare` makes of it, under a name of its own.
"""

import logging
import posixpath

from django.core.files.storage import default_storage

from posts.uploads import (
    RENDITION_WIDTHS,
    UPLOAD_FOLDER,
    UploadRefused,
    check_byte_size,
    max_bytes,
    prepare,
    store_files,
)

from .exporter import MEDIA_FOLDER

logger = logging.getLogger(__name__)

# Where static sites keep the files that "/name.jpg" refers to.
PUBLIC_FOLDERS = ("public", "static")
LEAVES_THE_FOLDER = "it leaves the import folder"
LEAVES_THE_MEDIA = "it leaves the export's media folder"


class ImageRefused(Exception):
    """The image is left out; the message says why."""


def within(path, folder, leaving=LEAVES_THE_FOLDER):
    """Return path resolved if it is a file within folder; else say why not."""
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        raise ImageRefused("not found") from None
    except (OSError, RuntimeError, ValueError) as error:
        # A loop of links, a name too long, a NUL character: not a usable path.
        raise ImageRefused(f"cannot be read ({error})") from None
    if not resolved.is_relative_to(folder):
        raise ImageRefused(leaving)
    if not resolved.is_file():
        raise ImageRefused("not a file")
    return resolved


def find_image(reference, markdown_file, root):
    """Return the file a front matter image reference names, within root.

    Astro and Hugo resolve "/name.jpg" in their public folder, other paths from the
    Markdown file's folder; an export's paths start at its root.
    """
    relative = reference.lstrip("/")
    candidates = [root / relative] + [
        root / folder / relative for folder in PUBLIC_FOLDERS
    ]
    if not reference.startswith("/"):
        candidates.insert(0, markdown_file.parent / reference)
    refusals = []
    for candidate in candidates:
        try:
            return within(candidate, root)
        except ImageRefused as refusal:
            refusals.append(str(refusal))
    # Saying that a path leaves the folder matters more than that it is not found.
    if LEAVES_THE_FOLDER in refusals:
        raise ImageRefused(LEAVES_THE_FOLDER)
    raise ImageRefused(refusals[0])


def media_file(name, root):
    """Return DIR/media/<name>, the file an exported body's /media/<name> names."""
    # Refused by its spelling first: the file system may not answer the same way
    # (it cannot climb out of a folder that does not exist).
    spelled = posixpath.normpath(name)
    if spelled.startswith("/") or spelled.split("/")[0] == "..":
        raise ImageRefused(LEAVES_THE_MEDIA)
    media = (root / MEDIA_FOLDER).resolve()
    if not media.is_relative_to(root):
        raise ImageRefused(LEAVES_THE_FOLDER)
    return within(media / name, media, LEAVES_THE_MEDIA)


def read_image(path):
    """Return the file's bytes, refusing empty and oversized files unread."""
    try:
        check_byte_size(path.stat().st_size)
        with path.open("rb") as file:
            data = file.read(max_bytes() + 1)
    except OSError as error:
        raise ImageRefused(f"cannot be read ({error.strerror})") from None
    check_byte_size(len(data))
    return data


class ImageStore:
    """The images one imported file stores; removed again if its import fails.

    A dry run checks and re-encodes every image, and stores none.
    """

    def __init__(self, deadline, dry_run=False):
        self.deadline = deadline
        self.dry_run = dry_run
        self.stored = []

    def store_body_image(self, source):
        """Store an image a body shows as an editor's upload: with renditions."""
        return self.store(source, UPLOAD_FOLDER, RENDITION_WIDTHS)

    def store_whole(self, source, folder):
        """Store a hero image or a cover, which pages show whole."""
        return self.store(source, folder, widths=())

    def store(self, source, folder, widths):
        """Store the image at source afresh in folder; return its storage name."""
        self.deadline.check()
        try:
            files, _ = prepare(read_image(source), folder=folder, widths=widths)
        except UploadRefused as error:
            raise ImageRefused(str(error)) from None
        if self.dry_run:
            return files[0].name
        names = store_files(files, default_storage)
        self.stored.extend(names)
        return names[0]

    def remove(self):
        """Delete what was stored; called while another failure is reported."""
        for name in self.stored:
            try:
                default_storage.delete(name)
            except Exception:
                logger.exception("Could not remove the imported image %s", name)
        self.stored = []
