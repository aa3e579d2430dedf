"""GitHub's alerts: five kinds, each with its own label and style."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from posts.rendering import render_markdown

ALERTS = [
    ("NOTE", "note", "Note"),
    ("TIP", "tip", "Tip"),
    ("IMPORTANT", "important", "Important"),
    ("WARNING", "warning", "Warning"),
    ("CAUTION", "danger", "Caution"),
]


def parse(html):
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize(("marker", "style", "label"), ALERTS)
def test_each_alert_reads_as_its_own_kind(marker, style, label):
    soup = parse(render_markdown(f"> [!{marker}]\n> Back up first.\n").html)
    aside = soup.select_one("aside.callout")
    assert aside["class"] == ["callout", f"callout-{style}"]
    assert aside["aria-label"] == label
    assert aside.select_one(".callout-title").text == label
    assert aside.select_one("p:not(.callout-title)").text == "Back up first."
    assert "[!" not in soup.text
    assert soup.blockquote is None


def test_the_five_alerts_look_different():
    body = "\n\n".join(f"> [!{marker}]\n> Text." for marker, _, _ in ALERTS)
    asides = parse(render_markdown(body).html).select("aside.callout")
    assert [aside["class"][1] for aside in asides] == [
        f"callout-{style}" for _, style, _ in ALERTS
    ]


def test_every_alert_style_has_colours():
    css = Path(finders.find("css/prose.css")).read_text(encoding="utf-8")
    for _, style, _ in ALERTS:
        assert f".callout-{style} {{ --callout: var(--prose-{style});" in css
        assert css.count(f"--prose-{style}:") == 3  # light, dark, dark by choice


@pytest.mark.parametrize(("marker", "style", "label"), ALERTS)
def test_feeds_name_the_alert(marker, style, label):
    feed = parse(render_markdown(f"> [!{marker}]\n> Back up first.\n").feed_html)
    assert feed.blockquote.p.strong.text == label
    assert feed.select("blockquote > p")[1].text == "Back up first."
