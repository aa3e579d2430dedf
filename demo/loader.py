"""Load the demo content; running it again changes nothing."""

import re
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from posts.feed_import import import_feed
from posts.models import Category, Post, default_author
from series.models import Series, SeriesPart

from .catalogue import SERIES, STANDALONE

SEED_FEED = Path(__file__).with_name("blogcraft-rss.xml")
# The one demo post written in full: it shows every feature of the renderer.
SHOWCASE = {"hello-world": Path(__file__).with_name("hello-world.md")}


def category_named(name):
    category, _ = Category.objects.get_or_create(
        slug=slugify(name), defaults={"name": name}
    )
    return category


def file_post(post, category_name, tag_names):
    if post.category_id is None:
        post.category = category_named(category_name)
        post.save(update_fields=["category"])
    if not post.tags.exists():
        post.tags.set(tag_names)


def load_series(definition, posts):
    series, _ = Series.objects.get_or_create(
        slug=definition.slug,
        defaults={
            "title": definition.title,
            "description": definition.description,
            "status": definition.status,
        },
    )
    part_slug = re.compile(rf"^{re.escape(definition.slug_prefix)}-(\d+)-")
    parts = {}
    for post in posts:
        match = part_slug.match(post.slug)
        if match is not None:
            parts[int(match.group(1))] = post
    if definition.total_minutes:
        give_reading_times(sorted(parts.items()), definition.total_minutes)
    for position, post in parts.items():
        # Filed before it joins the series: its share card is drawn once, at commit.
        file_post(post, definition.category, definition.tags)
        place_part(post, series, position, definition.labels.get(position, ""))
    return series


def give_reading_times(parts, total_minutes):
    """Share the seed's total reading time among the series' parts, in order.

    The seed gives the series' total only; each part gets an even share (the first
    ones a minute more), so the series page adds up to what the seed's says. A
    time an editor gave since is theirs to keep.
    """
    share, extra = divmod(total_minutes, len(parts))
    for index, (_, post) in enumerate(parts):
        if post.reading_minutes_given is None:
            post.reading_minutes_given = share + (1 if index < extra else 0)
            post.save(update_fields=["reading_minutes_given"])


def place_part(post, series, position, label):
    """Put post at its place in series, saving only what is not there yet: a part
    saved is a change its readers see."""
    part = SeriesPart.objects.filter(post=post).first()
    if part is None:
        SeriesPart.objects.create(
            post=post, series=series, position=position, label=label
        )
    elif (part.series_id, part.position, part.label) != (series.pk, position, label):
        part.series, part.position, part.label = series, position, label
        part.save()


def write_demo_body(post):
    """Give a new demo post its body, before it is saved: the showcase, or its
    summary and a link.

    The seed feed carries summaries only, so most posts point readers to the full
    article on the original blog.
    """
    if post.slug in SHOWCASE:
        post.body = SHOWCASE[post.slug].read_text(encoding="utf-8")
    else:
        post.body = (
            f"{post.description}\n\n"
            "*This demo post carries the article's summary; read it in full "
            f"[on the original blog]({post.import_guid}).*\n"
        )


@transaction.atomic
def load_demo(feed=SEED_FEED, report=None):
    """Import the seed feed and file its posts into series; return the report
    (report, if given, is the one to fill)."""
    report = import_feed(feed, report=report, adapt=write_demo_body)
    guids = [result.guid for result in report.results]
    posts = list(Post.objects.filter(import_guid__in=guids))
    created = {result.guid for result in report.results if result.outcome == "created"}
    new_posts = [post for post in posts if post.import_guid in created]
    seed_times = {post.pk: post.content_changed_at for post in new_posts}
    for definition in SERIES:
        load_series(definition, posts)
    for post in posts:
        if post.slug in STANDALONE:
            file_post(post, *STANDALONE[post.slug])
    sign(posts)
    keep_seed_times(new_posts, seed_times)
    return report


def keep_seed_times(posts, seed_times):
    """Date the new demo posts' last change as the seed feed does.

    Writing their bodies, tags, series and authors is how they were made, not a
    change readers saw on the day the demo was loaded.
    """
    for post in posts:
        post.content_changed_at = seed_times[post.pk]
    Post.objects.bulk_update(posts, ["content_changed_at"])


def sign(posts):
    """Sign the demo's posts that have no author with the site's default author."""
    unsigned = Post.objects.filter(
        pk__in=[post.pk for post in posts], authors__isnull=True
    )
    if unsigned.exists():
        default_author().posts.add(*unsigned)
