"""
Feed formats for Django's syndication framework: RSS 2.0 and Atom 1.0 with the full
content of each post, and JSON Feed 1.1.

Feed classes hand every format the same plain text (titles, descriptions, names);
each format writes it the way its readers read it. Where readers render a field as
HTML, the text goes in escaped, so a title like "<img onerror=…>" shows as those
very characters and never becomes an element.

Each item names every author of its post (``authors``: dicts of name, url and
avatar, the last two possibly empty): a dc:creator each in RSS, an author each in
Atom, JSON Feed's item authors.
"""

import html
import json

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed

from .rendering import strip_control_characters

CONTENT_MODULE = "http://purl.org/rss/1.0/modules/content/"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


def without_control_characters(value):
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list | tuple):
        return [without_control_characters(item) for item in value]
    if isinstance(value, dict):
        return {key: without_control_characters(item) for key, item in value.items()}
    return value


class ControlCharacterSafeFeed(SyndicationFeed):
    """Drop the control characters that XML 1.0 cannot carry.

    Posts are cleaned on save, but a row written some other way must never turn the
    feed into a server error.
    """

    def __init__(self, *args, **kwargs):
        args = [without_control_characters(arg) for arg in args]
        kwargs = {key: without_control_characters(v) for key, v in kwargs.items()}
        super().__init__(*args, **kwargs)

    def add_item(self, *args, **kwargs):
        args = [without_control_characters(arg) for arg in args]
        kwargs = {key: without_control_characters(v) for key, v in kwargs.items()}
        super().add_item(*args, **kwargs)


def text_as_html(text):
    """Return HTML that shows exactly text.

    Quotes stay as they are: they are harmless between tags, and a reader that shows
    the field as text would otherwise show "&#x27;" in every "it's".
    """
    return None if text is None else html.escape(text, quote=False)


class RssFeedWithContent(ControlCharacterSafeFeed, Rss201rev2Feed):
    """RSS 2.0 with content:encoded.

    Readers render an RSS description as HTML, and many render titles as HTML too:
    both carry escaped text, for the channel and for each item. Categories and the
    authors' names (dc:creator: RSS's own author element must hold an email
    address) are text to readers and stay as they are.
    """

    def __init__(self, title, link, description, **kwargs):
        super().__init__(text_as_html(title), link, text_as_html(description), **kwargs)

    def add_item(self, title, link, description, **kwargs):
        super().add_item(text_as_html(title), link, text_as_html(description), **kwargs)

    def rss_attributes(self):
        return super().rss_attributes() | {
            "xmlns:content": CONTENT_MODULE,
            "xmlns:dc": DUBLIN_CORE,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item.get("authors", []):
            handler.addQuickElement("dc:creator", author["name"])
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class AtomFeedWithContent(ControlCharacterSafeFeed, Atom1Feed):
    """Atom 1.0 with content.

    Titles, the subtitle and names are Atom text constructs, shown as text. The
    summary is written as type="html": the description goes in escaped.
    """

    def add_item(self, title, link, description, **kwargs):
        super().add_item(title, link, text_as_html(description), **kwargs)

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for author in item.get("authors", []):
            handler.startElement("author", {})
            handler.addQuickElement("name", author["name"])
            if author["url"]:
                handler.addQuickElement("uri", author["url"])
            handler.endElement("author")
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class JsonFeed(ControlCharacterSafeFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).

    Every field is plain text but content_html, which only ever holds the stored,
    sanitised body: a post without a body stands for itself with content_text.
    """

    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": self.feed["title"],
            "home_page_url": self.feed["link"],
            "feed_url": self.feed["feed_url"],
            "description": self.feed["description"],
            "language": self.feed["language"],
            "authors": [{"name": self.feed["author_name"]}],
            "items": [self.item_json(item) for item in self.items],
        }
        outfile.write(json.dumps(feed, ensure_ascii=False, indent=2))

    def item_json(self, item):
        if item.get("content_html"):
            content = {"content_html": item["content_html"]}
        else:
            content = {"content_text": item["description"]}
        entry = {
            "id": item["unique_id"] or item["link"],
            "url": item["link"],
            "title": item["title"],
            "summary": item["description"],
            **content,
            "date_published": item["pubdate"].isoformat(),
            "tags": item["categories"],
        }
        if item["updateddate"]:
            entry["date_modified"] = item["updateddate"].isoformat()
        if item.get("authors"):
            entry["authors"] = [
                {key: value for key, value in author.items() if value}
                for author in item["authors"]
            ]
        return entry
