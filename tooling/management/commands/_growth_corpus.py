"""Grow a demo database with realistic posts, quickly, for ``bench_growth``.

Each added post has a body of about 1,200 words with headings, a list and a code
block, rendered by the real pipeline; a few bodies are rendered once and reused,
so that growing to 10,000 posts takes bulk inserts, not 10,000 renderings. Posts
are published one every half day going back from the demo's oldest, with a
category, three tags and the site's author, as an editor would file them.
"""

import itertools
import random
from datetime import timedelta

from django.db import transaction

from posts.models import Category, Post, Tag, TaggedPost, default_author
from posts.rendering.stored import stored_fields

VOCABULARY = (
    "cache latency request queue worker index query schema migration deploy "
    "service client server thread process memory buffer stream token model agent "
    "prompt context window python django postgres sqlite redis gunicorn template "
    "render page feed series archive sitemap search vector batch retry timeout "
    "caching architecture review commit branch release test fixture benchmark"
)
WORDS = VOCABULARY.split()
FENCE = "```python\ndef handler(request):\n    return render(request, 'page.html')\n```"
BODY_VARIANTS = 6
BATCH_SIZE = 500
PUBLICATION_STEP = timedelta(hours=12)
TAG_POOL = 40


def generated_body(seed, words=1200):
    """Return Markdown of about `words` words: sections, a list and a code block."""
    chooser = random.Random(seed)
    sections, written = [], 0
    while written < words:
        sentences = [
            " ".join(chooser.choices(WORDS, k=12)).capitalize() + "." for _ in range(8)
        ]
        paragraph = " ".join(sentences)
        sections.append(f"## {' '.join(chooser.choices(WORDS, k=3)).title()}")
        sections.append(paragraph)
        sections.append("\n".join(f"- {chooser.choice(WORDS)}" for _ in range(4)))
        if len(sections) % 9 == 3:
            sections.append(FENCE)
        written += 12 * 8 + 7
    return "\n\n".join(sections)


def rendered_variants():
    """Return [(body, stored fields)] for a few bodies, each rendered once."""
    return [
        (body, stored_fields(body))
        for body in (generated_body(seed) for seed in range(BODY_VARIANTS))
    ]


def growth_tags():
    """The demo's tags and a pool of others, as many as a large blog uses."""
    names = [f"{word}-{n}" for n, word in enumerate(WORDS[:TAG_POOL])]
    existing = {tag.name for tag in Tag.objects.filter(name__in=names)}
    Tag.objects.bulk_create(
        [Tag(name=name, slug=name) for name in names if name not in existing]
    )
    return list(Tag.objects.order_by("pk"))


def tag_indices(number, count):
    """Three (or fewer) tags per post, some far more used than others."""
    return {number % 5, number % count, (number * 7 + 1) % count}


@transaction.atomic
def grow_to(total, variants):
    """Add published posts until there are `total`; return how many were added."""
    missing = total - Post.objects.count()
    if missing <= 0:
        return 0
    oldest = Post.objects.order_by("published_at").values_list(
        "published_at", flat=True
    )[0]
    categories = list(Category.objects.order_by("pk"))
    tags = growth_tags()
    author = default_author()
    start = Post.objects.count()
    cycle = itertools.cycle(variants)
    for batch_start in range(0, missing, BATCH_SIZE):
        end = min(missing, batch_start + BATCH_SIZE)
        numbers = range(start + batch_start, start + end)
        posts = []
        for offset, number in enumerate(numbers, start=batch_start + 1):
            body, fields = next(cycle)
            words = " ".join(WORDS[(number + k) % len(WORDS)] for k in range(4))
            posts.append(
                Post(
                    title=f"Notes on {words} ({number})",
                    slug=f"notes-{number}",
                    description=f"What we learned about {words}, in post {number}.",
                    body=body,
                    **fields,
                    status=Post.Status.PUBLISHED,
                    published_at=oldest - offset * PUBLICATION_STEP,
                    category=categories[number % len(categories)],
                )
            )
        created = Post.objects.bulk_create(posts)
        TaggedPost.objects.bulk_create(
            TaggedPost(content_object=post, tag=tags[index])
            for post in created
            for index in tag_indices(post.pk, len(tags))
        )
        Post.authors.through.objects.bulk_create(
            Post.authors.through(post=post, author=author) for post in created
        )
    return missing
