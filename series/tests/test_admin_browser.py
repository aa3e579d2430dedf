"""A series written and rearranged in the admin, in Chromium, and what readers see.

Each step is an editor's, in the browser; after each, every place a reader meets
the series is read: its page, each part's series box, previous and next links and
structured data, the share cards, the series feed and the sitemap.
"""

import json
from datetime import timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from blogcraft.site import absolute_url
from posts.models import Post
from posts.share_images import card_lines, share_image_name
from posts.tests.sitemap_reading import sitemap_locations
from posts.tests.waiting import read_until
from series.models import Series

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Rust for Pythonistas"
SLUG = "rust-for-pythonistas"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def log_in(page, live_server, editor):
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def save(page, then):
    page.click("input[name=_save]")
    page.wait_for_url(f"**{then}")
    assert page.locator(".messagelist .success").count() == 1


def write_part(page, live_server, title, publish_at=None):
    """Write a post on its form and file it in the series, at the next place."""
    page.goto(f"{live_server.url}/admin/posts/post/add/")
    page.fill("#id_title", title)
    page.fill("#id_description", f"{title}, for Python programmers.")
    page.fill("#id_body", f"## {title}\n\nWhat {title.lower()} means in Rust.")
    page.select_option("#id_status", "published")
    if publish_at is not None:
        page.fill("#id_published_at_0", publish_at.strftime("%Y-%m-%d"))
        page.fill("#id_published_at_1", publish_at.strftime("%H:%M:%S"))
    page.select_option("#id_series_part-0-series", label=TITLE)
    assert page.input_value("#id_series_part-0-position") == ""  # the next free
    save(page, "/admin/posts/post/")


def open_series(page, live_server):
    series = Series.objects.get(slug=SLUG)
    page.goto(f"{live_server.url}/admin/series/series/{series.pk}/change/")


def part_row(page, title):
    return page.locator("#parts-group tbody tr.has_original", has_text=title)


def rows_shown(page):
    rows = page.locator("#parts-group tbody tr.has_original")
    return [
        (
            row.locator(".field-position input").input_value(),
            row.locator(".field-post .select2-selection__rendered").inner_text(),
        )
        for row in rows.all()
    ]


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def json_ld(page, kind):
    for script in page.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data["@type"] == kind:
            return data
    raise AssertionError(f"No {kind} on the page.")


def what_readers_see():
    """Read every place a reader meets the series, as an anonymous reader."""
    reader = Client()
    series = Series.objects.get(slug=SLUG)
    page = soup(reader.get(series.get_absolute_url()))
    seen = {
        "series page": [
            (item.select_one(".part-label").text, item.select_one("h2 a").text)
            for item in page.select(".parts li")
        ],
        "progress": page.select_one("header .meta").text.rsplit(" · ", 1)[0],
        "series data": [
            (part["headline"], part.get("position"))
            for part in json_ld(page, "CreativeWorkSeries")["hasPart"]
        ],
        "feed": [
            entry.title
            for entry in feedparser.parse(
                reader.get(f"/series/{SLUG}/rss.xml").content
            ).entries
        ],
        "parts' pages": {},
        "share cards": {},
        "cards drawn": {},
    }
    titles = {}
    for part in series.parts.select_related("post"):
        post = Post.objects.select_related("series_part__series").get(pk=part.post_id)
        titles[absolute_url(post.get_absolute_url())] = post.title
        seen["share cards"][post.title] = card_lines(post)[2]
        # Whether the card stored is the one for the line it should show now.
        drawn = post.share_image == share_image_name(card_lines(post))
        seen["cards drawn"][post.title] = drawn
        response = reader.get(post.get_absolute_url())
        if response.status_code == 404:
            continue
        page = soup(response)
        seen["parts' pages"][post.title] = (
            page.select_one(".series-box-title").text,
            linked_title(page, "prev"),
            linked_title(page, "next"),
            json_ld(page, "BlogPosting").get("position"),
        )
    locations = sitemap_locations(reader)
    seen["sitemap"] = sorted(titles[url] for url in locations if url in titles)
    assert absolute_url(series.get_absolute_url()) in locations
    return seen


def linked_title(page, rel):
    """The title a previous or next link leads to, after its "← Previous · Part 1"."""
    link = page.select_one(f".prev-next a[rel={rel}]")
    return link.find("span", class_="meta").next_sibling.strip() if link else None


def expected(parts, progress, cards):
    """What readers should see of parts, [(label, title)] as the series page lists
    them."""
    count = sum(1 for label, _ in parts if label.startswith("Part "))
    titles = [title for _, title in parts]
    pages = {}
    for index, (label, title) in enumerate(parts):
        numbered = label.startswith("Part ")
        pages[title] = (
            f"{label} of {count} · {TITLE}" if numbered else f"{label} · {TITLE}",
            titles[index - 1] if index else None,
            titles[index + 1] if index + 1 < len(titles) else None,
            int(label.removeprefix("Part ")) if numbered else None,
        )
    return {
        "series page": parts,
        "progress": progress,
        "series data": [
            (title, int(label.removeprefix("Part ")) if label[:5] == "Part " else None)
            for label, title in parts
        ],
        "feed": titles,
        "parts' pages": pages,
        "share cards": {title: f"{TITLE} · {line}" for title, line in cards.items()},
        "cards drawn": dict.fromkeys(cards, True),
        "sitemap": sorted(titles),
    }


def parts_in_the_admin():
    series = Series.objects.get(slug=SLUG)
    return list(
        series.parts.order_by("position").values_list("position", "post__title")
    )


def test_an_editor_writes_reorders_and_prunes_a_series(live_server, editor, pages):
    page = pages.open()
    log_in(page, live_server, editor)

    # A series that announces its plan, then three parts written from the post
    # form, each after the last.
    page.goto(f"{live_server.url}/admin/series/series/add/")
    page.fill("#id_title", TITLE)
    page.fill("#id_description", "Rust, explained from what Python taught you.")
    assert page.input_value("#id_slug") == SLUG  # made by the admin's script
    page.fill("#id_planned_parts", "4")
    save(page, "/admin/series/series/")
    for title in ["Ownership", "Borrowing", "Lifetimes"]:
        write_part(page, live_server, title)
    assert parts_in_the_admin() == [
        (1, "Ownership"),
        (2, "Borrowing"),
        (3, "Lifetimes"),
    ]
    assert what_readers_see() == expected(
        [("Part 1", "Ownership"), ("Part 2", "Borrowing"), ("Part 3", "Lifetimes")],
        "Series in progress · 3 of 4 planned parts",
        {
            "Ownership": "Part 1 of 3",
            "Borrowing": "Part 2 of 3",
            "Lifetimes": "Part 3 of 3",
        },
    )
    # The post list names each post's series and part.
    page.goto(f"{live_server.url}/admin/posts/post/")
    assert page.locator("td.field-series_and_part").all_inner_texts() == [
        f"{TITLE} · Part 3",
        f"{TITLE} · Part 2",
        f"{TITLE} · Part 1",
    ]

    # Parts 2 and 3 trade places in one save.
    open_series(page, live_server)
    assert rows_shown(page) == [
        ("1", "Ownership"),
        ("2", "Borrowing"),
        ("3", "Lifetimes"),
    ]
    part_row(page, "Borrowing").get_by_role("button", name="Move down").click()
    assert rows_shown(page) == [
        ("1", "Ownership"),
        ("2", "Lifetimes"),
        ("3", "Borrowing"),
    ]
    assert page.locator(".part-move-status").inner_text() == (
        "“Borrowing” is now at position 3, “Lifetimes” at 2. Save to keep this order."
    )
    # The focus stays on the button pressed, which is now on the last row: it can
    # move the part no further down.
    pressed = page.locator(":focus")
    assert pressed.get_attribute("aria-label") == "Move down"
    assert pressed.get_attribute("aria-disabled") == "true"
    save(page, "/admin/series/series/")
    assert parts_in_the_admin() == [
        (1, "Ownership"),
        (2, "Lifetimes"),
        (3, "Borrowing"),
    ]
    assert what_readers_see() == expected(
        [("Part 1", "Ownership"), ("Part 2", "Lifetimes"), ("Part 3", "Borrowing")],
        "Series in progress · 3 of 4 planned parts",
        {
            "Ownership": "Part 1 of 3",
            "Lifetimes": "Part 2 of 3",
            "Borrowing": "Part 3 of 3",
        },
    )

    # Part 2 goes back to draft: readers see two parts, numbered 1 and 2.
    lifetimes = Post.objects.get(title="Lifetimes")
    page.goto(f"{live_server.url}/admin/posts/post/{lifetimes.pk}/change/")
    assert page.input_value("#id_series_part-0-position") == "2"
    page.select_option("#id_status", "draft")
    save(page, "/admin/posts/post/")
    assert what_readers_see() == expected(
        [("Part 1", "Ownership"), ("Part 2", "Borrowing")],
        "Series in progress · 2 of 4 planned parts",
        # The draft's own card counts itself: it is seen once it is published.
        {
            "Ownership": "Part 1 of 2",
            "Lifetimes": "Part 2 of 3",
            "Borrowing": "Part 2 of 2",
        },
    )

    # Part 1 is removed from the series, and the gap it leaves closes.
    open_series(page, live_server)
    assert page.input_value("#id_on_part_removal") == "close_gap"
    part_row(page, "Ownership").locator("input[name$='-DELETE']").check()
    save(page, "/admin/series/series/")
    assert parts_in_the_admin() == [(1, "Lifetimes"), (2, "Borrowing")]
    assert Post.objects.filter(title="Ownership").exists()
    assert what_readers_see() == expected(
        [("Part 1", "Borrowing")],
        "Series in progress · 1 of 4 planned parts",
        {"Lifetimes": "Part 1 of 2", "Borrowing": "Part 1 of 1"},
    )

    # A new part is scheduled: readers see nothing of it until it is due.
    due = timezone.localtime() + timedelta(seconds=12)
    write_part(page, live_server, "Traits", publish_at=due)
    assert parts_in_the_admin() == [(1, "Lifetimes"), (2, "Borrowing"), (3, "Traits")]
    assert what_readers_see() == expected(
        [("Part 1", "Borrowing")],
        "Series in progress · 1 of 4 planned parts",
        {
            "Lifetimes": "Part 1 of 2",
            "Borrowing": "Part 1 of 1",
            "Traits": "Part 2 of 2",
        },
    )
    # The editor's preview shows it in its place.
    traits = Post.objects.get(title="Traits")
    page.goto(live_server.url + traits.get_absolute_url())
    assert page.inner_text(".series-box-title") == f"Part 2 of 2 · {TITLE}"
    current = page.locator(".series-box .current")
    assert current.locator(".part-label").text_content() == "Part 2"
    assert current.locator("[aria-current=page]").text_content() == "Traits"
    assert timezone.localtime() < due, "too slow to see the part before it was due"

    # Once due, it appears everywhere, with no save: its number follows the rule.
    should = expected(
        [("Part 1", "Borrowing"), ("Part 2", "Traits")],
        "Series in progress · 2 of 4 planned parts",
        {
            "Lifetimes": "Part 1 of 3",
            "Borrowing": "Part 1 of 2",
            "Traits": "Part 2 of 2",
        },
    )
    # Cards are drawn when something is saved, and nothing was: the cards of the
    # parts already there still count the parts public at the last save.
    should["cards drawn"].update(Lifetimes=False, Borrowing=False)
    waited = (due - timezone.localtime()).total_seconds() + 10
    assert read_until(what_readers_see, should, timeout=waited) == should
    assert page.console_errors == []
