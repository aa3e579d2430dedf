import functools
import html
import http.server
import io
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from taggit.managers import _TaggableManager as TaggableManager

from blogcraft.tests.command_output import report_lines
from posts import feed_import
from posts.feed_import import FeedError, import_feed
from posts.models import Post, Tag

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "demo" / "blogcraft-rss.xml"


def rss(*items):
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        "<title>T</title><link>https://example.org/</link><description>D</description>"
        + "".join(items)
        + "</channel></rss>"
    )


def item(title="A post", guid="https://example.org/blog/a-post/", **extra):
    description = extra.get("description", "What it is about.")
    pub_date = extra.get("pub_date", "Mon, 20 Apr 2026 00:00:00 GMT")
    return (
        f"<item><title>{title}</title><link>{guid}</link>"
        f"<guid isPermaLink='true'>{guid}</guid>"
        f"<description>{description}</description><pubDate>{pub_date}</pubDate>"
        f"{extra.get('more', '')}</item>"
    )


@pytest.fixture
def feed_file(tmp_path):
    def write(content, name="feed.xml"):
        path = tmp_path / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path

    return write


def test_seed_feed_imports_every_post_exactly():
    report = import_feed(SEED)
    assert report.count("created") == 62
    post = Post.objects.get(slug="chat-to-agent-09-skills-playbook")
    assert post.title == "Skills — Giving an Agent a Playbook"
    assert post.description.startswith("Bonus post. Skills are not a new rung")
    assert post.published_at.isoformat() == "2026-04-20T00:00:00+00:00"
    assert post.is_published()
    assert post.body_html.startswith("<p>Bonus post.")


def test_import_is_idempotent_by_guid():
    import_feed(SEED)
    Post.objects.filter(slug="hello-world").update(title="Edited by an editor")
    report = import_feed(SEED)
    assert report.count("exists") == 62 and report.count("created") == 0
    assert Post.objects.count() == 62
    assert Post.objects.get(slug="hello-world").title == "Edited by an editor"


def test_dry_run_saves_nothing():
    report = import_feed(SEED, dry_run=True)
    assert report.count("would create") == 62
    assert not Post.objects.exists()


def test_unusable_items_are_reported_and_skipped(feed_file, make_post):
    make_post(slug="taken")
    path = feed_file(
        rss(
            item(title="Good one", guid="https://example.org/blog/good/"),
            item(title="x" * 150, guid="https://example.org/blog/long/"),
            item(title="Clash", guid="https://example.org/blog/taken/"),
            "<item><title>No guid or link</title><description>d</description></item>",
            item(
                title="Undated",
                guid="https://example.org/blog/undated/",
                pub_date="31 Feb 2026",
            ),
        )
    )
    report = import_feed(path)
    outcomes = {result.subject[:10]: result for result in report.results}
    assert outcomes["Good one"].outcome == "created"
    assert outcomes["x" * 10].outcome == "skipped"
    assert "at most 100 characters" in outcomes["x" * 10].reason
    assert outcomes["Clash"].outcome == "skipped"
    assert "slug" in outcomes["Clash"].reason
    assert outcomes["No guid or"].outcome == "skipped"
    assert outcomes["Undated"].outcome == "created"
    assert "draft" in outcomes["Undated"].reason
    assert set(Post.objects.values_list("slug", "status")) == {
        ("taken", "published"),
        ("good", "published"),
        ("undated", "draft"),
    }


def test_rss_categories_become_tags_and_markup_is_cleaned(feed_file):
    path = feed_file(
        rss(
            item(
                title="Bell\x07 &amp; whistle",
                description="&lt;p&gt;Some &lt;b&gt;bold&lt;/b&gt; text&lt;/p&gt;",
                more="<category>Python</category><category>C++</category>",
            )
        ).replace("\x07", "&#7;")
    )
    import_feed(path)
    post = Post.objects.get()
    assert post.title == "Bell & whistle"
    assert post.description == "Some bold text"
    assert sorted(post.tags.names()) == ["C++", "Python"]


def test_atom_feed_with_full_content(feed_file):
    path = feed_file(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        "<id>urn:feed</id><updated>2026-01-02T03:04:05Z</updated>"
        "<entry><title>Atom entry</title><id>urn:entry:1</id>"
        '<link href="https://example.org/posts/atom-entry"/>'
        "<published>2026-01-02T03:04:05Z</published>"
        "<summary>Short lede.</summary>"
        '<content type="html">&lt;h2&gt;Part&lt;/h2&gt;&lt;script&gt;x&lt;/script&gt;'
        "&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>"
    )
    import_feed(path)
    post = Post.objects.get(import_guid="urn:entry:1")
    assert post.slug == "atom-entry"
    assert post.description == "Short lede."
    assert "<script" not in post.body_html and "Body" in post.body_html


@pytest.mark.parametrize(
    "content",
    [
        "",
        "hello, this is not a feed",
        "<rss><channel><item><title>broken",
        b"\xff\xfe\x00garbage",
        "<html><body><p>A web page</p></body></html>",
    ],
)
def test_malformed_feeds_are_refused_with_a_message(feed_file, content):
    with pytest.raises(FeedError, match="Not a readable RSS or Atom feed"):
        import_feed(feed_file(content))
    assert not Post.objects.exists()


def test_entity_expansion_bomb_does_not_blow_up(feed_file):
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8)
    )
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]>'
        "<rss version='2.0'><channel><title>t</title>"
        + item(title="&i;")
        + "</channel></rss>"
    )
    try:
        report = import_feed(feed_file(bomb))
    except FeedError:
        pass
    else:
        assert all(len(result.subject) <= 100 for result in report.results)
    assert all(
        len(title) <= 100 for title in Post.objects.values_list("title", flat=True)
    )


def test_missing_file_and_other_schemes_are_refused():
    with pytest.raises(FeedError, match="Could not read"):
        import_feed("/no/such/feed.xml")
    with pytest.raises(FeedError, match="Only http and https"):
        import_feed("file:///etc/passwd")


def test_command_reports_each_item(feed_file, capsys):
    path = feed_file(rss(item(title="One"), item(title="x" * 101, guid="urn:2")))
    call_command("import_feed", str(path), "--dry-run")
    output = capsys.readouterr().out
    assert "would create  One" in output
    assert "skipped" in output and "at most 100 characters" in output
    assert "1 would create, 1 skipped" in output
    assert not Post.objects.exists()


def test_command_turns_a_bad_feed_into_a_command_error(feed_file):
    with pytest.raises(CommandError, match="Not a readable"):
        call_command("import_feed", str(feed_file("nope")))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_feed_is_fetched_from_an_http_url(tmp_path):
    (tmp_path / "rss.xml").write_text(rss(item(title="Over HTTP")))
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        report = import_feed(f"{url}/rss.xml")
        with pytest.raises(FeedError, match="Could not fetch"):
            import_feed(f"{url}/missing.xml")
    finally:
        server.shutdown()
    assert report.count("created") == 1
    assert Post.objects.get().title == "Over HTTP"


def command_output(path, *options):
    output = io.StringIO()
    call_command("import_feed", str(path), *options, stdout=output)
    return report_lines(output.getvalue())


def test_an_item_whose_rendering_times_out_is_refused(feed_file, slow_to_render):
    path = feed_file(
        rss(
            item(title="Slow", guid="urn:slow", description="SLOW"),
            item(title="Fine", guid="urn:fine"),
        )
    )
    assert command_output(path) == [
        "     refused  Slow: Rendering took longer than 5 seconds.",
        "     created  Fine",
        "1 created, 1 refused",
    ]
    assert list(Post.objects.values_list("title", flat=True)) == ["Fine"]
    assert not Tag.objects.exists()


def test_an_unexpected_error_refuses_one_item_and_the_import_goes_on(
    feed_file, monkeypatch, caplog
):
    real_set = TaggableManager.set

    def set_tags(manager, tags, **kwargs):
        if "cursed" in tags:
            raise RuntimeError("something nobody foresaw")
        return real_set(manager, tags, **kwargs)

    monkeypatch.setattr(TaggableManager, "set", set_tags)
    path = feed_file(
        rss(
            item(
                title="Cursed",
                guid="https://example.org/blog/cursed/",
                more="<category>cursed</category>",
            ),
            item(title="Fine", more="<category>fine</category>"),
        )
    )
    assert command_output(path) == [
        "     refused  Cursed: an unexpected error (RuntimeError) stopped its import; "
        "the server log has the details",
        "     created  Fine",
        "1 created, 1 refused",
    ]
    assert list(Post.objects.values_list("title", flat=True)) == ["Fine"]
    (record,) = [r for r in caplog.records if r.levelname == "ERROR"]
    assert "blog/cursed" in record.getMessage()
    assert "something nobody foresaw" in str(record.exc_info[1])


def test_control_characters_anywhere_are_dropped(feed_file):
    controls = "\x00\x01\x08\x0b\x0c\x1b\x7f"
    path = feed_file(
        rss(
            item(
                title=f"Bell{controls}&#0;&#x1B; &amp; whistle",
                guid=f"urn:{controls}bell",
                description=f"Some{controls} text",
                more=f"<category>Py{controls}thon</category>",
            ),
            item(title="Next\x85 one", guid="urn:next"),
        )
    )
    lines = command_output(path)
    assert lines[-1] == "2 created"
    post = Post.objects.get(title="Bell & whistle")
    assert post.description == "Some text"
    assert list(post.tags.names()) == ["Python"]
    # feedparser reads C1 controls as the Windows-1252 characters they usually are.
    assert Post.objects.get(import_guid="urn:next").title == "Next… one"


def test_control_characters_in_a_wide_encoding_refuse_the_feed_with_a_message(
    feed_file,
):
    content = rss(item(title="Bell\x07"))
    path = feed_file(content.replace('encoding="UTF-8"', 'encoding="UTF-16"'))
    path.write_bytes(path.read_text().encode("utf-16"))
    with pytest.raises(CommandError, match="Not a readable RSS or Atom feed"):
        call_command("import_feed", str(path))
    assert not Post.objects.exists()


def test_a_huge_feed_is_refused_unread(feed_file, monkeypatch):
    monkeypatch.setattr(feed_import, "MAX_FEED_BYTES", 1000)
    path = feed_file(rss(*[item(guid=f"urn:{n}") for n in range(20)]))
    with pytest.raises(CommandError, match="larger than 1,000 bytes"):
        call_command("import_feed", str(path))
    assert not Post.objects.exists()


def test_a_feed_the_parser_fails_on_is_refused_with_a_message(feed_file, monkeypatch):
    def fail(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(feed_import.feedparser, "parse", fail)
    with pytest.raises(CommandError, match="Not a readable RSS or Atom feed"):
        call_command("import_feed", str(feed_file(rss(item()))))


def atom_entry(content, guid="urn:entry:code"):
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        "<id>urn:feed</id><updated>2026-01-02T03:04:05Z</updated>"
        f"<entry><title>Code</title><id>{guid}</id>"
        '<link href="https://example.org/posts/code"/>'
        "<published>2026-01-02T03:04:05Z</published>"
        f'<content type="html">{html.escape(content)}</content></entry></feed>'
    )


HIGHLIGHTED_HTML = (
    "<h2>Setup</h2><p>Install it with <em>care</em>, see "
    '<a href="https://example.org/docs">the docs</a>.</p>'
    '<div class="highlight"><pre class="chroma"><code class="language-python">'
    '<span class="k">def</span> <span class="nf">answer</span>():\n'
    "    return 1 &lt; 2\n</code></pre></div>"
    '<pre class="wp-block-code"><code lang="bash">pip install blogcraft</code></pre>'
    "<pre><code>no language here</code></pre>"
    "<ul><li>one</li><li>two</li></ul>"
)


def test_full_html_content_becomes_markdown_with_highlighted_code(feed_file):
    import_feed(feed_file(atom_entry(HIGHLIGHTED_HTML)))
    post = Post.objects.get(import_guid="urn:entry:code")
    assert post.body == (
        "## Setup\n\nInstall it with *care*, see [the docs](https://example.org/docs)."
        "\n\n```python\ndef answer():\n    return 1 < 2\n```\n\n"
        "```bash\npip install blogcraft\n```\n\n```\nno language here\n```\n\n"
        "- one\n- two\n"
    )
    page = BeautifulSoup(post.body_html, "html.parser")
    assert [pre["data-lang"] for pre in page.select("pre.code")] == [
        "python",
        "bash",
        "",
    ]
    # Highlighted on save, as a body written in the editor is.
    assert page.select_one("pre.code span.line").find("span")
    assert page.find("h2").get_text() == "Setup"
    assert post.description.startswith("Setup Install it with care")


def test_as_draft_keeps_every_item_a_draft_with_its_date(feed_file):
    path = feed_file(rss(item(title="One"), item(title="Two", guid="urn:two")))
    assert command_output(path, "--as-draft") == [
        "     created  One",
        "     created  Two",
        "2 created",
    ]
    assert set(Post.objects.values_list("status", flat=True)) == {"draft"}
    assert not Post.objects.published().exists()
    assert {post.published_at.isoformat() for post in Post.objects.all()} == {
        "2026-04-20T00:00:00+00:00"
    }
