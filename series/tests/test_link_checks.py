"""The editor's link check knows series pages: series registers them with posts."""

import pytest

from posts.checks.links import broken_link_findings
from posts.models import Post
from posts.rendering.pipeline import render_markdown


@pytest.mark.django_db
def test_links_to_series_the_public_cannot_open_are_found(make_series):
    make_series(slug="open-series")
    hidden = make_series(slug="hidden-series", part_count=1)
    Post.objects.filter(series_part__series=hidden).update(status=Post.Status.DRAFT)
    body = "[a](/series/open-series/)\n[b](/series/hidden-series/)\n[c](/series/nope/)"
    findings = broken_link_findings(body, render_markdown(body).html)
    assert [(f.line, f.message) for f in findings] == [
        (
            2,
            "The link to /series/hidden-series/ leads to a page readers cannot "
            "open yet (a draft, or scheduled).",
        ),
        (3, "The link to /series/nope/ leads to no page on this site."),
    ]
