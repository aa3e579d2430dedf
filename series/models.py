from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse

from posts.models import Post, SlugHistory
from posts.normalisation import NormalisedTextModel
from posts.revisions import revision_of_save

from .constraints import UniqueDeferredWherePossible

# The code of the error "another part has this position", which forms that let parts
# trade places check across all their rows instead.
POSITION_TAKEN = "position_taken"


class SeriesQuerySet(models.QuerySet):
    def with_progress(self):
        """Series with published parts, with their count and total reading time."""
        published = models.Q(parts__post__in=Post.objects.published())
        return self.annotate(
            part_count=models.Count("parts", filter=published),
            total_minutes=models.Sum("parts__post__reading_minutes", filter=published),
        ).filter(part_count__gt=0)


class Series(NormalisedTextModel):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"

    title = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the series' address, as in /series/my-series/.",
        error_messages={"unique": "Another series already uses this slug."},
    )
    description = models.CharField(
        max_length=300,
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
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name_plural = "series"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(slug=""), name="series_series_slug_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(cover_image="") | ~models.Q(cover_image_alt=""),
                name="series_series_cover_image_has_alt",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        SlugHistory.remember(self)
        with revision_of_save(self, kwargs.get("update_fields")):
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("series:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.cover_image and not self.cover_image_alt.strip():
            raise ValidationError(
                {
                    "cover_image_alt": "Describe the cover image for readers who "
                    "cannot see it."
                }
            )


class SeriesPartQuerySet(models.QuerySet):
    def published(self):
        return self.filter(post__in=Post.objects.published())

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


class SeriesPart(NormalisedTextModel):
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
        return self.label or f"Part {self.position}"

    def share_card_line(self):
        """Return the series line of this part's share card.

        The count is of the parts the public can see, plus this one (whose card is
        seen only once it is public): a card never tells how many are unpublished.
        """
        if self.label:
            return f"{self.series.title} · {self.label}"
        public = self.series.parts.published().exclude(pk=self.pk).count() + 1
        return f"{self.series.title} · {self.display_label} of {public}"
