"""Internal links: each must lead to a page the public can open.

posts and series register the pages that name an object by slug (register_link_target
in their AppConfig.ready), so that this module knows neither app's schema. A link is
read from the stored HTML (one pass, code blocks already escaped) and looked up with
one query per kind of page, however many links a body has.
"""

import html
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

from .findings import Finding

HREF = re.compile(r'<a\s[^>]*?\bhref="([^"]*)"')
# view name -> (all objects, the public's objects): two querysets, made on demand.
LINK_TARGETS = {}


def register_link_target(view_name, all_objects, public_objects):
    """Check links to view_name's pages: its URL names an object by its slug."""
    LINK_TARGETS[view_name] = (all_objects, public_objects)


def internal_paths(body_html):
    """Yield each distinct path that a link of the body leads to on this site."""
    site = settings.SITE_URL.rstrip("/")
    seen = set()
    for match in HREF.finditer(body_html):
        href = html.unescape(match.group(1))
        if href.startswith(site + "/"):
            href = href[len(site) :]
        if not href.startswith("/") or href.startswith("//"):
            continue
        path = urlsplit(href).path
        if path not in seen:
            seen.add(path)
            yield href, path


def broken_link_findings(body, body_html):
    """Return a Finding for each internal link that leads nowhere a reader can go."""
    findings, wanted = [], {}
    for href, path in internal_paths(body_html):
        try:
            match = resolve(path)
        except Resolver404:
            if not path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
                findings.append(link_finding(body, href, "no page on this site"))
            continue
        if match.view_name in LINK_TARGETS and "slug" in match.kwargs:
            wanted.setdefault(match.view_name, {})[match.kwargs["slug"]] = href
    for view_name, links in wanted.items():
        states = link_states(*LINK_TARGETS[view_name], set(links))
        for slug, href in links.items():
            state = states.get(slug, "no page on this site")
            if state != "public":
                findings.append(link_finding(body, href, state))
    return findings


def link_states(all_objects, public_objects, slugs):
    """Return {slug: "public" | why not} for the slugs that name an object."""
    objects = all_objects()
    states = dict.fromkeys(
        objects.filter(slug__in=slugs).values_list("slug", flat=True),
        "a page readers cannot open yet (a draft, or scheduled)",
    )
    public = public_objects().filter(slug__in=slugs).values_list("slug", flat=True)
    states.update(dict.fromkeys(public, "public"))
    if missing := slugs - states.keys():
        from django.contrib.contenttypes.models import ContentType

        from posts.models import SlugHistory

        renamed = SlugHistory.objects.filter(
            content_type=ContentType.objects.get_for_model(objects.model),
            slug__in=missing,
        ).values_list("slug", flat=True)
        states.update(dict.fromkeys(renamed, "an old address, redirected"))
    return states


def link_finding(body, href, why):
    return Finding(
        "internal-link",
        f"The link to {href} leads to {why}.",
        "Link to the page's current address, or remove the link until it is published.",
        line_in(body, href),
    )


def line_in(body, text):
    position = body.find(text)
    return body.count("\n", 0, position) + 1 if position >= 0 else None
