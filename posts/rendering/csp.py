"""What a rendered body needs from the page's Content-Security-Policy."""

import base64
import hashlib
import re

STYLE_ELEMENT = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle=\"")


def style_element_hashes(html):
    """Return CSP source expressions ('sha256-…') for the body's <style> elements.

    Only trusted renderer output (Mermaid's SVG) carries <style>: the sanitiser
    removes any an author writes, so hashing what is there allows exactly that.
    """
    return sorted(
        {
            "'sha256-"
            + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
            + "'"
            for css in STYLE_ELEMENT.findall(html)
        }
    )


def uses_style_attributes(html):
    """KaTeX and Mermaid position with style attributes; author HTML never keeps one."""
    return bool(STYLE_ATTRIBUTE.search(html))
