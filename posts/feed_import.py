"""
Import posts from any RSS 2.0 or Atom feed, idempotently by each item's guid.

Every item is imported in its own transaction or not at all, and gets one line in the
report: an item that cannot become a valid post is skipped with the reason; one whose
rendering runs past its deadline, or whose import fails unexpectedly, is refused, and
the next item is imported all the same. A feed that cannot be read at all raises
FeedError, with a message and without a traceback.
"""

import html
import logging
import re
import urllib.request
import xml.sax
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify

from blogcraft.reports import Report

from .feed_markdown import html_to_markdown
from .limits import DESCRIPTION_MAX_CHARS
from .models import Post
from .rendering import RenderTimeout, strip_control_characters
from .rendering.text import strip_control_bytes

logger = logging.getLogger(__name__)

MAX_FEED_BYTES = 10 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 20
WHITESPACE = re.compile(r"\s+")
# [^<>]*: a tag never left open makes the scan stop at the next "<", not the end.
BLOCK_TAG = re.compile(
    r"</?(?:p|h[1-6]|li|ul|ol|div|pre|blockquote|br|hr|tr|td|th|table|figure)"
    r"\b[^<>]*>",
    re.IGNORECASE,
)
# Content feedparser hands over as markup (it has sanitised it): made Markdown.
HTML_TYPES = {"text/html", "application/xhtml+xml"}


class FeedError(Exception):
    """The source as a whole is not a feed that can be read."""


def read_source(source):
    """Return the bytes of a feed given as a local path or an http(s) URL."""
    scheme = urlsplit(str(source)).scheme
    if scheme in {"http", "https"}:
        try:
            with urllib.request.urlopen(source, timeout=FETCH_TIMEOUT_SECONDS) as reply:
                data = reply.read(MAX_FEED_BYTES + 1)
        except (OSError, ValueError) as error:
            raise FeedError(f"Could not fetch {source}: {error}") from error
    elif len(scheme) > 1:
        raise FeedError(
            f"Only http and https URLs or local files can be read: {source}"
        )
    else:
        path = Path(source)
        try:
            if path.stat().st_size > MAX_FEED_BYTES:
                raise FeedError(f"{source} is larger than {MAX_FEED_BYTES:,} bytes.")
            data = path.read_bytes()
        except OSError as error:
            raise FeedError(f"Could not read {source}: {error.strerror}") from error
    if len(data) > MAX_FEED_BYTES:
        raise FeedError(f"{source} is larger than {MAX_FEED_BYTES:,} bytes.")
    return data


def parse_feed(data):
    # Old posts often carry a control character, and a strict XML parser would
    # refuse the whole feed for one.
    data = strip_control_bytes(data)
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except Exception as error:
        # feedparser is meant to report problems rather than raise them; should a
        # feed find a way, it is refused whole like any unreadable feed.
        logger.exception("feedparser failed on a feed")
        raise FeedError(f"Not a readable RSS or Atom feed: {error!r}") from error
    problem = parsed.get("bozo_exception")
    # A feed that is not well-formed XML may be cut short or tampered with: import
    # none of it rather than guess which items are whole.
    if isinstance(problem, xml.sax.SAXException):
        raise FeedError(f"Not a readable RSS or Atom feed: {problem}")
    if not parsed.get("version"):
        reason = problem or "no RSS or Atom elements found"
        raise FeedError(f"Not a readable RSS or Atom feed: {reason}")
    return parsed


def plain_text(markup):
    """Return markup as one line of text, without tags, entities or control bytes."""
    # Blocks are apart on the page: "<h2>Setup</h2><p>Install" reads "Setup Install".
    text = html.unescape(strip_tags(BLOCK_TAG.sub(" ", markup or "")))
    return WHITESPACE.sub(" ", strip_control_characters(text)).strip()


def entry_datetime(entry, *keys):
    """The item's first date among keys (published, then updated, unless told)."""
    keys = keys or ("published_parsed", "updated_parsed")
    # dict.get: feedparser's own get() warns when it maps one date to the other.
    parsed = next(filter(None, (dict.get(entry, key) for key in keys)), None)
    if parsed is None:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def entry_slug(entry, title):
    """Keep the slug of the item's own URL, so that imported links stay familiar."""
    path = urlsplit(entry.get("link") or "").path.rstrip("/")
    return slugify(path.rsplit("/", 1)[-1]) or slugify(title)


def entry_content(entry):
    """Return the item's full content as it came, and as Markdown; or two ""."""
    contents = entry.get("content") or []
    if not contents:
        return "", ""
    content = contents[0]
    value = content.get("value", "")
    if content.get("type", "text/html") in HTML_TYPES:
        return value, html_to_markdown(value)
    return value, value


def post_from_entry(entry, as_draft=False):
    """Build an unsaved Post and its tag names from a parsed feed item."""
    title = plain_text(entry.get("title"))
    content, body = entry_content(entry)
    description = plain_text(entry.get("summary")) or plain_text(content)
    published_at = entry_datetime(entry)
    post = Post(
        title=title,
        slug=entry_slug(entry, title),
        description=Truncator(description).chars(DESCRIPTION_MAX_CHARS),
        body=body or description,
        status=Post.Status.PUBLISHED
        if published_at and not as_draft
        else Post.Status.DRAFT,
        published_at=published_at,
        # When the item last changed, if the feed says: the post's content time.
        content_changed_at=entry_datetime(entry, "updated_parsed"),
        import_guid=(entry.get("id") or entry.get("link") or "").strip(),
    )
    tag_names = sorted(
        {plain_text(tag.get("term"))[:100] for tag in entry.get("tags") or []} - {""}
    )
    return post, tag_names


def validation_message(error):
    return "; ".join(
        f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
        for name, messages in error.message_dict.items()
    )


def import_entry(entry, report, dry_run=False, as_draft=False, adapt=None):
    """Import one feed item unless it exists or is unusable; say so in report."""
    post, tag_names = post_from_entry(entry, as_draft=as_draft)
    if adapt is not None:
        adapt(post)
    guid = post.import_guid
    if not guid:
        return report.add("skipped", post.title, "the item has no guid or link")
    if Post.objects.filter(import_guid=guid).exists():
        return report.add("exists", post.title, guid=guid)
    try:
        # Rendered first: a body past the deadline is refused as such, not
        # reported as an invalid field.
        post.render()
        post.full_clean()
    except ValidationError as error:
        return report.add("skipped", post.title, validation_message(error), guid)
    note = "" if post.published_at or as_draft else "no valid date: kept as a draft"
    if dry_run:
        return report.add("would create", post.title, note, guid)
    with transaction.atomic():
        post.save()
        post.tags.set(tag_names)
    return report.add("created", post.title, note, guid)


def import_feed(source, dry_run=False, as_draft=False, report=None, adapt=None):
    """Import every usable item of the feed at source; return a per-item report.

    as_draft keeps every imported post a draft, to be read over before it goes
    live; the item's date is kept as its publication time. report, if given, is
    the Report to fill (one a command watches). adapt, if given, is called with
    each new post before it is checked, rendered and saved (the demo writes its
    bodies so), so that a body is rendered once.
    """
    parsed = parse_feed(read_source(source))
    report = Report() if report is None else report
    report.expect(len(parsed.entries))
    for entry in parsed.entries:
        try:
            import_entry(entry, report, dry_run=dry_run, as_draft=as_draft, adapt=adapt)
        except Exception as error:
            refuse_entry(entry, error, report)
    return report


def refuse_entry(entry, error, report):
    """Report an item whose import raised error; call it while handling error."""
    title = plain_text(entry.get("title"))
    guid = str(entry.get("id") or entry.get("link") or "").strip()
    if isinstance(error, RenderTimeout):
        return report.add("refused", title, str(error), guid)
    logger.exception("Importing the feed item %r failed unexpectedly", guid)
    reason = (
        f"an unexpected error ({type(error).__name__}) stopped its import; the "
        "server log has the details"
    )
    return report.add("refused", title, reason, guid)
