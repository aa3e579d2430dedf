"""WSGI entry point: gunicorn serves blogcraft.wsgi:application."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blogcraft.settings")

application = get_wsgi_application()
