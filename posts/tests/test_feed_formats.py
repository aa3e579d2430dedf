"""Every feed field a reader may render as HTML is sanitised HTML or escaped text.

Each plain-text field of a post, series, tag, category, author and the site's
settings carries a hostile payload; every feed is read back the way a reader reads
it: XML decoded by the standard library, then each HTML field parsed as HTML. An
address a reader may follow (an author's) is a web address or is left out.
"""

import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import feedparser
import pytest
from django.contrib.syndication.views import Feed
from django.urls import URLPattern, URLResolver, get_resolver

from posts.models import Author, Category, Tag
from posts.rendering.sanitizer import ALLOWED_TAGS
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

SITE = "https://blog.example.org"
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    # Already escaped: must show as these very characters, not as a tag.
    "&lt;script&gt;",
    '<a href="javascript:alert(1)">x</a>',
]
HOSTILE_BODY = (
    "Some <img src=x onerror=alert(1)> words and [a link](javascript:alert(1)).\n\n"
    "<script>alert(1)</script>\n"
)
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
# RSS says nothing of markup in these; readers take them as text, as feedparser does.
RSS_TEXT = {"category", DC_CREATOR}
# Addresses, identifiers and dates: no reader shows them as prose.
RSS_DATA = {"link", "guid", "pubDate", "lastBuildDate", "language", ATOM_LINK}
ATOM_TEXT_CONSTRUCTS = {f"{ATOM}{name}" for name in ("title", "subtitle", "rights")}
ATOM_DATA = {f"{ATOM}{name}" for name in ("id", "updated", "published", "link")}
FEEDPARSER_HTML = {"text/html", "application/xhtml+xml"}
NOT_A_URL_CHARACTER = re.compile(r"[\x00-\x20]")
HOSTILE_URL = "javascript:alert(1)"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


class Markup(HTMLParser):
    """What a reader that renders a field as HTML builds from it."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.pieces = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_data(self, data):
        self.pieces.append(data)

    @property
    def text(self):
        return "".join(self.pieces)


def html_problems(field, html, shows=None):
    """Return what is live in html; with shows, html must be exactly that text."""
    markup = Markup(html)
    problems = []
    for tag, attrs in markup.elements:
        if tag not in ALLOWED_TAGS:
            problems.append(f"{field}: live <{tag}>")
        for name, value in attrs:
            url = NOT_A_URL_CHARACTER.sub("", value or "").lower()
            if name.startswith("on") or url.startswith("javascript:"):
                problems.append(f"{field}: live {name}={value!r}")
    if shows is not None:
        if markup.elements:
            tags = [tag for tag, _ in markup.elements]
            problems.append(f"{field}: plain text became elements {tags}")
        if markup.text != shows:
            problems.append(f"{field}: shows {markup.text!r}, not {shows!r}")
    return problems


def text_problems(field, text, shows):
    return [] if text == shows else [f"{field}: shows {text!r}, not {shows!r}"]


def url_problems(field, url):
    """An address a reader may follow: absent, or a web address."""
    if url is None or url.startswith(("https://", "http://")):
        return []
    return [f"{field}: {url!r} is not a web address"]


def feedparser_shows(detail):
    """The text a reader built on feedparser shows for a field."""
    if detail.type in FEEDPARSER_HTML:
        return Markup(detail.value).text
    return detail.value


@pytest.fixture(params=PAYLOADS)
def hostile(request, settings, make_post):
    """A site whose every plain-text field is one payload; return the expectations."""
    payload = request.param
    settings.SITE_NAME = settings.SITE_TAGLINE = settings.SITE_AUTHOR = payload
    category = Category.objects.create(name=payload, slug="hostile")
    series = Series.objects.create(title=payload, slug="hostile", description=payload)
    fields = {"title": payload, "description": payload, "category": category}
    posts = [
        make_post(slug="with-body", body=HOSTILE_BODY, tags=[payload], **fields),
        # Without authors: signed by the site, SITE_AUTHOR.
        make_post(slug="without-body", body="", tags=[payload], **fields),
    ]
    author = Author.objects.create(name=payload, bio=payload, url=HOSTILE_URL)
    posts[0].authors.set([author])
    for position, post in enumerate(posts, start=1):
        SeriesPart.objects.create(series=series, post=post, position=position)
    tag = Tag.objects.get()
    return {
        "payload": payload,
        # Each feed's address, with the title and description of its channel.
        "feeds": {
            "posts:rss": ("/rss.xml", payload, payload),
            "posts:atom": ("/atom.xml", payload, payload),
            "posts:json-feed": ("/feed.json", payload, payload),
            "posts:tag-rss": (
                f"/tags/{tag.slug}/rss.xml",
                f"{payload} · #{payload}",
                f"Posts tagged “{payload}” on {payload}.",
            ),
            "posts:tag-atom": (
                f"/tags/{tag.slug}/atom.xml",
                f"{payload} · #{payload}",
                f"Posts tagged “{payload}” on {payload}.",
            ),
            "posts:category-rss": (
                "/categories/hostile/rss.xml",
                f"{payload} · {payload}",
                f"Posts filed under “{payload}” on {payload}.",
            ),
            "posts:category-atom": (
                "/categories/hostile/atom.xml",
                f"{payload} · {payload}",
                f"Posts filed under “{payload}” on {payload}.",
            ),
            "series:rss": (
                "/series/hostile/rss.xml",
                f"{payload} · {payload}",
                payload,
            ),
            "series:atom": (
                "/series/hostile/atom.xml",
                f"{payload} · {payload}",
                payload,
            ),
        },
    }


def feed_route_names(resolver=None, namespace=""):
    """Yield the name of every route served by a syndication Feed."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else ""
            yield from feed_route_names(pattern, inner or namespace)
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "__wrapped__", pattern.callback)
            if isinstance(view, Feed):
                yield f"{namespace}{pattern.name}"


def rss_problems(root, channel_title, channel_description, payload):
    problems = []
    channel = root.find("channel")
    expected = {"title": channel_title, "description": channel_description}
    elements = [("channel", element, expected) for element in channel]
    for item in channel.iter("item"):
        expected = {"title": payload, "description": payload}
        elements += [("item", element, expected) for element in item]
        if item.find(DC_CREATOR) is None:
            problems.append("rss item: no dc:creator")
    for level, element, expected in elements:
        field = f"rss {level}/{element.tag}"
        text = element.text or ""
        if element.tag in expected:
            # Readers render both as HTML: they must hold escaped text.
            problems += html_problems(field, text, shows=expected[element.tag])
        elif element.tag == CONTENT_ENCODED:
            problems += html_problems(field, text)
        elif element.tag in RSS_TEXT:
            problems += text_problems(field, text, payload)
        elif element.tag not in RSS_DATA and element.tag != "item":
            problems.append(f"{field}: a field this test does not know")
    return problems


def atom_problems(root, channel_title, channel_description, payload):
    problems = []
    expected = {f"{ATOM}title": channel_title, f"{ATOM}subtitle": channel_description}
    elements = [("feed", element, expected) for element in root]
    for entry in root.iter(f"{ATOM}entry"):
        expected = {f"{ATOM}title": payload, f"{ATOM}summary": payload}
        elements += [("entry", element, expected) for element in entry]
        if entry.find(f"{ATOM}author") is None:
            problems.append("atom entry: no author")
    for level, element, expected in elements:
        field = f"atom {level}/{element.tag.removeprefix(ATOM)}"
        text = element.text or ""
        is_html = element.get("type") in {"html", "xhtml"}
        if element.tag == f"{ATOM}content":
            assert is_html, field
            problems += html_problems(field, text)
        elif element.tag in expected:
            if is_html:
                problems += html_problems(field, text, shows=expected[element.tag])
            else:
                problems += text_problems(field, text, expected[element.tag])
        elif element.tag == f"{ATOM}author":
            name = element.find(f"{ATOM}name").text
            problems += text_problems(f"{field}/name", name, payload)
            uri = element.find(f"{ATOM}uri")
            problems += url_problems(f"{field}/uri", None if uri is None else uri.text)
        elif element.tag == f"{ATOM}category":
            problems += text_problems(f"{field}@term", element.get("term"), payload)
        elif element.tag in ATOM_TEXT_CONSTRUCTS and is_html:
            problems += html_problems(field, text)
        elif element.tag not in ATOM_DATA and element.tag != f"{ATOM}entry":
            problems.append(f"{field}: a field this test does not know")
    return problems


def feedparser_problems(content, channel_title, channel_description, payload):
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.get("bozo_exception")
    shown = [
        ("title", feedparser_shows(feed.feed.title_detail), channel_title),
        ("subtitle", feedparser_shows(feed.feed.subtitle_detail), channel_description),
    ]
    for entry in feed.entries:
        shown += [
            ("entry title", feedparser_shows(entry.title_detail), payload),
            ("entry summary", feedparser_shows(entry.summary_detail), payload),
            ("entry author", entry.author, payload),
            ("entry authors", [author.name for author in entry.authors], [payload]),
            ("entry tags", [tag.term for tag in entry.tags], [payload]),
        ]
    return [
        f"feedparser {field}: shows {text!r}, not {expected!r}"
        for field, text, expected in shown
        if text != expected
    ]


def json_feed_problems(data, channel_title, channel_description, payload):
    problems = []
    problems += text_problems("json title", data["title"], channel_title)
    problems += text_problems(
        "json description", data["description"], channel_description
    )
    for author in data["authors"]:
        problems += text_problems("json author", author["name"], payload)
    for item in data["items"]:
        if not item["authors"]:
            problems.append("json item authors: none")
        for author in item["authors"]:
            problems += text_problems("json item author", author["name"], payload)
            problems += url_problems("json item author url", author.get("url"))
        problems += text_problems("json item title", item["title"], payload)
        problems += text_problems("json item summary", item["summary"], payload)
        problems += text_problems("json item tags", item["tags"], [payload])
        if "content_html" in item:
            problems += html_problems("json item content_html", item["content_html"])
        if item["url"].endswith("/without-body/"):
            # A post without a body stands for itself with its description, as text.
            problems += text_problems(
                "json item content_text", item.get("content_text"), payload
            )
            if "content_html" in item:
                problems.append("json item content_html: made from plain text")
    return problems


def test_no_plain_text_field_is_live_html_in_any_feed(client, hostile):
    # A feed added later is checked here too, or this fails.
    assert set(feed_route_names()) == set(hostile["feeds"])
    payload = hostile["payload"]
    problems = []
    for url, title, description in hostile["feeds"].values():
        response = client.get(url)
        assert response.status_code == 200, url
        found = []
        if url.endswith(".json"):
            data = json.loads(response.content)
            assert len(data["items"]) == 2, url
            found += json_feed_problems(data, title, description, payload)
        else:
            root = ElementTree.fromstring(response.content)
            if root.tag == "rss":
                assert len(root.findall("./channel/item")) == 2, url
                found += rss_problems(root, title, description, payload)
            else:
                assert len(root.findall(f"{ATOM}entry")) == 2, url
                found += atom_problems(root, title, description, payload)
            found += feedparser_problems(response.content, title, description, payload)
        problems += [f"{url} {problem}" for problem in found]
    assert problems == []
