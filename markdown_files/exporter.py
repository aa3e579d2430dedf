"""
Write every post as a Markdown file with YAML front matter, with its images.

    DIR/series.yaml                 every series: slug, title, description, status
    DIR/posts/<slug>.md             front matter, then the Markdown body unchanged
                                    (its id, and its old addresses as redirect_from)
    DIR/media/<storage name>        hero images, covers and images the bodies show

Image paths keep their storage names, so that an import finds the files the bodies
link to; it stores each image afresh (re-encoded, with renditions), under the same
name if it is free, so that exporting again writes the same files.
"""

import re
from pathlib import Path

import yaml
from django.conf import settings
from django.core.files.storage import default_storage

from blogcraft.reports import Report
from posts.models import Post
from series.models import Series

from .slug_history import REDIRECTS_NAME, old_addresses

POSTS_FOLDER = "posts"
MEDIA_FOLDER = "media"
# How an export's bodies link to DIR/media/, whatever the site's MEDIA_URL: a
# bucket's address does not travel to another site.
EXPORT_MEDIA_URL = f"/{MEDIA_FOLDER}/"
SERIES_FILE = "series.yaml"


def isoformat(moment):
    return moment.isoformat() if moment else None


def post_front_matter(post):
    data = {
        "title": post.title,
        "slug": post.slug,
        # An import matches the file to this post by it, even once the slug changed.
        "id": post.pk,
        "description": post.description,
        "status": post.status,
        "published": isoformat(post.published_at),
        "updated": isoformat(post.updated_at),
        "update_note": post.update_note or None,
        "reading_minutes": post.reading_minutes_given,
        "category": post.category.name if post.category else None,
        "tags": sorted(tag.name for tag in post.tags.all()),
        "hero_image": f"{MEDIA_FOLDER}/{post.hero_image.name}"
        if post.hero_image
        else None,
        "hero_image_alt": post.hero_image_alt or None,
        REDIRECTS_NAME: old_addresses(post),
    }
    part = getattr(post, "series_part", None)
    if part is not None:
        data["series"] = {"slug": part.series.slug, "position": part.position}
        if part.label:
            data["series"]["label"] = part.label
    return {name: value for name, value in data.items() if value not in (None, [])}


def dump_yaml(data):
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def markdown_file(front_matter, body):
    return f"---\n{dump_yaml(front_matter)}---\n{body}"


def media_links(prefix=None):
    """Return the prefix of the site's media URLs (or the given prefix), and a
    pattern capturing the storage names after it."""
    if prefix is None:
        url = settings.MEDIA_URL
        # A bucket's or CDN's address as it is; a path of the site from its root.
        prefix = url if "://" in url else "/" + url.strip("/") + "/"
    return prefix, re.compile(re.escape(prefix) + r"([\w.\-/]+)")


def media_names_in(body, prefix=None):
    """Storage names of the media a Markdown body links to under prefix (the
    site's media URL unless given)."""
    _, pattern = media_links(prefix)
    return {match.group(1) for match in pattern.finditer(body)}


def with_media_renamed(body, new_names):
    """Return an exported body with its links to the export's stored media (old
    name: new name in storage) made links to the site's media. A link to an
    image that was left out stays as written."""
    prefix, _ = media_links()
    _, pattern = media_links(EXPORT_MEDIA_URL)

    def relinked(match):
        name = match.group(1)
        return prefix + new_names[name] if name in new_names else match.group(0)

    return pattern.sub(relinked, body)


def with_export_links(body):
    """Return the body with its links to the site's media written as the export's
    /media/ links, whichever storage the site keeps them in."""
    _, pattern = media_links()
    return pattern.sub(lambda match: EXPORT_MEDIA_URL + match.group(1), body)


def copy_media(name, directory):
    """Copy a stored file into DIR/media/; say whether it existed to copy."""
    # A body may name any path after /media/: only a relative one, staying in the
    # media folder, can be a stored file (and be written within DIR/media/).
    if not name or name.startswith("/") or ".." in Path(name).parts:
        return False
    if not default_storage.exists(name):
        return False
    target = directory / MEDIA_FOLDER / name
    target.parent.mkdir(parents=True, exist_ok=True)
    with default_storage.open(name, "rb") as source:
        target.write_bytes(source.read())
    return True


def export_series(directory):
    entries = []
    for series in Series.objects.all():
        entry = {
            "slug": series.slug,
            "title": series.title,
            "description": series.description,
            "status": series.status,
        }
        if series.cover_image and copy_media(series.cover_image.name, directory):
            entry["cover_image"] = f"{MEDIA_FOLDER}/{series.cover_image.name}"
            entry["cover_image_alt"] = series.cover_image_alt
        if old := old_addresses(series):
            entry[REDIRECTS_NAME] = old
        entries.append(entry)
    (directory / SERIES_FILE).write_text(dump_yaml(entries), encoding="utf-8")
    return len(entries)


def export_post(post, directory):
    """Write the post's file and copy its images; return the file's path and a
    note naming the images that could not be copied."""
    missing = []
    names = set(media_names_in(post.body))
    if post.hero_image:
        names.add(post.hero_image.name)
    for name in sorted(names):
        if not copy_media(name, directory):
            missing.append(name)
    path = directory / POSTS_FOLDER / f"{post.slug}.md"
    # newline="": the body's own line endings are written exactly as stored.
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(markdown_file(post_front_matter(post), with_export_links(post.body)))
    reason = f"images not found in storage: {', '.join(missing)}" if missing else ""
    return path, reason


def export_markdown(directory, report=None):
    """Write every post and series under directory; return a per-file report
    (report, if given, is the one to fill)."""
    directory = Path(directory)
    (directory / POSTS_FOLDER).mkdir(parents=True, exist_ok=True)
    report = Report() if report is None else report
    posts = Post.objects.for_list().order_by("slug")
    report.expect(1 + posts.count())
    count = export_series(directory)
    report.add("exported", SERIES_FILE, f"{count} series")
    for post in posts:
        path, reason = export_post(post, directory)
        report.add(
            "exported", path.relative_to(directory), reason, incomplete=bool(reason)
        )
    return report
