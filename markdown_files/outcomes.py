"""
The one report line of an imported file (or series) whose import raised an error.

- skipped: it cannot be imported as it is; the reason says what to fix.
- refused: importing it would take too long or reach outside the import folder, or
  failed unexpectedly (then logged with its traceback, for operators).

Every error becomes a line, so that no input stops the import of the next file.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import DatabaseError

from posts.feed_import import validation_message
from posts.rendering import RenderTimeout

from .deadline import TimeUp
from .files import FileRefused, OutsideTheFolder
from .frontmatter import FrontMatterError
from .safe_yaml import YamlRefused
from .values import ValueRefused

logger = logging.getLogger(__name__)

SKIPPED = (OSError, FileRefused, FrontMatterError, YamlRefused, ValueRefused)
REFUSED = (TimeUp, RenderTimeout, OutsideTheFolder)


def outcome_of(error, subject):
    """Return (outcome, reason) for error; call it while handling the error."""
    if isinstance(error, ValidationError):
        return "skipped", message_of(error)
    if isinstance(error, DatabaseError):
        return "skipped", f"could not be saved: {error}"
    if isinstance(error, SKIPPED):
        return "skipped", str(error)
    if isinstance(error, REFUSED):
        return "refused", str(error)
    logger.exception("Importing %s failed unexpectedly", subject)
    return "refused", (
        f"an unexpected error ({type(error).__name__}) stopped its import; the "
        "server log has the details"
    )


def message_of(error):
    if hasattr(error, "error_dict"):
        return validation_message(error)
    return " ".join(error.messages)
