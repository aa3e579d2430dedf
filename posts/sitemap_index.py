"""The sitemap index: one entry per page of each section, none of them unbounded.

Each section is its own sitemap (/sitemap-posts.xml, …) split into pages of
SiteSitemap.limit addresses (?p=2, …), so no response grows with the archive. The
index costs one count per section, and names the pages on SITE_URL whatever host
the request came through, like the sections' addresses.
"""

from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.template.response import TemplateResponse
from django.urls import reverse

from blogcraft.site import absolute_url


@x_robots_tag
def sitemap_index(request, sitemaps, section_url_name):
    """List every page of every section in sitemaps ({name: Sitemap class})."""
    entries = []
    for section, sitemap_class in sitemaps.items():
        location = absolute_url(reverse(section_url_name, kwargs={"section": section}))
        entries.append(SitemapIndexItem(location))
        pages = sitemap_class().paginator.num_pages
        entries.extend(
            SitemapIndexItem(f"{location}?p={page}") for page in range(2, pages + 1)
        )
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
    )
