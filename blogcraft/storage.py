"""Media on local files, kept the way object storage keeps it.

A bucket shows a file whole or not at all, and holds nothing but its own objects.
Django's FileSystemStorage writes into the final file while readers may open it,
and follows symbolic links out of its folder; this one writes beside the file and
links it into place, and reads only what lies inside its folder.
"""

import os
import tempfile
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage


class LocalMediaStorage(FileSystemStorage):
    def _open(self, name, mode="rb"):
        root = Path(self.location).resolve()
        # resolve() follows "..", and symbolic links, to where they really lead.
        if not Path(self.path(name)).resolve(strict=True).is_relative_to(root):
            raise SuspiciousFileOperation(f"{name!r} leads outside the media folder.")
        return super()._open(name, mode)

    def _save(self, name, content):
        full_path = self.path(name)
        folder = os.path.dirname(full_path)
        os.makedirs(folder, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".", delete=False) as file:
            for chunk in content.chunks():
                file.write(chunk.encode() if isinstance(chunk, str) else chunk)
        try:
            if self.file_permissions_mode is not None:
                os.chmod(file.name, self.file_permissions_mode)
            while True:
                try:
                    if self._allow_overwrite:
                        os.replace(file.name, full_path)
                    else:
                        # A hard link never replaces a file that exists.
                        os.link(file.name, full_path)
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            if os.path.exists(file.name):
                os.unlink(file.name)
        return os.path.relpath(full_path, self.location).replace("\\", "/")
