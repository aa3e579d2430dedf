"""Vendored files are exactly the ones their READMEs pin."""

import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings

from posts.rendering import diagrams

VENDOR = Path(settings.BASE_DIR) / "static" / "vendor"


def pinned(folder):
    readme = (VENDOR / folder / "README.md").read_text()
    return dict(re.findall(r"\| `([\w./-]+)` \| `([0-9a-f]{64})` \|", readme))


@pytest.mark.parametrize("folder", ["mermaid", "katex", "fonts"])
def test_vendored_files_match_their_pinned_checksums(folder):
    checksums = pinned(folder)
    assert checksums
    for name, expected in checksums.items():
        assert hashlib.sha256((VENDOR / folder / name).read_bytes()).hexdigest() == (
            expected
        )
    assert (VENDOR / folder / "LICENSE").is_file()


def test_the_mermaid_version_in_the_code_is_the_vendored_one():
    readme = (VENDOR / "mermaid" / "README.md").read_text()
    assert f"| version | {diagrams.MERMAID_VERSION} |" in readme
    script = (VENDOR / "mermaid" / "mermaid.min.js").read_text()
    assert f'version:"{diagrams.MERMAID_VERSION}"' in script
