"""Trusted renderer output (diagram SVG, KaTeX HTML) goes in after sanitising.

The Markdown renderer leaves a placeholder whose key is the SHA-256 of the trusted
HTML; the cleaner keeps it as plain text; then each placeholder whose key is one
this rendering created, and whose content still hashes to it, is replaced. A
placeholder typed by an author matches nothing and is dropped.
"""

import hashlib
import re

PLACEHOLDER = re.compile(
    r'<(?P<tag>span|div) class="bc-slot">BCSLOT-(?P<key>[0-9a-f]{64})</(?P=tag)>'
)


def digest(html):
    return hashlib.sha256(html.encode()).hexdigest()


class Slots:
    def __init__(self):
        self.trusted = {}

    def add(self, html, *, block):
        """Return the placeholder that stands for html until fill() runs."""
        key = digest(html)
        self.trusted[key] = html
        tag = "div" if block else "span"
        return f'<{tag} class="bc-slot">BCSLOT-{key}</{tag}>'

    def fill(self, cleaned):
        def replace(match):
            html = self.trusted.get(match["key"])
            if html is None or digest(html) != match["key"]:
                return ""
            return html

        return PLACEHOLDER.sub(replace, cleaned)


def strip_placeholders(cleaned):
    """Return the cleaned HTML without placeholders (for counting words)."""
    return PLACEHOLDER.sub("", cleaned)
