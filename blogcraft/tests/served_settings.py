"""Settings for app servers that tests start as processes of their own.

The site's settings, except that static files are linked by their plain names, as
the in-process tests link them: the manifest of hashed names needs a collectstatic
run, which costs more than every other step of such a test.
"""

from blogcraft.settings import *  # noqa: F403
from blogcraft.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
