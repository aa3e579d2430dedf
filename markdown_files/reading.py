"""
Read one Markdown or MDX file into what its post will be, checked, saving nothing.

Reads Blogcraft's export (see `exporter`) and the content folders of Astro and Hugo
sites (`pubDate`/`date`, `updatedDate`/`lastmod`, `heroImage`/`image`/`images`,
`draft`, `tags`, `aliases`). Every image the file names is found here, within the
import's folders; what cannot be found becomes a note, and its link is left as it is.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.storage import default_storage
from django.utils.text import Truncator, slugify

from posts.feed_import import plain_text
from posts.forms import TAG_NAME_MAX_LENGTH
from posts.limits import DESCRIPTION_MAX_CHARS
from posts.models import Post
from posts.rendering import render_markdown

from . import values
from .body_links import local_images
from .exporter import EXPORT_MEDIA_URL, MEDIA_FOLDER, media_names_in
from .files import read_text
from .frontmatter import read_markdown
from .images import ImageRefused, find_image, media_file, project_name
from .mdx import convert_mdx
from .slug_history import old_slugs

HERO_IMAGE_NAMES = ("hero_image", "heroImage", "image", "images", "cover_image")
# Ours, then what Astro's reading-time recipes and Hugo's front matter call it.
READING_MINUTES_NAMES = ("reading_minutes", "minutesRead", "readingTime")
HERO_ALT_NAMES = ("hero_image_alt", "heroImageAlt", "heroAlt", "imageAlt", "image_alt")


@dataclass
class PostFile:
    """Everything one file says, checked, before anything is saved."""

    post: Post
    tag_names: list
    category_name: str
    series: dict | None
    post_id: int | None = None
    hero_reference: str = ""
    hero_source: Path | None = None
    hero_name: str = ""  # the name the hero image had in an export
    hero_stored: str = ""  # that name, when storage has it already
    hero_alt: str = ""
    media: dict = field(default_factory=dict)  # name in the body: file in the export
    stored_media: set = field(default_factory=set)  # names storage has already
    local: dict = field(default_factory=dict)  # link in the body: file in the site
    old_slugs: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # what was left out or changed
    changed: list = field(default_factory=list)  # fields an update changed
    converted: list = field(default_factory=list)  # MDX components now Blogcraft's

    def reason(self):
        changed = [f"changed {', '.join(self.changed)}"] if self.changed else []
        return "; ".join(changed + self.notes + self.converted)


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


def hero_reference_of(front_matter):
    """Return the hero image a file names; Hugo's `images:` lists it first."""
    name, value = values.first_present(front_matter, HERO_IMAGE_NAMES)
    if isinstance(value, list):
        value = value[0] if value else None
    return values.text({name: value}, name)


def hero_image_for(front_matter, path, folder, post_file):
    reference = hero_reference_of(front_matter)
    if not reference:
        return
    post_file.hero_reference = reference
    alt = values.text(front_matter, *HERO_ALT_NAMES).strip()
    if "://" in reference:
        post_file.notes.append(f"hero image {reference} is remote: not fetched")
        return
    if not alt:
        # Astro's template has no field for it; the title says what the post is.
        alt = post_file.post.title
        post_file.notes.append("hero image has no alt text: the title is used")
    post_file.hero_alt = alt
    exported = reference.removeprefix(f"{MEDIA_FOLDER}/")
    post_file.hero_name = project_name(exported) if exported != reference else ""
    if post_file.hero_name and default_storage.exists(post_file.hero_name):
        post_file.hero_stored = post_file.hero_name  # the file need not be read
        return
    try:
        post_file.hero_source = find_image(reference, path, folder)
    except ImageRefused as refusal:
        post_file.notes.append(hero_image_note(reference, refusal))


def hero_image_note(reference, reason):
    return f"hero image {reference} left out: {reason}"


def body_image_note(name, reason):
    return (
        f"image {EXPORT_MEDIA_URL}{name} left out, its link in the body is broken: "
        f"{reason}"
    )


def local_image_note(link, reason):
    return f"image {link} left out, its link in the body is broken: {reason}"


def body_images_for(body, path, folder, post_file):
    for name in sorted(media_names_in(body, EXPORT_MEDIA_URL)):
        if project_name(name) and default_storage.exists(name):
            post_file.stored_media.add(name)  # stored already, under this name
            continue
        try:
            post_file.media[name] = media_file(name, folder.root)
        except ImageRefused as refusal:
            post_file.notes.append(body_image_note(name, refusal))
    for link, file_path in sorted(local_images(body).items()):
        try:
            post_file.local[link] = find_image(file_path, path, folder)
        except ImageRefused as refusal:
            post_file.notes.append(local_image_note(link, refusal))


def series_for(front_matter):
    series = values.mapping(front_matter, "series")
    if series is None:
        return None
    return {
        "slug": values.text(series, "slug"),
        "position": values.positive_integer(series, "position"),
        "label": values.text(series, "label"),
    }


def id_for(front_matter, notes):
    """Return the post id an export wrote, or None.

    Other sites use `id` for their own things; such a value is not an error, only
    not a post's id, and the file is matched by its slug instead.
    """
    value = front_matter.get("id")
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    notes.append(f"id {values.shown(value)} is not a post's id: matched by slug")
    return None


def read_post_file(path, folder):
    """Return the PostFile of the file at path, in the import's folder."""
    front_matter, body = read_markdown(read_text(path, folder.root))
    notes, converted = [], []
    if path.suffix.lower() == ".mdx":
        body, notes, converted = convert_mdx(body)
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
        reading_minutes_given=values.optional_positive_integer(
            front_matter, *READING_MINUTES_NAMES
        ),
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
        post_id=id_for(front_matter, notes),
        old_slugs=old_slugs(front_matter),
        notes=notes,
        converted=converted,
    )
    hero_image_for(front_matter, path, folder, post_file)
    body_images_for(body, path, folder, post_file)
    return post_file
