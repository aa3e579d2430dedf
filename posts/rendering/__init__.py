"""
Blogcraft's rendering pipeline: Markdown in, safe HTML and its derived data out.

This package is pure: it imports no models, so the save path, the editor's live
preview, management commands and data migrations all call the same functions.
"""

from .deadline import RenderTimeout
from .pipeline import Rendering, markdownify, render_markdown
from .text import normalise_text, strip_control_characters

__all__ = [
    "RenderTimeout",
    "Rendering",
    "markdownify",
    "render_markdown",
    "normalise_text",
    "strip_control_characters",
]
