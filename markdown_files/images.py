"""
Find the images an imported file names, and store them as an editor's upload is.

Nothing in an import folder is trusted: an image is looked up only within the folder
(symbolic links are followed, then checked), and what is stored is never the file
itself but what `posts.uploads.prepare` makes of it, under a name of its own.
"""

import hashlib
import logging
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

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

# Where static sites keep the files that "/name.jpg" refers to: Astro's public/ and
# Hugo's static/, in the import folder or beside the content folder it was given
# (an Astro site's src/content/blog is three levels below public/).
PUBLIC_FOLDERS = ("public", "static")
PUBLIC_FOLDER_LEVELS_UP = 3
# The names the project gives what it stores; an export's images keep them.
PROJECT_NAME = re.compile(
    r"(?P<stem>(?:uploads|(?:heroes|series)/\d{4})/[0-9a-f]{32})\.(?P<extension>png|jpg|gif|webp)"
)
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


@dataclass
class ImportFolder:
    """The folder an import reads, and the public folders "/name.jpg" is found in."""

    root: Path
    public_dirs: list = field(default_factory=list)

    @classmethod
    def at(cls, root, public_dir=None):
        """Read root; look for public images in public_dir, or where sites keep them."""
        if public_dir is not None:
            public = Path(public_dir).resolve()
            if not public.is_dir():
                raise FileNotFoundError(f"{public_dir} is not a folder.")
            return cls(root, [public])
        ancestors = [root, *list(root.parents)[:PUBLIC_FOLDER_LEVELS_UP]]
        found = [
            (folder / name).resolve()
            for folder in ancestors
            for name in PUBLIC_FOLDERS
            if (folder / name).is_dir()
        ]
        return cls(root, list(dict.fromkeys(found)))

    def public_candidates(self, relative):
        return [(folder / relative, folder) for folder in self.public_dirs]


def find_image(reference, markdown_file, folder):
    """Return the file an image reference names, within the import's folders.

    Astro and Hugo resolve "/name.jpg" in their public folder, other paths from the
    Markdown file's folder; an export's paths start at its root.
    """
    root = folder.root
    relative = reference.lstrip("/")
    candidates = [(root / relative, root), *folder.public_candidates(relative)]
    if not reference.startswith("/"):
        candidates.insert(0, (markdown_file.parent / reference, root))
    refusals = []
    for candidate, within_folder in candidates:
        try:
            return within(candidate, within_folder)
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

    def store_body_image(self, source, name=""):
        """Store an image a body shows as an editor's upload: with renditions."""
        return self.store(source, UPLOAD_FOLDER, RENDITION_WIDTHS, name)

    def store_whole(self, source, folder, name=""):
        """Store a hero image or a cover, which pages show whole."""
        return self.store(source, folder, (), name)

    def store(self, source, folder, widths, name=""):
        """Store the image at source afresh in folder; return its storage name.

        name is the one it should have (see `wanted_name`): if an image has it in
        storage already, that image is the one meant and nothing is stored; if it
        is free, the new files take it, so that exporting what was imported, or
        importing a file again, names the same files.
        """
        self.deadline.check()
        name = project_name(name)
        if name and default_storage.exists(name):
            return name
        try:
            files = prepare(read_image(source), folder=folder, widths=widths)
        except UploadRefused as error:
            raise ImageRefused(str(error)) from None
        keep_name(files, name)
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


def project_name(name):
    """Return the name if it is one the project gives what it stores, else ""."""
    return name if PROJECT_NAME.fullmatch(name or "") else ""


def keep_name(files, name):
    """Rename the prepared files after name, if it fits them and nothing has it."""
    wanted = PROJECT_NAME.fullmatch(name or "")
    made = PROJECT_NAME.fullmatch(files[0].name)
    # Not when the format differs: the name's extension would lie about the bytes.
    if not wanted or not made or wanted["extension"] != made["extension"]:
        return
    renamed = [file.name.replace(made["stem"], wanted["stem"], 1) for file in files]
    if any(default_storage.exists(new_name) for new_name in renamed):
        return
    for file, new_name in zip(files, renamed, strict=True):
        file.name = new_name


def content_name(source, folder):
    """Return the name an image from a site's folder gets: from its bytes' hash.

    Importing the same post again then finds its images stored and links the
    body to them as before, instead of storing them once more.
    """
    extension = source.suffix.lower().lstrip(".").replace("jpeg", "jpg")
    try:
        digest = hashlib.sha256(read_image(source)).hexdigest()[:32]
    except (ImageRefused, UploadRefused):
        return ""  # refused again, with its reason, when it is stored
    return f"{folder}/{digest}.{extension}"
