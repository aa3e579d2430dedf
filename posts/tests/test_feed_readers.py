"""Feeds as real clients read them: every image loads, and a reader that shows no
CSS (a text feed reader) still sees the diffs, each formula once and no invented
links, in every feed of the site, of a series and of a tag."""

import io
import json
import shutil
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from posts.rendering import diagrams, math
from posts.tests.media_storage import fetch_media
from posts.uploads import store_upload
from series.models import Series, SeriesPart

from . import newsboat

pytestmark = pytest.mark.django_db

SITE = "https://blog.example.org"
BODY = r"""
Edit settings.py, then README.md and app.py; the guide is at https://example.com/docs.

Changing the greeting is a one-line edit:

```ts ins={3} del={2}
export function greet(name: string): string {
  return `Hello, ${name}!`;
  return `Hello, ${name}, and welcome!`;
}
```

```diff lang="py"
 def answer():
-    return 41
+    return 42
```

```py {2}
total = 0
total += 1
```

Reading time is the word count over a reading speed, rounded up:

$$
t = \left\lceil \frac{w}{225} \right\rceil
$$

so a post of $w = 900$ words takes four minutes.
"""
DISPLAY_TEX = r"t = \left\lceil \frac{w}{225} \right\rceil"


def feed_urls():
    return [
        "/rss.xml",
        "/atom.xml",
        "/feed.json",
        "/series/readers/rss.xml",
        "/series/readers/atom.xml",
        "/tags/python/rss.xml",
    ]


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def publish(make_post):
    """Publish a body in a series and under a tag, so that every feed carries it."""

    def make(body):
        post = make_post(body=body, tags=["Python"])
        series = Series.objects.create(slug="readers", title="Readers")
        SeriesPart.objects.create(series=series, post=post, position=1)
        return post

    return make


def contents(client, url):
    """Return the HTML content of each item of the feed at url."""
    response = client.get(url)
    assert response.status_code == 200, url
    if url.endswith(".json"):
        return [item["content_html"] for item in json.loads(response.content)["items"]]
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return [entry.content[0].value for entry in feed.entries]


def text_reader(content):
    """The lines a reader that ignores markup and CSS shows for content."""
    text = BeautifulSoup(content, "html.parser").get_text()
    return [line.rstrip() for line in text.splitlines()]


@pytest.fixture
def node():
    if shutil.which("node") is None:
        pytest.skip("node is missing: formulas stay TeX everywhere.")
    math._memory.clear()


@pytest.mark.parametrize("url", feed_urls())
def test_changed_lines_read_as_a_diff_without_css(client, publish, url):
    publish(BODY)
    [content] = contents(client, url)
    lines = text_reader(content)
    greeting = lines.index("  export function greet(name: string): string {")
    assert lines[greeting : greeting + 4] == [
        "  export function greet(name: string): string {",
        "-   return `Hello, ${name}!`;",
        "+   return `Hello, ${name}, and welcome!`;",
        "  }",
    ]
    # A diff fence keeps the signs its author wrote.
    answer = lines.index(" def answer():")
    assert lines[answer + 1 : answer + 3] == ["-    return 41", "+    return 42"]
    assert lines[lines.index("  total = 0") + 1] == "> total += 1"  # marked
    # And a reader that knows HTML but not our CSS still marks them.
    soup = BeautifulSoup(content, "html.parser")
    assert [d.get_text() for d in soup.find_all("del")] == [
        "-   return `Hello, ${name}!`;",
        "-    return 41",
    ]
    assert [i.get_text() for i in soup.find_all("ins")] == [
        "+   return `Hello, ${name}, and welcome!`;",
        "+    return 42",
    ]
    # feedparser, like many readers, drops <mark> (not <ins>/<del>): the marked
    # line keeps its meaning by its sign, checked above.


@pytest.mark.parametrize("url", feed_urls())
def test_each_formula_reads_once_as_its_tex(client, node, publish, url):
    post = publish(BODY)
    assert "<math" in post.body_html  # the page still gets KaTeX
    [content] = contents(client, url)
    soup = BeautifulSoup(content, "html.parser")
    assert soup.find("math") is None
    assert [code.get_text() for code in soup.select("pre > code.math-tex")] == [
        DISPLAY_TEX
    ]
    text = soup.get_text()
    assert text.count(DISPLAY_TEX) == 1
    assert text.count("w = 900") == 1
    assert "⌈" not in text


@pytest.mark.parametrize("url", feed_urls())
def test_file_names_are_not_links_in_any_feed(client, publish, url):
    publish(BODY)
    [content] = contents(client, url)
    hrefs = [a["href"] for a in BeautifulSoup(content, "html.parser").find_all("a")]
    assert hrefs == ["https://example.com/docs"]
    assert "settings.py" in BeautifulSoup(content, "html.parser").get_text()


def uploaded_image():
    data = io.BytesIO()
    Image.new("RGB", (600, 300), "teal").save(data, "PNG")
    return store_upload(SimpleUploadedFile("field.png", data.getvalue()))


@pytest.mark.browser
def test_every_image_in_every_feed_loads_as_an_image(client, publish):
    if not diagrams.chromium_path().exists():
        pytest.skip("Chromium is missing: diagrams show as source.")
    image = uploaded_image()
    post = publish(
        f"![A teal field]({image.url})\n\n"
        "```mermaid\nsequenceDiagram\n  Alice->>Bob: Hello\n```\n\n"
        "```mermaid\nflowchart LR\n  Page --> Feed\n```\n"
    )
    assert post.render_problems == []
    for url in feed_urls():
        [content] = contents(client, url)
        sources = [img["src"] for img in BeautifulSoup(content, "html.parser")("img")]
        assert len(sources) == 3, url
        for source in sources:
            # On the site, or where its media are kept (a bucket), never relative.
            assert urlsplit(source).scheme in {"http", "https"}, source
            on_site = source.startswith(f"{SITE}/")
            fetched = fetch_media(client, urlsplit(source).path if on_site else source)
            assert fetched.status == 200, source
            assert fetched.content_type.startswith("image/"), source


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml"])
def test_newsboat_shows_the_diff_one_formula_and_no_invented_link(
    live_server, settings, node, make_post, tmp_path, feed
):
    if newsboat.NEWSBOAT is None:
        pytest.skip("newsboat is missing: `make browser` installs it.")
    settings.SITE_URL = live_server.url
    make_post(body=BODY)
    lines = newsboat.read_first_article(f"{live_server.url}/{feed}", tmp_path)
    lines = [line.rstrip() for line in lines.splitlines()]
    greeting = lines.index("  export function greet(name: string): string {")
    assert lines[greeting : greeting + 4] == [
        "  export function greet(name: string): string {",
        "-   return `Hello, ${name}!`;",
        "+   return `Hello, ${name}, and welcome!`;",
        "  }",
    ]
    answer = lines.index(" def answer():")
    assert lines[answer + 1 : answer + 3] == ["-    return 41", "+    return 42"]
    assert lines[lines.index("  total = 0") + 1] == "> total += 1"
    text = "\n".join(lines)
    assert text.count(DISPLAY_TEX) == 1
    assert text.count("w = 900") == 1
    assert "⌈" not in text
    assert "settings.py" in text
    assert "http://settings.py" not in text
