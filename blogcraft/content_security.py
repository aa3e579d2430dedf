"""
Each page's Content-Security-Policy, set through this one module.

The site's policy is `settings.SECURE_CSP`, which Django's middleware sends with
every response unless the header is already set: Django leaves a policy set by
another layer alone, and that is the public way for a page to have its own. A page
that needs more than the site's policy gets its header here, built as the middleware
builds it (with the request's nonce only if the page used it), and the page cache
stores that header with the page (`policy_header`). Nothing reads or writes Django's
private per-response attributes.

Two kinds of page widen the policy:

- a post whose diagrams or formulas style themselves inline (`body_policy`): the
  hashes of exactly its <style> elements and, when it has any, style attributes,
  as `posts.rendering.csp` found them on save (stored in the post's page_assets);
- the admin's post editor and its page preview (`editing_policy`): inline styles,
  since a diagram or a formula may appear at any keystroke.
"""

from django.conf import settings
from django.middleware.csp import get_nonce
from django.utils.csp import CSP, build_policy

from posts.rendering.csp import STYLE_ATTRIBUTES, STYLE_HASHES

HEADER = str(CSP.HEADER_ENFORCE)


def body_policy(page_assets):
    """The site's policy plus exactly the inline styles a rendered body needs."""
    policy = dict(settings.SECURE_CSP)
    hashes = page_assets.get(STYLE_HASHES, [])
    if hashes:
        policy["style-src-elem"] = [*policy["style-src"], *hashes]
    if page_assets.get(STYLE_ATTRIBUTES):
        policy["style-src-attr"] = [CSP.UNSAFE_INLINE]
    return policy


def editing_policy(**directives):
    """The site's policy with inline styles allowed, and directives on top.

    Scripts stay strict. Styles go without the nonce: a browser that sees a nonce
    ignores 'unsafe-inline'.
    """
    return {
        **settings.SECURE_CSP,
        "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
        **directives,
    }


def apply_policy(request, response, policy):
    """Send response with policy instead of the site's; return response.

    A template response not rendered yet gets its header once it is: only then is
    it known whether the page used the request's nonce.
    """

    def set_header(rendered):
        rendered[HEADER] = build_policy(policy, get_nonce(request))

    if getattr(response, "is_rendered", True):
        set_header(response)
    else:
        response.add_post_render_callback(set_header)
    return response


def policy_header(response):
    """The policy response goes out with: its own, or the site's.

    For the page cache, whose pages used no nonce (see blogcraft.page_cache.is_public).
    """
    return response.get(HEADER) or build_policy(settings.SECURE_CSP)
