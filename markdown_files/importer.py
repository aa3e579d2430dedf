"""
Import Markdown and MDX files with YAML front matter as posts, one file at a time.

Each file is imported whole or not at all (its own transaction; the images it stored
are removed again if it fails), and the report has exactly one line for it (see
`outcomes` for what each word means). No input stops the import of the next file.

A file is matched to a post by the `id` an export writes, else by its slug. A post
that exists is skipped, with a hint, unless `update` is given: then the file is
applied to it, and the line names the fields that changed.

Images go through the editor's upload pipeline, renditions included, and the body's
links point to what was stored (see `reading` for where they are found). An image
that is refused or missing is left out and named on its file's line, which is then
a warning; the post is imported without it.
"""

import contextlib
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from blogcraft.reports import Report
from posts.models import POST_TEXT_FIELDS, Category, Post
from posts.uploads import UPLOAD_FOLDER
from series.models import Series, SeriesPart

from . import slug_history, values
from .body_links import with_links_replaced
from .changes import changed_fields, editable_state
from .deadline import Deadline
from .exporter import MEDIA_FOLDER, SERIES_FILE, media_links, with_media_renamed
from .images import ImageRefused, ImageStore, ImportFolder, content_name, project_name
from .outcomes import outcome_of
from .reading import (
    body_image_note,
    hero_image_note,
    local_image_note,
    read_post_file,
)
from .series_file import import_series_file

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdx"}
IGNORED_FOLDERS = {MEDIA_FOLDER, "node_modules", ".git"}
# Copied from a file onto the post it updates; the rest is filed by save_post_file.
COPIED_FIELDS = POST_TEXT_FIELDS


@dataclass
class ImportOptions:
    dry_run: bool = False
    update: bool = False


def store_images(post_file, images):
    """Store the file's images; point the body and the hero at what was stored."""
    post = post_file.post
    new_names = {name: name for name in post_file.stored_media}
    for name, source in post_file.media.items():
        try:
            new_names[name] = images.store_body_image(source, project_name(name))
        except ImageRefused as refusal:
            post_file.notes.append(body_image_note(name, refusal))
    post.body = with_media_renamed(post.body, new_names)
    prefix, _ = media_links()
    new_urls = {}
    for link, source in post_file.local.items():
        try:
            name = content_name(source, UPLOAD_FOLDER)
            new_urls[link] = prefix + images.store_body_image(source, name)
        except ImageRefused as refusal:
            post_file.notes.append(local_image_note(link, refusal))
    post.body = with_links_replaced(post.body, new_urls)
    store_hero_image(post_file, images)


def store_hero_image(post_file, images):
    post = post_file.post
    if post_file.hero_stored:
        post.hero_image, post.hero_image_alt = post_file.hero_stored, post_file.hero_alt
        return
    if post_file.hero_source is None:
        return
    year = (post.published_at or timezone.now()).year
    name = post_file.hero_name or content_name(post_file.hero_source, f"heroes/{year}")
    try:
        post.hero_image = images.store_whole(
            post_file.hero_source, f"heroes/{year}", name
        )
    except ImageRefused as refusal:
        post_file.notes.append(hero_image_note(post_file.hero_reference, refusal))
    else:
        post.hero_image_alt = post_file.hero_alt


def file_post(post_file):
    """File the saved post: category, tags, series, old addresses."""
    post = post_file.post
    post.tags.set(post_file.tag_names)
    if post_file.series:
        file_in_series(post, post_file.series)
    post_file.notes.extend(slug_history.restore(post, post_file.old_slugs))


def file_in_series(post, wanted):
    series = Series.objects.filter(slug=wanted["slug"]).first()
    if series is None:
        raise ValidationError(
            f"The series {values.shown(wanted['slug'])} is not known: "
            f"add it to {SERIES_FILE} or create it first."
        )
    part = SeriesPart.objects.filter(post=post).first() or SeriesPart(post=post)
    part.series, part.position, part.label = (
        series,
        wanted["position"],
        wanted["label"],
    )
    part.full_clean()
    part.save()


def save_post_file(post_file):
    """Save the post with its filing; raise ValidationError if it is invalid."""
    post = post_file.post
    post.category = None
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
    file_post(post_file)


def existing_post(post_file):
    """Return the post the file is about: by the id it carries, else by slug."""
    if post_file.post_id is not None:
        post = Post.objects.filter(pk=post_file.post_id).first()
        if post is not None:
            return post
    return Post.objects.filter(slug=post_file.post.slug).first()


def apply_to(existing, post_file):
    """Make the file's post the existing one, with the file's values."""
    for name in COPIED_FIELDS:
        setattr(existing, name, getattr(post_file.post, name))
    if not post_file.hero_reference:
        existing.hero_image, existing.hero_image_alt = "", ""
    elif post_file.post.hero_image:
        existing.hero_image = post_file.post.hero_image.name
        existing.hero_image_alt = post_file.post.hero_image_alt
    # else: the file's hero image was refused, and the post keeps the one it has.
    post_file.post = existing


def new_post_id(post_file):
    """Keep the id an export carries, if no post has it, so links by id survive."""
    given = post_file.post_id
    if given is None or Post.objects.filter(pk=given).exists():
        return False
    post_file.post.pk = given
    return True


def import_post_file(path, folder, options):
    """Import one file in its own transaction; return its Line's fields."""
    deadline = Deadline()
    images = ImageStore(deadline, dry_run=options.dry_run)
    try:
        post_file = read_post_file(path, folder)
        existing = existing_post(post_file)
        if existing is not None and not options.update:
            return {
                "outcome": "skipped",
                "reason": f"a post with the slug {existing.slug!r} exists: run the "
                "import with --update to apply this file to it",
            }
        # Before the transaction: re-encoding images takes seconds, and SQLite's
        # IMMEDIATE transactions keep other writers waiting while they last.
        store_images(post_file, images)
        deadline.check()
        if existing is None:
            outcome = create(post_file, options)
        else:
            outcome = update(existing, post_file, options)
    except Exception as error:
        images.remove()
        outcome, reason = outcome_of(error, path)
        return {"outcome": outcome, "reason": reason}
    return {
        "outcome": outcome,
        "reason": post_file.reason(),
        "incomplete": bool(post_file.notes),
    }


def create(post_file, options):
    with transaction.atomic():
        given_id = new_post_id(post_file)
        save_post_file(post_file)
        if given_id:
            # The id was given, not drawn: PostgreSQL's sequence must pass it.
            reset_post_ids()
    return "would create" if options.dry_run else "created"


def update(existing, post_file, options):
    """Apply the file to existing; return the outcome, naming what changed."""
    with transaction.atomic():
        before = editable_state(existing)
        apply_to(existing, post_file)
        save_post_file(post_file)
        changed = changed_fields(before, editable_state(existing))
        if not changed:
            # Nothing to keep, not even a revision saying nothing changed.
            transaction.set_rollback(True)
    if not changed:
        return "unchanged"
    post_file.changed = changed
    return "would update" if options.dry_run else "updated"


def reset_post_ids():
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Post]):
            cursor.execute(statement)


def markdown_files(root):
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if IGNORED_FOLDERS.intersection(relative.parts[:-1]):
            continue
        if path.suffix.lower() in MARKDOWN_SUFFIXES and path.is_file():
            yield path, relative


def import_markdown(
    directory, dry_run=False, update=False, public_dir=None, report=None
):
    """Import the series and posts under directory; return a per-file report.

    update applies files to the posts they match; public_dir is where "/name.jpg"
    images are found (else in public/ or static/, see `images.ImportFolder`). A dry
    run goes through every step, database checks included, in a transaction that
    is rolled back, and stores no image. report, if given, is the one to fill.
    """
    root = Path(directory).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"{directory} is not a folder.")
    folder = ImportFolder.at(root, public_dir)
    options = ImportOptions(dry_run=dry_run, update=update)
    report = Report() if report is None else report
    files = list(markdown_files(root))
    report.expect(len(files))
    # Only a dry run needs the outer transaction: each file has its own.
    with transaction.atomic() if dry_run else contextlib.nullcontext():
        import_series_file(root, report, dry_run)
        for path, relative in files:
            if path.name == "_index.md":
                report.add("skipped", relative, "a Hugo section page, not a post")
                continue
            report.add(subject=relative, **import_post_file(path, folder, options))
        if dry_run:
            transaction.set_rollback(True)
    return report
