"""The Permissions-Policy header: browser features the site never uses are off.

A script that ever ran on a page (a compromised dependency, a missed injection)
could not reach the camera, the microphone, the location or payment. Only the
copy buttons of code blocks use a powerful feature: writing to the clipboard.
"""

from django.conf import settings


def header_value(policy):
    """Return the header for {feature: [origins]}; an empty list turns it off."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in policy.items()
    )


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.value = header_value(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault("Permissions-Policy", self.value)
        return response
