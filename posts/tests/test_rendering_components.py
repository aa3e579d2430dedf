"""Callouts, tabs, FAQ details, steps, file trees, cards, figures and the TOC."""

import pytest
from bs4 import BeautifulSoup

from posts.rendering import render_markdown


def parse(markdown):
    return BeautifulSoup(render_markdown(markdown).html, "html.parser")


@pytest.mark.parametrize("kind", ["note", "tip", "caution", "danger"])
def test_starlight_callouts(kind):
    soup = parse(f":::{kind}\nMind the **gap**.\n:::\n")
    aside = soup.select_one(f"aside.callout.callout-{kind}")
    assert aside.select_one(".callout-title").text == kind.capitalize()
    assert aside.strong.text == "gap"


def test_callout_with_a_title():
    aside = parse(":::tip[Use `uv` here]\nIt is fast.\n:::\n").aside
    assert aside.select_one(".callout-title code").text == "uv"
    assert aside["aria-label"] == "Use uv here"


@pytest.mark.parametrize("marker", ["\\[!TIP]", "&#91;!TIP]", "&lbrack;!TIP]"])
def test_an_alert_marker_escaped_or_written_as_an_entity_still_counts(marker):
    # The marker is read from the text, after escapes and entities are decoded.
    soup = parse(f"> {marker}\n> Back up first.\n")
    assert soup.select_one("aside.callout-tip .callout-title").text == "Tip"
    assert soup.blockquote is None


def test_a_plain_blockquote_stays_a_blockquote():
    soup = parse("> [!SHRUG] not an alert\n")
    assert soup.blockquote.p.text == "[!SHRUG] not an alert"


TABS = """
::::tabs
::tab[npm]
```sh
npm install blogcraft
```
::tab[pnpm]
```sh
pnpm add blogcraft
```
::::

:::tabs
::tab[pnpm]
Second group, pnpm.
::tab[npm]
Second group, npm.
:::
"""


def test_tabs_are_radio_buttons_with_labels_and_panels():
    soup = parse(TABS)
    first, second = soup.select("div.tabs")
    inputs = first.select("input.tab-input")
    assert [i["type"] for i in inputs] == ["radio", "radio"]
    assert len({i["name"] for i in inputs}) == 1
    assert inputs[0].has_attr("checked") and not inputs[1].has_attr("checked")
    labels = first.select("label.tab-label")
    assert [label["for"] for label in labels] == [i["id"] for i in inputs]
    assert [label.text for label in labels] == ["npm", "pnpm"]
    panels = first.select(":scope > .tab-panel")
    assert "pnpm add" in panels[1].text
    # Every id on the page is unique, across both groups.
    ids = [element["id"] for element in soup.select("[id]")]
    assert len(ids) == len(set(ids)) == 4
    assert second.select_one("input")["name"] != inputs[0]["name"]


def test_a_stray_tab_marker_is_shown_as_text():
    assert parse("::tab[alone]\n").p.text == "::tab[alone]"


def test_details_steps_file_tree_cards_and_figures():
    soup = parse(
        ":::details[Does it need JavaScript?]\nNo.\n:::\n\n"
        ":::steps\n1. Install\n2. Run\n:::\n\n"
        ":::filetree\n- src/\n  - app.py\n- README.md\n:::\n\n"
        "::::cards\n:::card[Fast]\nRendered once.\n:::\n:::card[Safe]\nCleaned.\n:::\n"
        "::::\n\n"
        ":::figure[The *dashboard*]\n![Dashboard](/media/d.png)\n:::\n"
    )
    details = soup.select_one("details.faq")
    assert details.summary.text == "Does it need JavaScript?"
    assert details.p.text == "No."
    assert [li.text for li in soup.select(".steps > ol > li")] == ["Install", "Run"]
    tree = soup.select_one(".filetree")
    assert [li["class"] for li in tree.select("li")] == [
        ["tree-folder"], ["tree-file"], ["tree-file"]
    ]  # fmt: skip
    assert [t.text for t in soup.select(".cards .card .card-title")] == ["Fast", "Safe"]
    figure = soup.select_one("figure.figure")
    assert figure.img["alt"] == "Dashboard"
    assert figure.figcaption.em.text == "dashboard"
    assert figure.p is None


def test_headings_have_unique_ids_and_the_toc_keeps_its_shape():
    rendering = render_markdown("## Install it\n\n### On *Linux*\n\n## Install it\n")
    soup = BeautifulSoup(rendering.html, "html.parser")
    ids = [heading["id"] for heading in soup.select("h2, h3")]
    assert ids == ["install-it", "on-linux", "install-it-1"]
    assert rendering.toc == [
        {"level": 2, "id": "install-it", "title": "Install it"},
        {"level": 3, "id": "on-linux", "title": "On Linux"},
        {"level": 2, "id": "install-it-1", "title": "Install it"},
    ]


def test_gfm_extras_linkify_footnotes_and_nesting():
    soup = parse(
        "See https://example.com/docs now.[^1]\n\n[^1]: A note.\n\n"
        "- a\n  - b\n    - c\n"
    )
    assert soup.select_one("p a")["href"] == "https://example.com/docs"
    assert soup.select_one("section.footnotes li").text.strip().startswith("A note.")
    assert soup.select_one("ul > li > ul > li > ul > li").text == "c"


def test_tabs_script_is_requested_only_with_tabs():
    assert "js/tabs.js" in render_markdown(TABS).scripts
    assert "js/tabs.js" not in render_markdown("No tabs.").scripts
