"""Structured data (schema.org JSON-LD) and share images for post pages."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse

from blogcraft.site import absolute_url

from .timestamps import machine_time


def post_image_url(post):
    """The picture for link previews: the hero image, or the drawn share card."""
    if post.hero_image:
        return absolute_url(post.hero_image.url)
    if post.share_image:
        return absolute_url(default_storage.url(post.share_image))
    return None


def person(author):
    """A schema.org Person for an author."""
    data = {"@type": "Person", "name": author.name}
    url = author.link()
    if url:
        data["url"] = url
    if author.avatar:
        data["image"] = absolute_url(author.avatar.url)
    if author.bio:
        data["description"] = author.bio
    return data


def breadcrumbs(*trail):
    """Return a BreadcrumbList for (name, path) pairs, home first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute_url(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def post_structured_data(post):
    """Return the JSON-LD objects of a post page: the article and its breadcrumbs."""
    url = absolute_url(post.get_absolute_url())
    published = post.published_at
    article = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": post.description,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": machine_time(published) or None,
        "dateModified": machine_time(post.last_changed() or post.modified_at),
        "author": [person(author) for author in post.credited_authors()],
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        "image": post_image_url(post),
        "keywords": [tag.name for tag in post.tags.all()],
        "wordCount": post.word_count,
    }
    trail = [(settings.SITE_NAME, reverse("home"))]
    part = getattr(post, "series_part", None)
    if part is not None:
        article.update(part.structured_data())
        trail.append((part.series.title, part.series.get_absolute_url()))
    trail.append((post.title, post.get_absolute_url()))
    return [article, breadcrumbs(*trail)]


def tag_social_meta(tag):
    """Return the link preview's title and description of a tag's page."""
    return {
        "og_title": f"#{tag.name}",
        "og_description": f"Posts tagged “{tag.name}” on {settings.SITE_NAME}.",
    }
