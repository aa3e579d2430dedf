"""Absolute URLs on the site's public address."""

from blogcraft.site import absolute_url


def test_a_path_is_made_absolute_on_the_site_url(settings):
    settings.SITE_URL = "https://blog.example.org"
    assert absolute_url("/blog/hello/") == "https://blog.example.org/blog/hello/"


def test_a_media_url_on_a_bucket_or_cdn_is_kept_as_it_is(settings):
    settings.SITE_URL = "https://blog.example.org"
    url = "https://media.example.org/share/0123.png"
    assert absolute_url(url) == url
