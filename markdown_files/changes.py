"""What an editor can see change in a post when a file is applied to it."""

from django.contrib.contenttypes.models import ContentType

from posts.models import POST_TEXT_FIELDS, Post, SlugHistory

# The post's own fields an import writes, in the order a report names them.
POST_FIELDS = [
    *POST_TEXT_FIELDS,
    "hero_image",
    "hero_image_alt",
]


def editable_state(post):
    """Return {field: value} of what an import may change, read from the database."""
    stored = Post.objects.select_related("category").get(pk=post.pk)
    state = {name: getattr(stored, name) for name in POST_FIELDS}
    state["hero_image"] = stored.hero_image.name or ""
    state["category"] = stored.category.name if stored.category else None
    state["tags"] = sorted(tag.name for tag in stored.tags.all())
    part = getattr(stored, "series_part", None)
    state["series"] = (
        (part.series.slug, part.position, part.label) if part is not None else None
    )
    state["old addresses"] = sorted(
        SlugHistory.objects.filter(
            content_type=ContentType.objects.get_for_model(Post), object_id=post.pk
        ).values_list("slug", flat=True)
    )
    return state


def changed_fields(before, after):
    """Return the names whose values differ, in the order of before, in words."""
    return [name.replace("_", " ") for name in before if before[name] != after[name]]
