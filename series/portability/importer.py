"""
Import Markdown files with YAML front matter as posts, one file at a time.

Reads Blogcraft's export (see `exporter`) and the content folders of Astro and Hugo
sites (`pubDate`/`date`, `updatedDate`/`lastmod`, `heroImage`, `draft`, `tags`). Each
file is imported in its own transaction, images included, or not at all, and the
report says for each what happened and why. A post whose slug exists is left alone.
"""

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify

from posts.feed_import import plain_text, validation_message
from posts.forms import TAG_NAME_MAX_LENGTH
from posts.models import Category, Post
from posts.rendering import render_markdown
from posts.reports import Report

from ..models import Series, SeriesPart
from . import values
from .exporter import MEDIA_FOLDER, SERIES_FILE, media_names_in
from .frontmatter import MAX_FRONT_MATTER_CHARS, FrontMatterError, read_markdown
from .images import ImageCopies, find_image, is_image, media_file, storage_name

MARKDOWN_SUFFIXES = {".md", ".markdown"}
IGNORED_FOLDERS = {MEDIA_FOLDER, "node_modules", ".git"}
DESCRIPTION_MAX_CHARS = Post._meta.get_field("description").max_length


class FileRefused(Exception):
    """The file cannot become a post; the message says why."""


def max_file_bytes():
    # The longest body a post may have, in UTF-8's widest case, and its front matter.
    return settings.BLOGCRAFT_BODY_MAX_CHARS * 4 + MAX_FRONT_MATTER_CHARS


def read_text(path):
    size = path.stat().st_size
    if size > max_file_bytes():
        raise FileRefused(f"The file is larger than {max_file_bytes():,} bytes.")
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            f"The file is not UTF-8 text (byte {error.start}): save it as UTF-8."
        ) from None


def slug_for(front_matter, path):
    slug = values.text(front_matter, "slug")
    if not slug:
        # Hugo page bundles and Astro folders keep the post in <slug>/index.md.
        slug = path.parent.name if path.stem in {"index", "_index"} else path.stem
    return slugify(slug)


def status_for(front_matter, published_at):
    status = values.text(front_matter, "status")
    if status:
        if status not in Post.Status.values:
            raise values.ValueRefused(
                f"status must be one of {', '.join(Post.Status.values)}, "
                f"not {status!r}."
            )
        return status
    draft = values.flag(front_matter, "draft")
    if draft or (draft is None and published_at is None):
        return Post.Status.DRAFT
    return Post.Status.PUBLISHED


def description_for(front_matter, body):
    description = values.text(front_matter, "description", "summary")
    if not description:
        # Hugo and Astro may leave it out: open with the body's first words.
        text = plain_text(render_markdown(body).html)
        description = Truncator(text).chars(DESCRIPTION_MAX_CHARS)
    return description


@dataclass
class PostFile:
    """Everything one file says, checked, before anything is saved."""

    post: Post
    tag_names: list
    category_name: str
    series: dict | None
    hero_source: Path | None = None
    media: list = field(default_factory=list)  # (source path, storage name)
    notes: list = field(default_factory=list)


def hero_image_for(front_matter, path, root, post_file):
    reference = values.text(front_matter, "hero_image", "heroImage", "image")
    if not reference:
        return
    alt = values.text(front_matter, "hero_image_alt", "heroImageAlt", "heroAlt")
    source = None
    if "://" in reference:
        post_file.notes.append(f"hero image {reference} is remote: not fetched")
    elif not alt.strip():
        post_file.notes.append("hero image has no alt text: left out")
    elif (source := find_image(reference, path, root)) is None:
        post_file.notes.append(f"hero image {reference} not found: left out")
    elif not is_image(source):
        post_file.notes.append(f"hero image {reference} is not an image: left out")
        source = None
    if source is not None:
        post_file.hero_source = source
        post_file.post.hero_image_alt = alt


def series_for(front_matter):
    series = values.mapping(front_matter, "series")
    if series is None:
        return None
    return {
        "slug": values.text(series, "slug"),
        "position": values.positive_integer(series, "position"),
        "label": values.text(series, "label"),
    }


def read_post_file(path, root):
    front_matter, body = read_markdown(read_text(path))
    title = values.text(front_matter, "title")
    if not title.strip():
        raise values.ValueRefused("title is missing.")
    published_at = values.moment(
        front_matter, "published", "pubDate", "date", "publishDate"
    )
    post = Post(
        title=title,
        slug=slug_for(front_matter, path),
        description=description_for(front_matter, body),
        body=body,
        status=status_for(front_matter, published_at),
        published_at=published_at,
        updated_at=values.moment(front_matter, "updated", "updatedDate", "lastmod"),
        update_note=values.text(front_matter, "update_note"),
    )
    tag_names = values.names(front_matter, "tags")
    for name in tag_names:
        if len(name) > TAG_NAME_MAX_LENGTH:
            raise values.ValueRefused(
                f"The tag {name[:20]!r}… is longer than {TAG_NAME_MAX_LENGTH} "
                "characters."
            )
    categories = values.names(front_matter, "category", "categories")
    post_file = PostFile(
        post=post,
        tag_names=sorted(set(tag_names)),
        category_name=categories[0] if categories else "",
        series=series_for(front_matter),
    )
    hero_image_for(front_matter, path, root, post_file)
    for name in sorted(media_names_in(body)):
        if (source := media_file(name, root)) is not None:
            post_file.media.append((source, name))
    return post_file


def save_post_file(post_file, root, images):
    """Save the post with its filing and images; raise ValidationError if invalid."""
    post = post_file.post
    for source, name in post_file.media:
        images.copy(source, name, keep_existing=True)
    if post_file.hero_source is not None:
        year = (post.published_at or timezone.now()).year
        name = storage_name(post_file.hero_source, root, f"heroes/{year}")
        post.hero_image = images.copy(post_file.hero_source, name, keep_existing=True)
    if post_file.category_name:
        post.category, _ = Category.objects.get_or_create(
            slug=slugify(post_file.category_name)[:60] or "uncategorised",
            defaults={"name": post_file.category_name[:60]},
        )
    post.full_clean()
    post.save()
    post.tags.set(post_file.tag_names)
    if post_file.series:
        series = Series.objects.filter(slug=post_file.series["slug"]).first()
        if series is None:
            raise ValidationError(
                f"The series {post_file.series['slug']!r} is not known: add it to "
                f"{SERIES_FILE} or create it first."
            )
        part = SeriesPart(
            series=series,
            post=post,
            position=post_file.series["position"],
            label=post_file.series["label"],
        )
        part.full_clean()
        part.save()


def import_post_file(path, root, dry_run):
    """Import one file in its own transaction; return (outcome, reason)."""
    try:
        post_file = read_post_file(path, root)
    except (OSError, FileRefused, FrontMatterError, values.ValueRefused) as error:
        return "skipped", str(error)
    if Post.objects.filter(slug=post_file.post.slug).exists():
        return "exists", f"a post with the slug {post_file.post.slug!r} exists"
    images = ImageCopies(dry_run=dry_run)
    try:
        with transaction.atomic():
            save_post_file(post_file, root, images)
    except ValidationError as error:
        images.remove()
        return "skipped", message_of(error)
    except (DatabaseError, OSError) as error:
        images.remove()
        return "skipped", f"could not be saved: {error}"
    outcome = "would create" if dry_run else "created"
    return outcome, "; ".join(post_file.notes)


def message_of(error):
    if hasattr(error, "error_dict"):
        return validation_message(error)
    return " ".join(error.messages)


def import_series_file(root, report, dry_run):
    path = root / SERIES_FILE
    if not path.is_file():
        return
    try:
        entries = yaml.safe_load(read_text(path)) or []
        if not isinstance(entries, list):
            raise FileRefused(f"{SERIES_FILE} must be a list of series.")
    except (OSError, FileRefused, yaml.YAMLError, ValueError) as error:
        report.add("skipped", SERIES_FILE, str(error))
        return
    for index, entry in enumerate(entries, 1):
        label = f"{SERIES_FILE} #{index}"
        try:
            if not isinstance(entry, dict):
                raise values.ValueRefused("each series must be a mapping.")
            series = Series(
                slug=values.text(entry, "slug"),
                title=values.text(entry, "title"),
                description=values.text(entry, "description"),
                status=values.text(entry, "status", default=Series.Status.IN_PROGRESS),
            )
            label = f"{SERIES_FILE} {series.slug}"
            if Series.objects.filter(slug=series.slug).exists():
                report.add("exists", label)
                continue
            images = ImageCopies(dry_run=dry_run)
            cover = values.text(entry, "cover_image").removeprefix(f"{MEDIA_FOLDER}/")
            source = media_file(cover, root) if cover else None
            if source is not None and is_image(source):
                series.cover_image_alt = values.text(entry, "cover_image_alt")
                series.cover_image = images.copy(source, cover, keep_existing=True)
            with transaction.atomic():
                series.full_clean()
                series.save()
        except values.ValueRefused as error:
            report.add("skipped", label, str(error))
        except (ValidationError, DatabaseError) as error:
            images.remove()
            reason = message_of(error) if isinstance(error, ValidationError) else error
            report.add("skipped", label, str(reason))
        else:
            report.add("would create" if dry_run else "created", label)


def markdown_files(root):
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if IGNORED_FOLDERS.intersection(relative.parts[:-1]):
            continue
        if path.suffix.lower() in MARKDOWN_SUFFIXES and path.is_file():
            yield path, relative


def import_markdown(directory, dry_run=False):
    """Import the series and posts under directory; return a per-file report.

    A dry run goes through every step, database checks included, in a
    transaction that is rolled back, and stores no image.
    """
    root = Path(directory).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"{directory} is not a folder.")
    report = Report()
    # Only a dry run needs the outer transaction: each file has its own.
    with transaction.atomic() if dry_run else contextlib.nullcontext():
        import_series_file(root, report, dry_run)
        for path, relative in markdown_files(root):
            if path.name == "_index.md":
                report.add("skipped", relative, "a Hugo section page, not a post")
                continue
            outcome, reason = import_post_file(path, root, dry_run)
            report.add(outcome, relative, reason)
        if dry_run:
            transaction.set_rollback(True)
    return report
