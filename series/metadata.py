"""Structured data (schema.org JSON-LD) for series pages."""

from django.conf import settings
from django.urls import reverse

from blogcraft.site import absolute_url
from posts.metadata import breadcrumbs
from posts.timestamps import machine_time


def series_image_url(series):
    """The picture for link previews of a series: its cover, if it has one."""
    return absolute_url(series.cover_image.url) if series.cover_image else None


def part_data(part):
    """A part as a BlogPosting; its position is the number readers see, and a
    labelled part ("Bonus") has none."""
    data = {
        "@type": "BlogPosting",
        "headline": part.post.title,
        "url": absolute_url(part.post.get_absolute_url()),
        "datePublished": machine_time(part.post.published_at),
    }
    if part.number is not None:
        data["position"] = part.number
    return data


def series_structured_data(series, parts):
    """Return the JSON-LD objects of a series page: the series and its breadcrumbs.

    parts: the series' PublicOrder (series.numbering).
    """
    series_url = series.get_absolute_url()
    work = {
        "@context": "https://schema.org",
        "@type": "CreativeWorkSeries",
        "name": series.title,
        "description": series.description,
        "url": absolute_url(series_url),
        "hasPart": [part_data(part) for part in parts],
    }
    trail = [
        (settings.SITE_NAME, reverse("home")),
        ("Series", reverse("series:list")),
        (series.title, series_url),
    ]
    return [work, breadcrumbs(*trail)]
