from contextlib import contextmanager
from functools import cached_property

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from blogcraft.site import absolute_url
from posts.constraints import ConstraintErrorsOnFields
from posts.limits import DESCRIPTION_MAX_CHARS, TITLE_MAX_CHARS
from posts.models import BODY_FIELDS, Post, SlugHistory, live_through
from posts.normalisation import NormalisedTextModel
from posts.rendering.images import responsive_image
from posts.revisions import revision_of_save
from posts.timestamps import now_to_the_second

from .constraints import UniqueDeferredWherePossible
from .numbering import PublicOrder

# The code of the error "another part has this position", which forms that let parts
# trade places check across all their rows instead.
POSITION_TAKEN = "position_taken"


def published_parts():
    """The condition of a series' published parts, tested on each part's joined
    post: a list of every published post would grow with the archive."""
    return live_through("parts__post")


class SeriesQuerySet(models.QuerySet):
    """Series as the public sees them: through their published parts."""

    def published(self):
        """Series with at least one published part."""
        parts = SeriesPart.objects.published().filter(series=models.OuterRef("pk"))
        return self.filter(models.Exists(parts))

    def with_counts(self):
        """Series with their published parts' count and total reading time."""
        published = published_parts()
        return self.annotate(
            part_count=models.Count("parts", filter=published),
            total_minutes=models.Sum("parts__post__reading_minutes", filter=published),
        )

    def with_progress(self):
        """Series with published parts, with their count and total reading time."""
        return self.with_counts().filter(part_count__gt=0)

    def featured_first(self):
        """Series in progress first, then by their newest published part."""
        published = published_parts()
        in_progress = models.Case(
            models.When(status=Series.Status.IN_PROGRESS, then=0), default=1
        )
        return self.annotate(
            newest_part_at=models.Max("parts__post__published_at", filter=published)
        ).order_by(in_progress, models.F("newest_part_at").desc(nulls_last=True))

    def with_latest_change(self):
        """The published series, each with when its page last changed (latest):
        the series itself (its text, its plan, its parts renumbered) or one of its
        published parts (published, or changed: its text, place or label)."""
        parts_changed = models.Max(
            "parts__post__content_changed_at", filter=published_parts()
        )
        # Coalesced: SQLite's greatest of anything and NULL is NULL.
        latest = Greatest(Coalesce("content_changed_at", parts_changed), parts_changed)
        return self.published().annotate(latest=latest)


# What readers see of a series on its own page, besides its parts.
SERIES_READER_VISIBLE_FIELDS = [
    "title",
    "description",
    "cover_image",
    "cover_image_alt",
    "status",
    "planned_parts",
]
COVER_IMAGE_ALT_MISSING = "Describe the cover image for readers who cannot see it."


class Series(ConstraintErrorsOnFields, NormalisedTextModel):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"

    class PartRemoval(models.TextChoices):
        CLOSE_GAP = "close_gap", "Close the gap: the parts after it move up"
        KEEP_NUMBERS = "keep", "Keep the numbers: its position stays free"

    title = models.CharField(max_length=TITLE_MAX_CHARS)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the series' address, as in /series/my-series/.",
        error_messages={"unique": "Another series already uses this slug."},
    )
    description = models.CharField(
        max_length=DESCRIPTION_MAX_CHARS,
        help_text="What a reader learns by reading the whole series, in one or two "
        "sentences.",
    )
    cover_image = models.ImageField(upload_to="series/%Y/", blank=True)
    cover_image_alt = models.CharField(
        "cover image alt text",
        max_length=200,
        blank=True,
        help_text="Describe the cover for readers who cannot see it. Required when "
        "there is a cover image.",
    )
    status = models.CharField(
        max_length=12,
        choices=Status,
        default=Status.IN_PROGRESS,
        help_text="Tell readers whether more parts are coming.",
    )
    planned_parts = models.PositiveSmallIntegerField(
        "parts planned",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="How many parts you plan. While the series is in progress, readers "
        "see “3 of 5 planned parts”, never fewer than are published. Leave empty to "
        "announce no number.",
    )
    on_part_removal = models.CharField(
        "when a part is removed",
        max_length=10,
        choices=PartRemoval,
        default=PartRemoval.CLOSE_GAP,
        help_text="What happens to the positions of the parts after one that is "
        "deleted or leaves the series. Readers see no gap either way: their part "
        "numbers count the published parts.",
    )
    content_changed_at = models.DateTimeField(
        "content last changed",
        null=True,
        blank=True,
        editable=False,
        help_text="When readers last saw the series' own page change: its title, "
        "description, cover, status or plan, or its parts renumbered. Empty until "
        "then: the page changes with its published parts.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = SeriesQuerySet.as_manager()

    constraint_error_fields = {
        "slug_missing": "slug",
        "alt_text_missing": "cover_image_alt",
        "planned_parts_not_positive": "planned_parts",
    }

    class Meta:
        ordering = ["title", "id"]
        verbose_name_plural = "series"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(slug=""),
                name="series_series_slug_not_empty",
                violation_error_code="slug_missing",
                violation_error_message="A series needs a slug: the last part of its "
                "address, as in /series/my-series/.",
            ),
            models.CheckConstraint(
                condition=models.Q(cover_image="") | ~models.Q(cover_image_alt=""),
                name="series_series_cover_image_has_alt",
                violation_error_code="alt_text_missing",
                violation_error_message=COVER_IMAGE_ALT_MISSING,
            ),
            models.CheckConstraint(
                condition=models.Q(planned_parts__isnull=True)
                | models.Q(planned_parts__gte=1),
                name="series_series_planned_parts_positive",
                violation_error_code="planned_parts_not_positive",
                violation_error_message="A series plans at least one part; leave "
                "it empty when the plan is open.",
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        series = super().from_db(db, field_names, values, **kwargs)
        # What readers see as stored: a save tells from it whether they see a change.
        series._seen = series.reader_visible_values()
        return series

    def save(self, *args, **kwargs):
        SlugHistory.remember(self)
        update_fields = kwargs.get("update_fields")
        if self.changes_readers_see():
            self.content_changed_at = now_to_the_second()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "content_changed_at"}
        with revision_of_save(self, update_fields):
            super().save(*args, **kwargs)
        if update_fields is None or "cover_image" in update_fields:
            self.cover_picture(make_missing=True)
        if getattr(self, "_seen", None) is not None:
            # What readers see now; a series made in this process stays new.
            self._seen = self.reader_visible_values()

    def get_absolute_url(self):
        return reverse("series:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.cover_image and not self.cover_image_alt.strip():
            raise ValidationError({"cover_image_alt": COVER_IMAGE_ALT_MISSING})

    def cover_picture(self, make_missing=False):
        """The cover image with its renditions, or None; saving makes them."""
        if not self.cover_image:
            return None
        return responsive_image(self.cover_image.name, make_missing=make_missing)

    def reader_visible_values(self):
        """What readers see of the series itself among its loaded fields."""
        loaded = self.__dict__
        return {
            # A file by its name: the file object itself changes as it is stored.
            name: getattr(loaded[name], "name", loaded[name])
            for name in SERIES_READER_VISIBLE_FIELDS
            if name in loaded
        }

    def changes_readers_see(self):
        """Whether saving now changes what readers see (False for a new series)."""
        seen = getattr(self, "_seen", None)
        if seen is None:
            return False
        current = self.reader_visible_values()
        return any(seen[name] != current[name] for name in seen.keys() & current.keys())

    def announced_plan(self):
        """How many parts readers are told are planned, or None.

        Only while the series is in progress, and never fewer than the parts
        published (part_count, from SeriesQuerySet.with_counts()).
        """
        if self.planned_parts is None or self.status != self.Status.IN_PROGRESS:
            return None
        return max(self.planned_parts, self.part_count)

    def next_free_position(self, excluding=None):
        """The position after the last part (but excluding): where a part goes
        unless told."""
        parts = self.parts.all()
        if excluding is not None and excluding.pk is not None:
            parts = parts.exclude(pk=excluding.pk)
        last = parts.aggregate(last=models.Max("position"))["last"]
        return (last or 0) + 1

    def part_removed(self, position):
        """Follow the series' choice once the part at position has left it."""
        if self.on_part_removal == self.PartRemoval.CLOSE_GAP:
            self.close_gap(position)

    def close_gap(self, position):
        """Number the parts from position on consecutively from it.

        The parts after a removed one move up; a gap the editor left further on
        closes too.
        """
        later = self.parts.filter(position__gte=position).order_by("position")
        moves = [
            (part, new)
            for new, part in enumerate(later, start=position)
            if part.position != new
        ]
        if moves:
            with revision_unless_open("Closed the gap left by a removed part."):
                SeriesPart.objects.move(moves)
            # Its page changed: the sitemap says so.
            Series.objects.filter(pk=self.pk).update(
                modified_at=timezone.now(), content_changed_at=now_to_the_second()
            )


@contextmanager
def revision_unless_open(comment):
    """Group the saves inside in one revision, unless one is open (the admin's)."""
    if reversion.is_active():
        yield
        return
    with reversion.create_revision():
        reversion.set_comment(comment)
        yield


class SeriesPartQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live_through("post"))

    def for_reading(self):
        """With the posts that a list of parts links to, without their bodies."""
        return self.select_related("post").defer(
            *(f"post__{name}" for name in BODY_FIELDS)
        )

    def public_order(self, including=None):
        """These parts as readers see them: published, in order, numbered.

        The one numbering rule, series.numbering.PublicOrder. including: a part
        counted in even before it is published (its preview and share card).
        """
        visible = live_through("post")
        if including is not None and including.pk is not None:
            visible |= models.Q(pk=including.pk)
        return PublicOrder(self.filter(visible).order_by("position"), current=including)

    def move_aside(self):
        """Move these parts above every position their series use; return how many.

        The first of two steps that rewrite positions: SQLite checks the unique
        (series, position) constraint on each row it writes, so parts that trade
        places must leave them first. PostgreSQL checks it at the commit.
        """
        series = self.values("series")
        top = SeriesPart.objects.filter(series__in=series).aggregate(
            top=models.Max("position")
        )["top"]
        return self.update(position=models.F("position") + (top or 0))

    def move(self, moves):
        """Give parts new positions, [(part, position), …], in two steps.

        Each part is saved, so that its series' revision, cached pages and share
        cards follow.
        """
        with transaction.atomic():
            self.filter(pk__in=[part.pk for part, _ in moves]).move_aside()
            for part, position in moves:
                part.position = position
                part.save(update_fields=["position"])


class SeriesPart(ConstraintErrorsOnFields, NormalisedTextModel):
    """One post at its place in a series."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="parts")
    post = models.OneToOneField(
        Post,
        on_delete=models.CASCADE,
        related_name="series_part",
        error_messages={"unique": "This post is already a part of a series."},
    )
    position = models.PositiveSmallIntegerField(
        help_text="Where the post stands in the series: 1 for the first part."
    )
    label = models.CharField(
        max_length=40,
        blank=True,
        help_text="Shown instead of “Part N”, e.g. “Bonus post”. Leave empty for "
        "a numbered part.",
    )

    objects = SeriesPartQuerySet.as_manager()

    constraint_error_fields = {
        POSITION_TAKEN: "position",
        "position_not_positive": "position",
    }
    # Set on a part by code that deletes it and renumbers the rest itself (the
    # series' form); otherwise its deletion follows Series.part_removed().
    positions_handled = False

    class Meta:
        ordering = ["series_id", "position"]
        constraints = [
            # Checked at the commit on PostgreSQL, so that parts may trade places;
            # on each row on SQLite (see move_aside()).
            UniqueDeferredWherePossible(
                fields=["series", "position"],
                name="series_part_unique_position",
                deferrable=models.Deferrable.DEFERRED,
                violation_error_code=POSITION_TAKEN,
                violation_error_message="Another part of this series already has "
                "this position.",
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1),
                name="series_part_position_positive",
                violation_error_code="position_not_positive",
                violation_error_message="Positions start at 1.",
            ),
        ]

    def __str__(self):
        return f"{self.series}: {self.display_label}"

    def save(self, *args, **kwargs):
        # A part saved on its own (an import) is a revision of its series.
        with revision_of_save(self, kwargs.get("update_fields")):
            super().save(*args, **kwargs)

    @property
    def display_label(self):
        """The part as editors place it: its label, or "Part <position>"."""
        return self.label or f"Part {self.position}"

    @property
    def public_label(self):
        """The part as readers see it: its label, or "Part N".

        N is set by series.numbering.PublicOrder (reading_order, public_order()).
        """
        return self.label or f"Part {self.number}"

    @cached_property
    def reading_order(self):
        """This part's series as readers see it, this part in its place.

        A PublicOrder, worked out once for a page that reads it several times (the
        series box, previous and next, the structured data).
        """
        parts = SeriesPart.objects.filter(series_id=self.series_id).for_reading()
        return parts.public_order(including=self)

    def public_number(self):
        """The number readers see on this part; None for a labelled part."""
        return self.reading_order.current.number

    def structured_data(self):
        """What a post's JSON-LD says of its series: the series it is part of, and
        the part's number as readers see it (none for a labelled part, "Bonus")."""
        data = {
            "isPartOf": {
                "@type": "CreativeWorkSeries",
                "name": self.series.title,
                "url": absolute_url(self.series.get_absolute_url()),
            }
        }
        number = self.public_number()
        if number is not None:
            data["position"] = number
        return data

    def share_card_line(self):
        """Return the series line of this part's share card, "Series · Part 2 of 3".

        Numbered as readers see the series, this part counted in even as a draft
        (its card is seen only once it is public): a card never tells how many
        parts are unpublished.
        """
        parts = SeriesPart.objects.filter(series_id=self.series_id)
        order = parts.only("series_id", "position", "label").public_order(
            including=self
        )
        return f"{self.series.title} · {order.place(self)}"
