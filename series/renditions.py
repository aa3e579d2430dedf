"""
Hero images and covers stored before their renditions were made on save.

Saving a post or a series makes its image's renditions; this brings the others up to
date in one run (`manage.py make_renditions`). It lives here because only this app
knows both models. Images in bodies get theirs from `manage.py rerender`, which also
writes them into the stored HTML.
"""

from blogcraft.reports import Report
from posts.models import Post
from posts.uploads import ensure_renditions

from .models import Series


def stored_hero_images_and_covers():
    """Return the storage names of every hero image and cover, each once."""
    heroes = Post.objects.exclude(hero_image="").values_list("hero_image", flat=True)
    covers = Series.objects.exclude(cover_image="").values_list(
        "cover_image", flat=True
    )
    return sorted({*heroes, *covers})


def make_missing_renditions(dry_run=False, report=None):
    """Make the renditions hero images and covers lack; return {image: [made]}.

    With dry_run, make nothing and return what would be made. report, if given,
    gets a line for each image.
    """
    report = Report() if report is None else report
    names = stored_hero_images_and_covers()
    report.expect(len(names))
    made = {}
    for name in names:
        renditions = ensure_renditions(name, dry_run=dry_run)
        if not renditions:
            report.add("unchanged", name)
            continue
        made[name] = renditions
        outcome = "would make" if dry_run else "made"
        report.add(outcome, name, f"{len(renditions)} rendition(s)")
    return made
