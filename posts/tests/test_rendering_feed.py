"""The feed readers' variant: self-contained HTML with absolute URLs."""

import pytest
from bs4 import BeautifulSoup

from posts.rendering import render_markdown
from posts.rendering.parser import parse, render_tokens
from posts.rendering.sanitizer import absolute_urls, sanitize_html

BODY = """
## Start

Read [the guide](/guide/) and [the notes](#start), see ![a chart](img/chart.png).

```py title="app.py" {1}
print("hi")
```

:::caution[Careful]
Back up first.
:::

:::tabs
::tab[npm]
npm words
::tab[pnpm]
pnpm words
:::
"""


def feed(markdown=BODY, base_url="https://blog.example.org/blog/start/"):
    rendering = render_markdown(markdown, base_url=base_url)
    return BeautifulSoup(rendering.feed_html, "html.parser")


def test_code_is_plain_pre_code_under_its_title():
    soup = feed()
    assert soup.select_one("p > strong").text == "app.py"
    # Line 1 is marked: an element, and a sign that a reader without CSS shows.
    assert soup.pre.code.text == '> print("hi")'
    assert soup.pre.code.mark.text == '> print("hi")'
    assert soup.pre.code.find("span") is None


def test_callouts_are_labelled_blockquotes_and_tabs_labelled_sections():
    soup = feed()
    assert soup.blockquote.strong.text == "Caution: Careful"
    sections = soup.select("section")
    assert [s.strong.text for s in sections] == ["npm", "pnpm"]
    assert sections[1].select("p")[1].text == "pnpm words"
    assert soup.find("input") is None


def test_every_url_is_absolute():
    soup = feed()
    urls = [a["href"] for a in soup.find_all("a")] + [soup.img["src"]]
    assert "https://blog.example.org/guide/" in urls
    assert "https://blog.example.org/blog/start/#start" in urls
    assert "https://blog.example.org/blog/start/img/chart.png" in urls
    assert all(url.startswith("https://") for url in urls)


def test_the_feed_variant_is_part_of_every_rendering(settings):
    settings.SITE_URL = "https://site.example"
    soup = BeautifulSoup(render_markdown("[home](/)").feed_html, "html.parser")
    assert soup.a["href"] == "https://site.example/"


@pytest.mark.parametrize(
    "base_url",
    [
        "https://blog.example.org/blog/start/",
        "http://127.0.0.1:8000/",
        "https://a/b?q#f",
    ],
)
def test_reusing_the_page_cleaning_gives_the_feed_cleaning(base_url):
    # A body that renders the same for the page and the feed is cleaned once.
    body = (
        "A [guide](/guide/) and [notes](#start), a [note][^1], [up](../up),\n"
        '[query](?a=1&b=2 "a > b"), [space](<a b>), [mail](mailto:a@b.example),\n'
        '[far](//cdn.example/x), ![chart](img/chart.png "t>"), https://x.example/?q\n'
        '<a title="a>b" href="x&amp;y">raw</a>\n\n[^1]: A note.\n'
    )
    env = {"render_math": None, "render_diagram": None}
    tokens = parse(body)
    page, feed = (
        render_tokens(tokens, dict(env)),
        render_tokens(tokens, env | {"feed": True}),
    )
    assert page == feed
    reused = absolute_urls(sanitize_html(page), base_url)
    assert reused == sanitize_html(feed, base_url=base_url)
    assert render_markdown(body, base_url=base_url).feed_html == reused
