"""Find the images an imported file names, and put them into storage."""

from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from .exporter import MEDIA_FOLDER

# Where static sites keep the files that "/name.jpg" refers to.
PUBLIC_FOLDERS = ("public", "static")


class ImageCopies:
    """The images one imported file stores; removed again if its import fails."""

    def __init__(self, dry_run=False):
        self.dry_run = dry_run
        self.stored = []

    def copy(self, source, name, keep_existing):
        """Store source as name; return the name it was stored under.

        An exported image keeps its name, so a second import of the same export
        finds it in place and keeps it; other images get a free name.
        """
        if self.dry_run or (keep_existing and default_storage.exists(name)):
            return name
        stored = default_storage.save(name, ContentFile(source.read_bytes()))
        self.stored.append(stored)
        return stored

    def remove(self):
        for name in self.stored:
            default_storage.delete(name)


def inside(path, root):
    """Return path resolved if it stays within root, else None."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    return resolved if resolved.is_relative_to(root) and resolved.is_file() else None


def find_image(reference, markdown_file, root):
    """Return the file a front matter image reference names, within root."""
    relative = reference.lstrip("/")
    candidates = [markdown_file.parent / reference, root / relative]
    candidates += [root / folder / relative for folder in PUBLIC_FOLDERS]
    for candidate in candidates:
        found = inside(candidate, root)
        if found is not None:
            return found
    return None


def is_image(path):
    try:
        with Image.open(path) as image:
            image.verify()
    except Exception:
        return False
    return True


def storage_name(path, root, fallback_folder):
    """Keep an exported image's storage name; file others under fallback_folder."""
    media = (root / MEDIA_FOLDER).resolve()
    if path.is_relative_to(media):
        return path.relative_to(media).as_posix()
    return f"{fallback_folder}/{path.name}"


def media_file(name, root):
    """Return DIR/media/<name> if the export carries it."""
    return inside(root / MEDIA_FOLDER / Path(name), root)
