"""The editor's checks on real Markdown: what each finds, where, what it ignores."""

import shutil
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from posts.checks.body import body_findings
from posts.checks.findings import MAX_PER_CHECK, as_stored
from posts.checks.links import broken_link_findings
from posts.checks.metadata import metadata_findings
from posts.models import Post, Tag
from posts.rendering.diagrams import Diagram
from posts.rendering.parser import parse
from posts.rendering.pipeline import render_markdown


def found(body):
    """[(check, line)] for body, from the rendering a save makes."""
    return [(f.check, f.line) for f in render_markdown(body).findings]


def test_a_skipped_heading_level_is_found_on_its_line():
    body = "Intro.\n\n## Setup\n\nText.\n\n#### Details\n\nMore."
    (finding,) = render_markdown(body).findings
    assert (finding.check, finding.line) == ("heading-order", 7)
    assert "level-4 heading follows a level-2" in finding.message
    assert "table of contents" in finding.message
    assert finding.fix.startswith("Make it level 3 (###)")


def test_headings_in_order_and_going_back_up_are_fine():
    assert found("## One\n\n### One a\n\n### One b\n\n## Two\n\n### Two a") == []


def test_a_level_one_heading_in_the_body_is_found():
    assert found("# Another title\n\nText.") == [("heading-order", 1)]


@pytest.mark.parametrize(
    "image",
    [
        "![](diagram.png)",
        "![   ](diagram.png)",
        "![Describe this image](diagram.png)",
        "![image](diagram.png)",
        "![diagram.png](diagram.png)",
    ],
)
def test_missing_and_placeholder_alt_texts_are_found(image):
    assert found(f"Some words.\n\n{image}") == [("image-alt", 3)]


def test_a_real_description_is_fine():
    assert found("![The request flow from browser to database](flow.png)") == []


def test_an_unknown_fence_language_suggests_the_nearest_known_one():
    (finding,) = render_markdown("Text.\n\n```rusty\nfn main() {}\n```").findings
    assert (finding.check, finding.line) == ("code-language", 3)
    assert "“rusty”" in finding.message
    assert finding.fix == "Did you mean “rust”?"


def test_a_diff_names_its_language_in_lang():
    body = '```diff lang="pythn"\n-a\n+b\n```'
    (finding,) = render_markdown(body).findings
    assert "“pythn”" in finding.message


@pytest.mark.parametrize(
    "info", ["python", "py", "ts", "bash", "text", "diff", "mermaid", "", "Python"]
)
def test_known_languages_and_plain_fences_are_fine(info):
    assert [f for f in body_findings(parse(f"```{info}\nx\n```"), {}, {})] == []


def test_a_link_without_text_is_found_but_an_image_link_with_alt_is_not():
    body = "First line\nsecond line [](https://example.com/).\n\n[![Logo](l.png)](/)"
    assert found(body) == [("link-text", 2)]


def test_a_diagram_mermaid_refuses_is_found_with_its_message():
    source = "graph TD\n  A --> \n"
    tokens = parse(f"Intro.\n\n```mermaid\n{source}```")
    figures = {source: Diagram(error="Parse error on line 2: expecting a node")}
    (finding,) = body_findings(tokens, {}, figures)
    assert (finding.check, finding.line) == ("diagram", 3)
    assert finding.message.endswith("Parse error on line 2: expecting a node")


@pytest.fixture
def node():
    if shutil.which("node") is None:
        pytest.skip("node is missing")


def test_a_formula_katex_refuses_is_found_with_its_tex_as_written(node):
    rendering = render_markdown("Intro.\n\nOne half: $\\frac{1}{$ oops.")
    (finding,) = rendering.findings
    assert (finding.check, finding.line) == ("formula", 3)
    # The TeX as the editor typed it, not Python's repr with doubled backslashes.
    assert "“\\frac{1}{”" in finding.message
    assert "\\\\" not in finding.message
    assert all("\\\\" not in note for note in rendering.problems)


def test_a_display_formula_within_a_sentence_leaves_no_stray_dollars(node):
    html = render_markdown("Inline display $$x^2$$ here.").html
    assert "$" not in html
    assert html.startswith('<p>Inline display <span class="katex-display">')
    assert html.endswith(" here.</p>\n")


def test_findings_of_one_check_are_capped_with_a_count():
    body = "\n\n".join(["![](x.png)"] * (MAX_PER_CHECK + 5))
    stored = as_stored(render_markdown(body).findings)
    assert len(stored) == MAX_PER_CHECK + 1
    assert stored[-1]["message"] == "5 more like the above."


def test_title_and_description_lengths():
    checks = [f.check for f in metadata_findings("T" * 71, "Too short.")]
    assert checks == ["title-length", "description-length"]
    assert metadata_findings("A good title", "D" * 161)[0].field == "description"
    assert metadata_findings("A good title", "Long enough to say it. " * 3) == []


@pytest.mark.django_db
def test_internal_links_to_missing_unpublished_and_renamed_pages(
    make_post, django_assert_num_queries
):
    make_post(slug="live")
    make_post(slug="draft", status=Post.Status.DRAFT)
    make_post(slug="later", published_at=timezone.now() + timedelta(days=1))
    renamed = make_post(slug="old-name")
    renamed.slug = "new-name"
    renamed.save()
    make_post(slug="tagged", status=Post.Status.DRAFT, tags=["secret"])
    body = "\n".join(
        [
            "[ok](/blog/live/) [ok](http://127.0.0.1:8000/blog/live/#part)",
            "[missing](/blog/does-not-exist/)",
            "[draft](/blog/draft/) [later](/blog/later/?x=1)",
            "[moved](/blog/old-name/)",
            "[tag](/tags/secret/) [nowhere](/no/such/page/)",
            "[static](/static/css/site.css) "
            f"[file]({default_storage.url('uploads/a.webp')})",
            "`[code](/blog/does-not-exist/)` [elsewhere](https://example.com/x/)",
        ]
    )
    html = render_markdown(body).html
    # Posts: all, public, renamed; tags: all, public: one query each, however many
    # links (the content type is cached since the rename).
    with django_assert_num_queries(5):
        findings = broken_link_findings(body, html)
    assert [(f.line, f.message) for f in findings] == [
        (5, "The link to /no/such/page/ leads to no page on this site."),
        (2, "The link to /blog/does-not-exist/ leads to no page on this site."),
        (
            3,
            "The link to /blog/draft/ leads to a page readers cannot open yet "
            "(a draft, or scheduled).",
        ),
        (
            3,
            "The link to /blog/later/?x=1 leads to a page readers cannot open yet "
            "(a draft, or scheduled).",
        ),
        (4, "The link to /blog/old-name/ leads to an old address, redirected."),
        (
            5,
            "The link to /tags/secret/ leads to a page readers cannot open yet "
            "(a draft, or scheduled).",
        ),
    ]
    assert all(f.check == "internal-link" for f in findings)


@pytest.mark.django_db
def test_checks_are_stored_on_save_and_never_stop_it(make_post):
    post = Post(
        title="Checked",
        description="A post with things to fix, which is saved all the same.",
        body="## A\n\n#### B\n\n![](x.png) [gone](/blog/gone/)",
    )
    post.full_clean()
    post.save()
    post.refresh_from_db()
    assert [c["check"] for c in post.checks] == [
        "heading-order",
        "image-alt",
        "internal-link",
    ]
    assert post.checks[0] == {
        "check": "heading-order",
        "message": post.checks[0]["message"],
        "fix": "Make it level 3 (###), or add the level between.",
        "line": 3,
        "field": "body",
    }


@pytest.mark.django_db
def test_a_title_change_updates_its_check_without_rendering_again(
    make_post, monkeypatch
):
    post = make_post(body="![](x.png)", description="Long enough to say it. " * 3)
    monkeypatch.setattr(
        "posts.models.stored_fields", lambda source: pytest.fail("rendered again")
    )
    post.title = "T" * 80
    post.save(update_fields=["title"])
    post.refresh_from_db()
    assert [c["check"] for c in post.checks] == ["image-alt", "title-length"]
    post.title = "Short again"
    post.save()
    post.refresh_from_db()
    assert [c["check"] for c in post.checks] == ["image-alt"]


@pytest.mark.django_db
def test_a_tag_used_by_a_published_post_is_a_fine_link(make_post):
    make_post(tags=["open"])
    assert Tag.objects.get(name="open").slug == "open"
    body = "[open](/tags/open/) [page two](/tags/open/2/)"
    assert broken_link_findings(body, render_markdown(body).html) == []


@pytest.mark.django_db
def test_rerender_keeps_every_check_and_reports_no_change(make_post):
    from posts.rerendering import rerender_posts

    make_post(title="T" * 80, body="![](x.png) [x](/blog/nowhere/)")
    assert rerender_posts() == []
