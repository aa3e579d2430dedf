"""Where the tests keep media: local files, or a bucket when the S3 variables are set.

On S3 (`.ci/run`'s PostgreSQL pass, against a local S3 API server) each test gets
a fresh key prefix in one bucket, as it gets a fresh MEDIA_ROOT on local files.
"""

import contextlib
import os
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.core.files.storage import storages

from blogcraft.settings import local_media_storages, s3_media_storages

ON_S3 = bool(os.environ.get("AWS_STORAGE_BUCKET_NAME"))
RUN = f"test-runs/{uuid.uuid4().hex[:12]}"

only_on_local_files = pytest.mark.skipif(
    ON_S3, reason="Django serves media itself only from local files."
)


def media_settings(media_root, label):
    """Return (STORAGES entries, MEDIA_URL) of a test's own media."""
    if ON_S3:
        return s3_media_storages(os.environ, location=f"{RUN}/{label}")
    return local_media_storages(media_root)


def diagram_storage(folder, label):
    """Return the "diagrams" STORAGES entry for diagrams shared under a label."""
    if ON_S3:
        entries, _ = s3_media_storages(os.environ, location=f"{RUN}/shared-{label}")
        return entries["diagrams"]
    return {
        "BACKEND": "blogcraft.storage.LocalMediaStorage",
        "OPTIONS": {"location": folder, "base_url": "/media/diagrams/"},
    }


def create_bucket():
    """Create the tests' bucket on the S3 server, unless it exists."""
    client = storages.create_storage(
        s3_media_storages(os.environ)[0]["default"]
    ).connection.meta.client
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(Bucket=os.environ["AWS_STORAGE_BUCKET_NAME"])


def stored_names(storage, folder=""):
    """Return every name stored under folder, recursively, sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # local files: nothing stored yet, not even a folder
        return []
    prefix = f"{folder}/" if folder else ""
    names = [prefix + name for name in files]
    for sub in folders:
        names.extend(stored_names(storage, prefix + sub))
    return sorted(names)


@dataclass
class Fetched:
    status: int
    content_type: str
    content: bytes
    headers: dict


def fetch_media(client, url):
    """GET a media URL as a reader would: through the site, or from the bucket."""
    if "://" not in url:
        response = client.get(url)
        content = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        return Fetched(
            response.status_code, response["Content-Type"], content, response.headers
        )
    try:
        with urllib.request.urlopen(url, timeout=10) as reply:
            return Fetched(
                reply.status, reply.headers["Content-Type"], reply.read(), reply.headers
            )
    except urllib.error.HTTPError as error:
        return Fetched(error.code, error.headers["Content-Type"], b"", error.headers)


def media_address(site_url, name):
    """The absolute URL of a stored file: on the site, or the bucket's own."""
    return urljoin(f"{site_url}/", settings.MEDIA_URL + name)
