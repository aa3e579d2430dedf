"""
Slow down password guessing at the admin login.

Failed logins are counted in the cache, per username and client address, so that the
count is shared by every worker and machine when the cache is Redis. After
LOGIN_MAX_FAILURES failures the pair is refused for LOGIN_LOCKOUT_SECONDS, without the
password even being checked; a successful login clears the count.
"""

import hashlib

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError

LOGIN_MAX_FAILURES = 5
LOGIN_LOCKOUT_SECONDS = 15 * 60


def client_address(request):
    """Return the client's IP address, looking past TRUSTED_PROXY_COUNT proxies.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the client
    is that many entries from the right; entries further left are the client's own
    claims and are not believed.
    """
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


class LoginThrottle:
    def __init__(self, username, address):
        identity = f"{username.casefold()}\n{address}".encode()
        self.key = f"admin-login-failures:{hashlib.sha256(identity).hexdigest()}"

    def failures(self):
        return cache.get(self.key, 0)

    def is_locked(self):
        return self.failures() >= LOGIN_MAX_FAILURES

    def record_failure(self):
        # The window opens at the first failure and is not extended by later ones.
        cache.add(self.key, 0, timeout=LOGIN_LOCKOUT_SECONDS)
        try:
            cache.incr(self.key)
        except ValueError:  # expired between add() and incr()
            cache.add(self.key, 1, timeout=LOGIN_LOCKOUT_SECONDS)

    def clear(self):
        cache.delete(self.key)


class ThrottledAuthenticationForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "throttled": "Too many failed logins for this account from your address. "
        "Wait %(minutes)d minutes, then try again.",
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        throttle = LoginThrottle(username, client_address(self.request))
        if throttle.is_locked():
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": LOGIN_LOCKOUT_SECONDS // 60},
            )
        try:
            cleaned_data = super().clean()
        except ValidationError:
            throttle.record_failure()
            raise
        # Only a real login clears the count: a post without a password must not.
        if self.user_cache is not None:
            throttle.clear()
        return cleaned_data


class ThrottledAdminSite(AdminSite):
    login_form = ThrottledAuthenticationForm
