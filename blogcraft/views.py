"""Site-wide views that belong to no app."""

from django.shortcuts import redirect
from django.templatetags.static import static


def favicon(request):
    """Answer browsers that ask for /favicon.ico without reading the page's link."""
    return redirect(static("img/favicon.svg"), permanent=True)
