import logging
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField
from taggit.managers import TaggableManager
from taggit.models import NaturalKeyManager, TagBase, TaggedItemBase

from blogcraft.site import absolute_url

from .checks.findings import as_stored
from .checks.links import broken_link_findings
from .checks.metadata import metadata_findings
from .constraints import ConstraintErrorsOnFields
from .limits import DESCRIPTION_MAX_CHARS, TITLE_MAX_CHARS, check_body_length
from .normalisation import NormalisedTextModel, normalise_text_fields
from .rendering import RenderTimeout
from .rendering.images import responsive_image
from .rendering.stored import (
    STORED_FIELDS,
    body_digest,
    stored_fields,
    unrendered_fields,
)
from .rendering.text import reading_minutes as minutes_to_read
from .revisions import RevisedTagManager, revision_of_save
from .share_images import CARD_NOTES, ensure_share_image
from .slugs import readable_slug, slug_from_title
from .timestamps import now_to_the_second, to_the_second

logger = logging.getLogger(__name__)


class SlugHistory(NormalisedTextModel):
    """An address a post, series or tag had before its slug changed.

    Old links keep working: a request for an old slug is answered with a permanent
    redirect to the current one.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    slug = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "slug history"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "slug"], name="posts_slughistory_unique_slug"
            ),
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.slug}"

    @classmethod
    def remember(cls, instance):
        """Record instance's stored slug if the unsaved instance changes it.

        The slug the instance takes is current again: its history goes, so that an
        address never redirects to itself (A → B → A) nor to another object.
        """
        if instance.pk is None or not instance.slug:
            return
        manager = type(instance)._default_manager
        old_slug = manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
        if not old_slug or old_slug == instance.slug:
            return
        content_type = ContentType.objects.get_for_model(instance)
        cls.objects.filter(content_type=content_type, slug=instance.slug).delete()
        cls.objects.update_or_create(
            content_type=content_type,
            slug=old_slug,
            defaults={"object_id": instance.pk},
        )

    @classmethod
    def current(cls, model, slug):
        """Return the object of model that used to have slug, or None.

        None too when an object of model has that slug now: a current slug is
        answered by its own pages, whatever the history says.
        """
        if model._default_manager.filter(slug=slug).exists():
            return None
        history = cls.objects.filter(
            content_type=ContentType.objects.get_for_model(model), slug=slug
        ).first()
        if history is None:
            return None
        return model._default_manager.filter(pk=history.object_id).first()


class ShownOnItsPosts:
    """A model mixin for a tag, category or author: readers see it on its posts'
    pages and feed items, so changing what they see of it changes those posts
    (Post.content_changed_at)."""

    # The fields readers see, and how a Post reaches the model.
    shown_fields = ["name"]
    posts_lookup = ""

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._shown = instance.shown_values()
        return instance

    def shown_values(self):
        loaded = self.__dict__
        return {
            name: getattr(loaded[name], "name", loaded[name])
            for name in self.shown_fields
            if name in loaded
        }

    def save(self, *args, **kwargs):
        shown = getattr(self, "_shown", None)
        super().save(*args, **kwargs)
        if shown is None:
            return  # new: no post shows it yet
        current = self.shown_values()
        if any(shown[name] != current[name] for name in shown.keys() & current.keys()):
            now = now_to_the_second()
            Post.objects.filter(
                **{self.posts_lookup: self}, published_at__lte=now
            ).update(content_changed_at=now)
        self._shown = current


class CategoryQuerySet(models.QuerySet):
    """Categories as the public sees them: through their published posts."""

    def published(self):
        """Categories that at least one published post is filed under."""
        filed = Post.objects.published().filter(category=models.OuterRef("pk"))
        return self.filter(models.Exists(filed))

    def with_post_counts(self):
        """The published categories, each with its published posts' post_count."""
        published = live_through("posts")
        return self.annotate(post_count=models.Count("posts", filter=published)).filter(
            post_count__gt=0
        )


class Category(ShownOnItsPosts, NormalisedTextModel):
    name = models.CharField(
        max_length=60,
        unique=True,
        error_messages={"unique": "Another category already has this name."},
    )
    slug = models.SlugField(
        max_length=60,
        unique=True,
        error_messages={"unique": "Another category already uses this slug."},
    )

    posts_lookup = "category"

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Category pages are public: an old address keeps working after a rename.
        SlugHistory.remember(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("posts:category", kwargs={"slug": self.slug})


# How a tag reaches the posts that use it.
TAG_POSTS = "tagged_posts__content_object"


class TagQuerySet(models.QuerySet):
    """Tags as the public sees them: through their published posts."""

    def published(self):
        """Tags that at least one published post uses."""
        uses = TaggedPost.objects.filter(
            live_through("content_object"), tag=models.OuterRef("pk")
        )
        return self.filter(models.Exists(uses))

    def with_post_counts(self):
        """The published tags, each with the post_count of published posts using it."""
        published = live_through(TAG_POSTS)
        return self.annotate(
            post_count=models.Count("tagged_posts", filter=published)
        ).filter(post_count__gt=0)

    def with_latest_change(self):
        """The published tags, each with the latest content change among its
        published posts (latest): when its page last changed."""
        return self.filter(live_through(TAG_POSTS)).annotate(
            latest=models.Max(f"{TAG_POSTS}__content_changed_at")
        )


class Tag(ConstraintErrorsOnFields, ShownOnItsPosts, NormalisedTextModel, TagBase):
    """A tag whose slug is never empty and keeps "C++" apart from "C#"."""

    constraint_error_fields = {"slug_missing": "slug"}
    posts_lookup = "tags"

    objects = NaturalKeyManager.from_queryset(TagQuerySet)()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(slug=""),
                name="posts_tag_slug_not_empty",
                violation_error_code="slug_missing",
                violation_error_message="A tag needs a slug: the last part of its "
                "address, as in /tags/python/.",
            ),
        ]

    def save(self, *args, **kwargs):
        SlugHistory.remember(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("posts:tag", kwargs={"slug": self.slug})

    def slugify(self, tag, i=None):
        # Spelled-out symbols make a slug longer than its name: keep room for "-N".
        slug = readable_slug(tag)[:90].strip("-")
        return slug if i is None else f"{slug}-{i}"


class TaggedPost(TaggedItemBase):
    content_object = models.ForeignKey("Post", on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_posts")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="posts_taggedpost_unique_tag"
            ),
        ]


class Author(ConstraintErrorsOnFields, ShownOnItsPosts, NormalisedTextModel):
    """Someone who writes posts, named in their bylines, feeds and structured data."""

    name = models.CharField(
        "display name",
        max_length=100,
        help_text="The name readers see in the byline and in feeds, e.g. “Ada "
        "Lovelace”.",
    )
    bio = models.CharField(
        "short bio",
        max_length=300,
        blank=True,
        help_text="One or two sentences about the author, shown at the end of their "
        "posts.",
    )
    avatar = models.ImageField(
        upload_to="authors/",
        blank=True,
        help_text="A square picture, shown small beside the name (PNG, JPEG, WebP or "
        "GIF). It is checked and stored afresh, without its metadata.",
    )
    url = models.URLField(
        "link",
        blank=True,
        help_text="A page about the author, e.g. their home page or profile: the "
        "name in the byline links to it.",
    )

    constraint_error_fields = {"name_missing": "name", "name_taken": "name"}
    shown_fields = ["name", "bio", "avatar", "url"]
    posts_lookup = "authors"

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name=""),
                name="posts_author_name_not_empty",
                violation_error_code="name_missing",
                violation_error_message="An author needs a name.",
            ),
            models.UniqueConstraint(
                fields=["name"],
                name="posts_author_unique_name",
                violation_error_code="name_taken",
                violation_error_message="Another author already has this name: "
                "readers could not tell the two apart.",
            ),
        ]

    def __str__(self):
        return self.name

    def link(self):
        """The author's page, if it is a web address a reader can safely follow."""
        scheme = self.url.partition(":")[0].lower()
        return self.url if scheme in {"http", "https"} else ""


def default_author():
    """The saved author named after SITE_AUTHOR, who signs the demo's posts."""
    author, _ = Author.objects.get_or_create(name=settings.SITE_AUTHOR)
    return author


def site_author():
    """The author a post without authors is signed by: the site, unsaved."""
    return Author(name=settings.SITE_AUTHOR, url=absolute_url("/"))


# What an editor writes of a post's text and publication (with its reading time,
# when the body is not all readers read): the same fields in the change form, the
# revisions and the Markdown import.
POST_TEXT_FIELDS = [
    "title",
    "slug",
    "description",
    "body",
    "status",
    "published_at",
    "updated_at",
    "update_note",
    "reading_minutes_given",
]
# The fields that only a post's own page needs.
BODY_FIELDS = ["body", "body_html", "body_text", "feed_html", "toc"]
# What a post's card shows (includes/post_card.html), besides its relations; and,
# when posts are in series, its part's label and series (see series_lookups).
CARD_FIELDS = [
    "title",
    "slug",
    "description",
    "published_at",
    "reading_minutes",
    "category",
]
# posts reaches series through this one relation, the reverse of SeriesPart.post
# (docs/architecture.md, "posts and series"). It names the relation, never the app,
# and works without it: with series not installed a post has no part, and its pages
# and cards show none.
SERIES_PART = "series_part"


def has_series_parts():
    """Whether an installed app (series) gives posts their SERIES_PART."""
    return any(rel.name == SERIES_PART for rel in Post._meta.related_objects)


def series_lookups(*lookups):
    """Return each lookup through SERIES_PART, or none when posts has no series."""
    if not has_series_parts():
        return []
    return [f"{SERIES_PART}__{lookup}" for lookup in lookups]


# Newest first; the id makes the order total, so pages never overlap.
LIST_ORDER = ["-published_at", "-id"]
# Computed from the body when it changes (Post.render).
RENDERED_FIELDS = list(STORED_FIELDS)
DERIVED_FIELDS = [*RENDERED_FIELDS, "share_image"]
# What readers see of a post on its page and in feeds, besides its tags, authors
# (posts.content_changes) and series (series.content_changes): a change to any of
# them is a change to the post.
READER_VISIBLE_FIELDS = [
    "title",
    "description",
    "body_html",
    "feed_html",
    "hero_image",
    "hero_image_alt",
    "category_id",
    "updated_at",
    "update_note",
    "reading_minutes",
]


def body_max_length(value):
    # Named here by the migrations; the limit and its message are posts.limits'.
    check_body_length(value)


def is_live(now, through=""):
    """The condition of published(): published, at a time that has come by now.

    through: the path from another model to its post, e.g. "parts__post", so that
    a query tests the joined post's row instead of listing every published post.
    """
    prefix = f"{through}__" if through else ""
    return models.Q(
        **{f"{prefix}status": Post.Status.PUBLISHED, f"{prefix}published_at__lte": now}
    )


def live_through(path):
    """The condition of published() on the post at the end of path, as of now."""
    return is_live(timezone.now(), through=path)


def is_due_later(now):
    """The condition of scheduled(): published, at a time still to come after now."""
    return models.Q(status=Post.Status.PUBLISHED, published_at__gt=now)


class PostQuerySet(models.QuerySet):
    def published(self):
        """Posts the public may see: published, and not scheduled for later."""
        return self.filter(is_live(timezone.now()))

    def scheduled(self):
        """Published posts whose publication time has not come yet."""
        return self.filter(is_due_later(timezone.now()))

    def drafts(self):
        return self.filter(status=Post.Status.DRAFT)

    def for_cards(self):
        """With what a card shows beside the post: category, series, tags."""
        return self.select_related(
            "category", *series_lookups("series")
        ).prefetch_related("tags")

    def for_detail(self):
        """With everything a post's page and its feed items name, authors too."""
        return self.for_cards().prefetch_related("authors")

    def with_body_as(self, *kept):
        """Without the body and what is rendered from it, but for the kept fields.

        Each is as large as the body: a query loads only those its page shows.
        """
        return self.defer(*(name for name in BODY_FIELDS if name not in kept))

    def for_page(self):
        """For a post's own page: the stored HTML, not the Markdown or its variants."""
        return self.for_detail().with_body_as("body_html", "toc")

    def for_feed(self):
        """For feed items: everything they name, and the body in its feed variant."""
        return self.for_detail().with_body_as("feed_html")

    def for_search(self):
        """For search results: a result shows a snippet, never the body."""
        return self.with_body_as()

    def for_related(self):
        """For the related posts under a post: their titles, dates and categories."""
        return self.select_related("category").with_body_as()

    def for_list(self):
        """Posts shown as cards: everything but the (large) body."""
        return self.for_cards().with_body_as()

    def as_cards(self):
        """For list pages: only the columns a card shows, in the order lists use.

        A card never reads the body or anything derived from it; on SQLite those
        columns come first in a row, and loading a column after them means reading
        through them.
        """
        fields = [*CARD_FIELDS, *series_lookups("label", "series")]
        return self.for_cards().only(*fields).order_by(*LIST_ORDER)


# What an editor is told when a post breaks a rule of the database.
TITLE_MISSING = "A post needs a title."
SLUG_MISSING = (
    "The title has no letters or digits to make a slug from: enter one, e.g. "
    "“launch-notes”."
)
PUBLICATION_TIME_MISSING = "A published post needs a publication time."
HERO_IMAGE_ALT_MISSING = "Describe the hero image for readers who cannot see it."
IMPORTED_TWICE = "This feed item was already imported as another post."


class Post(ConstraintErrorsOnFields, NormalisedTextModel):
    class Status(models.TextChoices):
        """What an editor chooses: a draft, or a post to publish at its time."""

        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class State(models.TextChoices):
        """Where a post stands now: its status and whether its time has come."""

        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=TITLE_MAX_CHARS)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        blank=True,
        help_text="The last part of the post's address, as in /blog/my-first-post/. "
        "Left empty, it is made from the title.",
        error_messages={"unique": "Another post already uses this slug."},
    )
    description = models.CharField(
        max_length=DESCRIPTION_MAX_CHARS,
        help_text="One or two sentences that open the post and stand for it in "
        "lists, search results, feeds and link previews.",
    )
    body = MarkdownxField(
        blank=True,
        validators=[body_max_length],
        help_text="Markdown. The preview beside the editor is exactly what readers "
        "will see.",
    )
    body_html = models.TextField(blank=True, editable=False)
    body_text = models.TextField(
        blank=True, editable=False, help_text="The body as plain text, for search."
    )
    feed_html = models.TextField(
        blank=True,
        editable=False,
        help_text="The body for feed readers: self-contained, every URL absolute.",
    )
    page_assets = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The stylesheets and scripts the body needs, as static paths.",
    )
    render_problems = models.JSONField(
        "rendering notes",
        default=list,
        blank=True,
        editable=False,
        help_text="What the renderer could not do with the body, e.g. an invalid "
        "diagram. Readers see the source instead.",
    )
    checks = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="What the editor's checks found at the last save (posts.checks): "
        "they warn, and never stop a save.",
    )
    toc = models.JSONField(default=list, blank=True, editable=False)
    word_count = models.PositiveIntegerField(default=0, editable=False)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    body_digest = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Names the body the stored HTML was rendered from.",
    )
    reading_minutes_given = models.PositiveSmallIntegerField(
        "reading time (minutes)",
        null=True,
        blank=True,
        help_text="Leave empty to count it from the body. Give it when readers read "
        "more than the body here holds, e.g. a summary of an article published "
        "elsewhere.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status,
        default=Status.DRAFT,
        help_text="Drafts are visible to staff only. A published post appears at "
        "its publication time.",
    )
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        db_index=True,
        help_text="When readers first see the post. A time in the future schedules "
        "it; left empty, publishing uses the current time.",
    )
    updated_at = models.DateTimeField(
        "updated",
        null=True,
        blank=True,
        help_text="Set when you revise a published post in a way readers should "
        "know about.",
    )
    update_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="What changed, shown next to the update date.",
    )
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
    )
    tags = TaggableManager(through=TaggedPost, blank=True, manager=RevisedTagManager)
    authors = models.ManyToManyField(
        Author,
        blank=True,
        related_name="posts",
        help_text="Who wrote the post: named in its byline, its feed items and its "
        "structured data. Left empty, the post is signed with the site's name.",
    )
    hero_image = models.ImageField(upload_to="heroes/%Y/", blank=True)
    hero_image_alt = models.CharField(
        "hero image alt text",
        max_length=200,
        blank=True,
        help_text="Describe the image for readers who cannot see it. Required when "
        "there is a hero image.",
    )
    share_image = models.CharField(
        max_length=100,
        blank=True,
        editable=False,
        help_text="The link-preview card drawn on save, used when there is no hero "
        "image.",
    )
    import_guid = models.CharField(
        max_length=500,
        blank=True,
        editable=False,
        help_text="The guid of the feed item this post was imported from.",
    )
    feed_id = models.CharField(
        "feed id",
        max_length=500,
        blank=True,
        editable=False,
        help_text="The id feed readers know the post by, fixed when it is first "
        "published: its address then, or the guid of the feed item it was "
        "imported from. A new slug does not make the post new to subscribers.",
    )
    content_changed_at = models.DateTimeField(
        "content last changed",
        null=True,
        blank=True,
        editable=False,
        help_text="When readers last saw the post change: its publication time, "
        "then each later change to what its page or feed items show. Sitemaps, "
        "feeds and link previews give this time.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = PostQuerySet.as_manager()

    # The body that the stored HTML was rendered from in this instance's life.
    _rendered_body = None

    constraint_error_fields = {
        "title_missing": "title",
        "slug_missing": "slug",
        "publication_time_missing": "published_at",
        "alt_text_missing": "hero_image_alt",
        "imported_twice": "import_guid",
    }

    class Meta:
        ordering = LIST_ORDER
        get_latest_by = "published_at"
        # On SQLite a row's small columns come after its body and HTML, so a query
        # that tests them row by row reads every body it passes; these indexes
        # answer from their entries alone.
        indexes = [
            # published() in list order: pages, counts and the newest posts.
            models.Index(
                fields=["status", "-published_at", "-id"],
                name="posts_post_published_order",
            ),
            # Whether a post reached by id (from a tag or a series part) is live,
            # and when it last changed (the sitemap's dates).
            models.Index(
                fields=["id", "status", "published_at", "modified_at"],
                name="posts_post_live_by_id",
            ),
            # The admin's order (the state, then times) and the content's state.
            models.Index(
                fields=["status", "published_at", "modified_at"],
                name="posts_post_editing_state",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(slug=""),
                name="posts_post_slug_not_empty",
                violation_error_code="slug_missing",
                violation_error_message=SLUG_MISSING,
            ),
            models.CheckConstraint(
                condition=models.Q(hero_image="") | ~models.Q(hero_image_alt=""),
                name="posts_post_hero_image_has_alt",
                violation_error_code="alt_text_missing",
                violation_error_message=HERO_IMAGE_ALT_MISSING,
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | models.Q(published_at__isnull=False),
                name="posts_post_published_has_time",
                violation_error_code="publication_time_missing",
                violation_error_message=PUBLICATION_TIME_MISSING,
            ),
            models.CheckConstraint(
                condition=~models.Q(title=""),
                name="posts_post_title_not_empty",
                violation_error_code="title_missing",
                violation_error_message=TITLE_MISSING,
            ),
            models.UniqueConstraint(
                fields=["import_guid"],
                condition=~models.Q(import_guid=""),
                name="posts_post_unique_import_guid",
                violation_error_code="imported_twice",
                violation_error_message=IMPORTED_TWICE,
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        post = super().from_db(db, field_names, values, **kwargs)
        # What readers see as stored: a save tells from it whether they see a change.
        post._seen = post.reader_visible_values()
        if post.rendering_is_settled():
            # The stored HTML is this body's: a save renders only a changed body.
            post._rendered_body = post.body
        return post

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        SlugHistory.remember(self)
        update_fields = kwargs.get("update_fields")
        derived = ["share_image", "render_problems", "checks", "reading_minutes"]
        if (update_fields is None or "body" in update_fields) and self.render():
            derived = DERIVED_FIELDS
        self.settle_reading_time()
        self.apply_share_card(ensure_share_image(self))
        self.check_metadata()
        self.note_content_change(update_fields)
        self.fix_feed_id()
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                *derived,
                "content_changed_at",
                "feed_id",
            }
        with revision_of_save(self, update_fields):
            super().save(*args, **kwargs)
        if update_fields is None or "hero_image" in update_fields:
            self.hero_picture(make_missing=True)
        if getattr(self, "_seen", None) is not None:
            # What readers see now; a post made in this process stays new to the
            # end (its tags and series are part of making it).
            self._seen = self.reader_visible_values()

    def get_absolute_url(self):
        return reverse("posts:detail", kwargs={"slug": self.slug})

    def clean(self):
        self.fill_derived_fields()
        errors = {}
        if not self.slug:
            errors["slug"] = SLUG_MISSING
        elif self.slug.isdigit():
            errors["slug"] = (
                "A slug of digits only would clash with the blog's page numbers "
                "(/blog/2/): add a word."
            )
        if self.hero_image and not self.hero_image_alt.strip():
            errors["hero_image_alt"] = HERO_IMAGE_ALT_MISSING
        try:
            # Rendered here so that a body too slow to render is a form error, with
            # the editor's text kept; save() reuses this rendering.
            self.render()
        except RenderTimeout as error:
            errors["body"] = str(error)
        if errors:
            raise ValidationError(errors)

    def fill_derived_fields(self):
        """Tidy pasted text and fill what an editor may leave empty."""
        normalise_text_fields(self)
        self.title = self.title.strip()
        self.description = self.description.strip()
        if not self.slug:
            self.slug = slug_from_title(self.title)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = now_to_the_second()

    def render(self, force=False):
        """Store the HTML and everything derived from the Markdown body; return
        whether it rendered.

        The body is the one input of the rendering that lives on the post, so a
        body is rendered once however often it is cleaned and saved. The others
        change for every post at once: the pipeline, the settings, the diagrams
        drawn, the images' renditions, the posts a body links to; force renders
        again for them (`render_again`). Raises RenderTimeout for a body that
        takes too long, so that nothing is stored.
        """
        if "body" in self.get_deferred_fields() and not force:
            return False  # not loaded, so not changed
        if self._rendered_body == self.body and not force:
            return False
        try:
            fields = stored_fields(self.body)
        except RenderTimeout:
            raise
        except Exception:
            # A bug in the pipeline must not cost the editor the text.
            logger.exception("Rendering post %r failed; storing it as text.", self.pk)
            fields = unrendered_fields(self.body)
        for name, value in fields.items():
            setattr(self, name, value)
        self.checks += as_stored(broken_link_findings(self.body, self.body_html))
        self.check_metadata()
        self.settle_reading_time()
        self._rendered_body = self.body
        return True

    def settle_reading_time(self):
        """The minutes readers are told: the editor's, else counted from the body."""
        self.reading_minutes = self.reading_minutes_given or minutes_to_read(
            self.word_count
        )

    def render_again(self, save=True):
        """Render the unchanged body again, e.g. after an upgrade of the pipeline
        or once a diagram it waited for is drawn; return whether the stored output
        changes. With save, store it if it does."""
        before = [getattr(self, name) for name in RENDERED_FIELDS]
        self.render(force=True)
        changed = [getattr(self, name) for name in RENDERED_FIELDS] != before
        if changed and save:
            self.save(update_fields=DERIVED_FIELDS)
        return changed

    def rendering_is_settled(self):
        """Whether the loaded post's stored HTML is final for its body.

        Not when it was loaded without its body or its notes, nor when the stored
        HTML was rendered from another body (one written around save: a restored
        revision, a raw update), nor when the last rendering left a note: a diagram
        still being drawn or a renderer that was down is worth another try at the
        next save, as the note tells the editor.
        """
        loaded = self.__dict__
        if not {"body", "body_digest", "render_problems"} <= loaded.keys():
            return False
        if self.body_digest != body_digest(self.body):
            return False
        return not any(note not in CARD_NOTES for note in self.render_problems)

    def check_metadata(self):
        """Replace the checks of the title and description (they change alone)."""
        body_checks = [found for found in self.checks if found["field"] == "body"]
        self.checks = [
            *body_checks,
            *as_stored(metadata_findings(self.title, self.description)),
        ]

    def reader_visible_values(self):
        """What readers see of the post among its loaded fields, by name."""
        loaded = self.__dict__
        return {
            # A file by its name: the file object itself changes as it is stored.
            name: getattr(loaded[name], "name", loaded[name])
            for name in READER_VISIBLE_FIELDS
            if name in loaded
        }

    def changes_readers_see(self, update_fields=None):
        """Whether this save changes what readers see (a new post: None)."""
        seen = getattr(self, "_seen", None)
        if seen is None:
            return None
        current = self.reader_visible_values()
        names = seen.keys() & current.keys()
        if update_fields is not None:
            written = {*update_fields, *RENDERED_FIELDS}
            names = {name for name in names if name in written}
        return any(seen[name] != current[name] for name in names)

    def note_content_change(self, update_fields=None):
        """Move content_changed_at to now if readers see this save change the post.

        Before its publication time a post has no change readers saw: the time is
        its publication time. A new post keeps a time it was given (an import's
        "updated" date), never earlier than its publication.
        """
        published = to_the_second(self.published_at)
        now = now_to_the_second()
        if published is None or published > now:
            self.content_changed_at = published
            return
        changed = self.changes_readers_see(update_fields)
        if changed is None:
            known = [self.content_changed_at, self.updated_at, published]
            self.content_changed_at = to_the_second(max(filter(None, known)))
        elif changed:
            self.content_changed_at = now
        else:
            known = [self.content_changed_at, published]
            self.content_changed_at = to_the_second(max(filter(None, known)))

    def last_changed(self):
        """When readers last saw the post change (see content_changed_at)."""
        return self.content_changed_at or self.published_at

    def fix_feed_id(self):
        """Give a post its permanent feed id once it is published (or scheduled)."""
        if not self.feed_id and self.status == self.Status.PUBLISHED:
            self.feed_id = self.import_guid or self.get_absolute_url()

    def feed_guid(self):
        """The id of the post's feed items: permanent, absolute."""
        feed_id = self.feed_id or self.get_absolute_url()
        return absolute_url(feed_id) if feed_id.startswith("/") else feed_id

    def apply_share_card(self, card):
        """Take the card's name, and its note (if any) among the rendering notes."""
        self.share_image = card.name
        notes = [note for note in self.render_problems if note not in CARD_NOTES]
        self.render_problems = [*notes, card.problem] if card.problem else notes

    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    is_published.boolean = True
    is_published.short_description = "live"

    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def state(self):
        """Draft, scheduled or published, as published() and scheduled() decide."""
        if self.is_published():
            return self.State.PUBLISHED
        if self.is_scheduled():
            return self.State.SCHEDULED
        return self.State.DRAFT

    def credited_authors(self):
        """The post's authors (for_detail() fetches them), or the site's author."""
        return list(self.authors.all()) or [site_author()]

    def hero_picture(self, make_missing=False):
        """The hero image with its renditions, or None; saving makes them."""
        if not self.hero_image:
            return None
        return responsive_image(self.hero_image.name, make_missing=make_missing)


def new_review_key():
    """A random secret naming one review link: 144 bits, safe in a URL."""
    return secrets.token_urlsafe(18)


class ReviewLink(NormalisedTextModel):
    """An address at which a reviewer without an account reads an unpublished post.

    The address carries the key signed with the site's secret (see posts.reviews);
    the key alone is never shown. A link stops working when it expires or when an
    editor withdraws it, and leads to the public page once the post is published.
    """

    post = models.ForeignKey(
        Post,
        null=True,
        # A deleted post leaves its links behind, so that a reviewer is told what
        # happened rather than shown a "not found" page.
        on_delete=models.SET_NULL,
        related_name="review_links",
    )
    key = models.CharField(max_length=32, default=new_review_key, editable=False)
    note = models.CharField(
        "for whom",
        max_length=100,
        blank=True,
        help_text="Who the link is for, e.g. “Ada, technical review”. Only editors "
        "see this.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(
        "expires", help_text="After this moment the link shows that it has expired."
    )
    revoked_at = models.DateTimeField(
        "withdrawn",
        null=True,
        blank=True,
        help_text="When an editor withdrew the link; it has not worked since.",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="posts_reviewlink_unique_key"),
            models.CheckConstraint(
                condition=~models.Q(key=""), name="posts_reviewlink_key_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="posts_reviewlink_expires_after_creation",
            ),
        ]

    def __str__(self):
        return f"review link for {self.note}" if self.note else "review link"

    def is_revoked(self):
        return self.revoked_at is not None

    def is_expired(self):
        return self.expires_at <= timezone.now()

    def is_active(self):
        """Whether the link still shows its post (if the post is still there)."""
        return not self.is_revoked() and not self.is_expired()
