"""
Import Markdown files with YAML front matter as posts, one file at a time.

Reads Blogcraft's export (see `exporter`) and the content folders of Astro and Hugo
sites (`pubDate`/`date`, `updatedDate`/`lastmod`, `heroImage`, `draft`, `tags`). Each
file is imported whole or not at all (its own transaction; the images it stored are
removed again if it fails), and the report has exactly one line for it (see
`outcomes` for what each word means). No input stops the import of the next file. A
post whose slug exists is left alone.

Images go through the editor's upload pipeline and are stored under new names; the
body's links to them are rewritten. An image that is refused is left out and named on
its file's line, and the post is imported without it.
"""

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify

from posts.feed_import import plain_text
from posts.forms import TAG_NAME_MAX_LENGTH
from posts.models import Category, Post
from posts.rendering import render_markdown
from posts.reports import Report

from ..models import Series, SeriesPart
from . import values
from .deadline import Deadline
from .exporter import (
    MEDIA_FOLDER,
    SERIES_FILE,
    media_links,
    media_names_in,
    with_media_renamed,
)
from .files import read_text
from .frontmatter import read_markdown
from .images import ImageRefused, ImageStore, find_image, media_file
from .outcomes import outcome_of
from .series_file import import_series_file

MARKDOWN_SUFFIXES = {".md", ".markdown"}
IGNORED_FOLDERS = {MEDIA_FOLDER, "node_modules", ".git"}
DESCRIPTION_MAX_CHARS = Post._meta.get_field("description").max_length


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
                f"not {values.shown(status)}."
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
    hero_reference: str = ""
    hero_source: Path | None = None
    hero_alt: str = ""
    media: dict = field(default_factory=dict)  # name in the body: file in the export
    notes: list = field(default_factory=list)


def hero_image_for(front_matter, path, root, post_file):
    reference = values.text(front_matter, "hero_image", "heroImage", "image")
    if not reference:
        return
    alt = values.text(front_matter, "hero_image_alt", "heroImageAlt", "heroAlt")
    if "://" in reference:
        post_file.notes.append(f"hero image {reference} is remote: not fetched")
    elif not alt.strip():
        post_file.notes.append("hero image has no alt text: left out")
    else:
        try:
            post_file.hero_source = find_image(reference, path, root)
        except ImageRefused as refusal:
            post_file.notes.append(hero_image_note(reference, refusal))
        post_file.hero_reference, post_file.hero_alt = reference, alt


def hero_image_note(reference, reason):
    return f"hero image {reference} left out: {reason}"


def body_image_note(name, reason):
    prefix, _ = media_links()
    return f"image {prefix}{name} left out, its link in the body is broken: {reason}"


def body_images_for(body, root, post_file):
    for name in sorted(media_names_in(body)):
        try:
            post_file.media[name] = media_file(name, root)
        except ImageRefused as refusal:
            post_file.notes.append(body_image_note(name, refusal))


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
    front_matter, body = read_markdown(read_text(path, root))
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
    body_images_for(body, root, post_file)
    return post_file


def store_images(post_file, images):
    """Store the file's images afresh; point the body and the hero at them."""
    post = post_file.post
    new_names = {}
    for name, source in post_file.media.items():
        try:
            new_names[name] = images.store_body_image(source)
        except ImageRefused as refusal:
            post_file.notes.append(body_image_note(name, refusal))
    post.body = with_media_renamed(post.body, new_names)
    if post_file.hero_source is not None:
        year = (post.published_at or timezone.now()).year
        try:
            post.hero_image = images.store_whole(
                post_file.hero_source, f"heroes/{year}"
            )
        except ImageRefused as refusal:
            post_file.notes.append(hero_image_note(post_file.hero_reference, refusal))
        else:
            post.hero_image_alt = post_file.hero_alt


def save_post_file(post_file):
    """Save the post with its filing; raise ValidationError if it is invalid."""
    post = post_file.post
    if post_file.category_name:
        post.category, _ = Category.objects.get_or_create(
            slug=slugify(post_file.category_name)[:60] or "uncategorised",
            defaults={"name": post_file.category_name[:60]},
        )
    # Rendered first: a body past the deadline is refused as such (RenderTimeout),
    # not reported as an invalid field.
    post.render()
    post.full_clean()
    post.save()
    post.tags.set(post_file.tag_names)
    if post_file.series:
        series = Series.objects.filter(slug=post_file.series["slug"]).first()
        if series is None:
            raise ValidationError(
                f"The series {values.shown(post_file.series['slug'])} is not known: "
                f"add it to {SERIES_FILE} or create it first."
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
    deadline = Deadline()
    images = ImageStore(deadline, dry_run=dry_run)
    try:
        post_file = read_post_file(path, root)
        if Post.objects.filter(slug=post_file.post.slug).exists():
            return "exists", f"a post with the slug {post_file.post.slug!r} exists"
        # Before the transaction: re-encoding images takes seconds, and SQLite's
        # IMMEDIATE transactions keep other writers waiting while they last.
        store_images(post_file, images)
        deadline.check()
        with transaction.atomic():
            save_post_file(post_file)
    except Exception as error:
        images.remove()
        return outcome_of(error, path)
    outcome = "would create" if dry_run else "created"
    return outcome, "; ".join(post_file.notes)


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
