"""
The yardstick of `make bench`: a minimal Django app whose only middleware is
WhiteNoise, serving the same collected static files as Blogcraft.

    STATIC_ROOT=staticfiles gunicorn -c gunicorn.conf.py tooling.baseline_app

Blogcraft's pages are measured as a share of the rate at which this app serves a
static file, on the same machine, with the same gunicorn settings, in the same run.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

settings.configure(
    DEBUG=False,
    SECRET_KEY="baseline-app-serves-static-files-only",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[],
    MIDDLEWARE=["whitenoise.middleware.WhiteNoiseMiddleware"],
    STATIC_URL="static/",
    STATIC_ROOT=os.environ.get("STATIC_ROOT", "staticfiles"),
)
urlpatterns = []

application = get_wsgi_application()
