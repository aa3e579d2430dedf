"""Revisions of a series keep its parts: which posts, in which order, with labels."""

from posts.revisions import Dependents, track


def track_series():
    from .models import Series, SeriesPart

    track(
        Series,
        fields=[
            "title",
            "slug",
            "description",
            "cover_image",
            "cover_image_alt",
            "status",
            "planned_parts",
            "on_part_removal",
            # Not edited, but kept so that a restored row is whole.
            "created_at",
            "modified_at",
        ],
        dependents=Dependents(SeriesPart, "series", "Parts", describe=describe_parts),
    )


def describe_parts(rows):
    """One line per part, in order: "2. Post title (label)"."""
    from posts.models import Post

    titles = dict(
        Post.objects.filter(pk__in=[row["post_id"] for row in rows]).values_list(
            "pk", "title"
        )
    )
    lines = []
    for row in sorted(rows, key=lambda row: row["position"]):
        title = titles.get(row["post_id"], "(deleted post)")
        label = f" ({row['label']})" if row["label"] else ""
        lines.append(f"{row['position']}. {title}{label}")
    return "\n".join(lines)
