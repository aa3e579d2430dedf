"""Read the site's sitemaps as a search engine does: the index, then each page."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ElementTree.fromstring(response.content)


def index_locations(client):
    """The addresses of the sitemaps that /sitemap.xml lists."""
    root = parsed(client, "/sitemap.xml")
    assert root.tag == f"{SITEMAP}sitemapindex"
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def sitemap_urls(client):
    """Every <url> element of every sitemap the index lists, in order."""
    urls = []
    for location in index_locations(client):
        address = urlsplit(location)
        path = address.path + (f"?{address.query}" if address.query else "")
        urls.extend(parsed(client, path).iter(f"{SITEMAP}url"))
    return urls


def sitemap_locations(client):
    return [url.find(f"{SITEMAP}loc").text for url in sitemap_urls(client)]
