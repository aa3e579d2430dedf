"""Export posts to Markdown files and import them back, or from Astro and Hugo."""

import io
import os
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image
from reversion.models import Version

from blogcraft.tests.command_output import report_lines
from markdown_files import deadline, images, importer
from markdown_files.exporter import SERIES_FILE, export_markdown
from markdown_files.importer import import_markdown
from markdown_files.tests.import_output import import_lines
from posts.models import Category, Post, Tag
from posts.tests.media_storage import stored_names
from posts.uploads import prepare
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db


def png_bytes():
    output = io.BytesIO()
    Image.new("RGB", (8, 6), "teal").save(output, "PNG")
    return output.getvalue()


# After the site's MEDIA_URL, whichever storage it names.
PROJECT_NAME = re.compile(r"/(?P<name>uploads/[0-9a-f]{32}\.png)")
HERO_NAME = re.compile(r"heroes/\d{4}/[0-9a-f]{32}\.png")


class ImageTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append(dict(attrs))


def images_in(html):
    parser = ImageTags()
    parser.feed(html)
    return parser.found


def same_pixels(data, expected):
    """Whether two encoded images show the same pixels, in the same format."""
    with Image.open(io.BytesIO(data)) as image, Image.open(io.BytesIO(expected)) as of:
        return (image.format, image.mode, image.size, image.tobytes()) == (
            of.format,
            of.mode,
            of.size,
            of.tobytes(),
        )


def outcomes(report):
    return {
        result.subject: (result.outcome, result.reason) for result in report.results
    }


def snapshot():
    """Everything an export should carry over, per post slug."""
    return {
        post.slug: (
            post.title,
            post.description,
            post.body,
            post.body_html,
            post.status,
            post.published_at,
            post.updated_at,
            post.update_note,
            post.category.name if post.category else None,
            sorted(tag.name for tag in post.tags.all()),
            (
                post.series_part.series.slug,
                post.series_part.position,
                post.series_part.label,
            )
            if hasattr(post, "series_part")
            else None,
            post.hero_image.name,
            post.hero_image_alt,
        )
        for post in Post.objects.for_list()
    }


def empty_database():
    SeriesPart.objects.all().delete()
    Series.objects.all().delete()
    Post.objects.all().delete()
    Category.objects.all().delete()
    Tag.objects.all().delete()


def test_demo_survives_export_and_import_into_an_empty_database(tmp_path, demo):
    folder = tmp_path / "export"  # not tmp_path itself: MEDIA_ROOT is in there
    hero = default_storage.save("heroes/2026/hello.png", ContentFile(png_bytes()))
    inline = default_storage.save("uploads/diagram.png", ContentFile(png_bytes()))
    hello = Post.objects.get(slug="hello-world")
    hello.hero_image, hello.hero_image_alt = hero, "A teal square"
    hello.body += f"\r\n![A diagram]({settings.MEDIA_URL}{inline})\r\n"
    hello.updated_at, hello.update_note = hello.published_at, "Added a diagram."
    hello.save()
    SeriesPart.objects.filter(position=1).update(label="Prologue")
    before = snapshot()
    series_before = list(Series.objects.values_list("slug", "title", "status"))

    export_markdown(folder)
    empty_database()
    for name in (hero, inline):
        default_storage.delete(name)
    report = import_markdown(folder)

    assert report.count("created") == len(before) + len(series_before)
    assert report.count("skipped") == report.count("refused") == 0
    after = snapshot()
    assert after.keys() == before.keys()
    for slug in before.keys() - {"hello-world"}:
        assert after[slug] == before[slug], slug
    assert list(Series.objects.values_list("slug", "title", "status")) == series_before
    # Images are stored afresh under new names, and the body links to the new one.
    hello = Post.objects.get(slug="hello-world")
    new_inline = PROJECT_NAME.search(hello.body)["name"]
    assert hello.body == before["hello-world"][2].replace(inline, new_inline)
    image = images_in(hello.body_html)[-1]
    assert (image["src"], image["width"], image["height"]) == (
        f"{settings.MEDIA_URL}{new_inline}",
        "8",
        "6",
    )
    assert HERO_NAME.fullmatch(hello.hero_image.name)
    unchanged = [0, 1, *range(4, 11), 12]  # all but the body, its HTML, the hero
    assert [after["hello-world"][index] for index in unchanged] == [
        before["hello-world"][index] for index in unchanged
    ]
    for name in (hello.hero_image.name, new_inline):
        assert same_pixels(default_storage.open(name).read(), png_bytes())
    assert not default_storage.exists(hero) and not default_storage.exists(inline)


def test_export_reports_media_links_out_of_the_media_folder(tmp_path, make_post):
    make_post(
        slug="odd",
        body=f"![a]({settings.MEDIA_URL}/etc/hostname) "
        f"![b]({settings.MEDIA_URL}a/../../x.png)",
    )
    report = export_markdown(tmp_path / "out")
    assert outcomes(report)["posts/odd.md"] == (
        "exported",
        "images not found in storage: /etc/hostname, a/../../x.png",
    )
    assert sorted((tmp_path / "out").rglob("*.png")) == []


def test_importing_the_same_export_again_changes_nothing(tmp_path, make_post):
    post = make_post(slug="once", tags=["x"])
    export_markdown(tmp_path)
    revisions = Version.objects.get_for_object(post).count()
    report = import_markdown(tmp_path)
    assert outcomes(report)["posts/once.md"] == (
        "skipped",
        "a post with the slug 'once' exists: run the import with --update to apply "
        "this file to it",
    )
    assert outcomes(import_markdown(tmp_path, update=True))["posts/once.md"] == (
        "unchanged",
        "",
    )
    assert Post.objects.count() == 1
    assert Version.objects.get_for_object(post).count() == revisions


def write(directory, name, text, encoding="utf-8"):
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


GOOD = "---\ntitle: Good\ndescription: Fine.\nstatus: published\n---\nBody.\n"
ALIAS_BOMB = (
    "---\ntitle: Bomb\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a]\n"
    "c: [*b, *b, *b, *b, *b, *b]\n---\nBody\n"
)


@pytest.mark.parametrize(
    "content, reason",
    [
        ("---\ntitle: Open\nBody without an end\n", "not closed"),
        ("No front matter at all.\n", "does not start with"),
        ("---\ntitle: [unclosed\n---\nBody\n", "not valid YAML"),
        ("---\ntitle: !!python/object/apply:os.system [echo hi]\n---\n", "not valid"),
        (ALIAS_BOMB, "anchors or aliases"),
        ("---\ntitle: Leap\ndate: 2023-02-29\n---\nBody\n", "impossible value"),
        ("---\ntitle: Late\npubDate: 31/02/2024\n---\nBody\n", "is not a date"),
        ("---\ntitle: no\n---\nBody\n", "title must be text"),
        ("---\n- a list\n---\nBody\n", "must be a mapping"),
        ("---\ntitle: T\ntags: {a: 1}\n---\n", "tags must be a list"),
        ("---\ntitle: T\ndraft: maybe\n---\n", "draft must be true or false"),
        ("---\ntitle: T\nseries: {slug: none, position: 1}\n---\nBody\n", "not known"),
        ("---\ntitle: T\nseries: {slug: s, position: 0}\n---\n", "whole number"),
        ("+++\ntitle = 'toml'\n+++\n", "TOML"),
        ("---\ntitle: T\ndate: 9999-12-31T23:00:00-05:00\n---\n", "out of range"),
    ],
)
def test_malformed_files_are_reported_and_not_imported(tmp_path, content, reason):
    write(tmp_path, "good.md", GOOD)
    write(tmp_path, "bad.md", content)
    report = import_markdown(tmp_path)
    outcome, message = outcomes(report)["bad.md"]
    assert outcome == "skipped"
    assert reason in message
    assert list(Post.objects.values_list("slug", flat=True)) == ["good"]


def test_non_utf8_file_is_reported(tmp_path):
    write(tmp_path, "latin.md", "---\ntitle: Café\n---\nÉté\n", encoding="latin-1")
    outcome, message = outcomes(import_markdown(tmp_path))["latin.md"]
    assert outcome == "skipped"
    assert "not UTF-8" in message
    assert not Post.objects.exists()


def test_huge_file_is_refused_unread(tmp_path, settings):
    settings.BLOGCRAFT_BODY_MAX_CHARS = 1000
    write(tmp_path, "huge.md", "---\ntitle: Huge\n---\n" + "x" * 200_000)
    outcome, message = outcomes(import_markdown(tmp_path))["huge.md"]
    assert outcome == "skipped" and "larger than" in message


def test_a_file_fails_whole_nothing_half_imported(tmp_path, make_series):
    series = make_series(slug="taken", part_count=1)
    site = tmp_path / "site"  # MEDIA_ROOT is tmp_path/media
    write(
        site,
        "clash.md",
        "---\ntitle: Clash\ndescription: d\ncategory: Brand new\ntags: [fresh]\n"
        "series: {slug: taken, position: 1}\n---\n![x](/media/uploads/x.png)\n",
    )
    write(site, "media/uploads/x.png", png_bytes())
    outcome, message = outcomes(import_markdown(site))["clash.md"]
    assert outcome == "skipped"
    assert "position" in message
    assert not Post.objects.filter(slug="clash").exists()
    assert not Category.objects.filter(name="Brand new").exists()
    assert not Tag.objects.filter(name="fresh").exists()
    assert series.parts.count() == 1
    assert not default_storage.exists("uploads/x.png")


def test_dry_run_checks_everything_and_saves_nothing(tmp_path, make_post):
    make_post(slug="kept", tags=["t"])
    export_markdown(tmp_path)
    empty_database()
    write(tmp_path, "posts/broken.md", "---\ntitle: no\n---\n")
    report = import_markdown(tmp_path, dry_run=True)
    assert outcomes(report)["posts/kept.md"][0] == "would create"
    assert outcomes(report)["posts/broken.md"][0] == "skipped"
    assert not Post.objects.exists()
    assert not Tag.objects.exists()


# As Astro's blog template writes them; this one is a draft.
ASTRO_DRAFT = """---
title: 'Second post'
description: 'Lorem ipsum dolor sit amet'
pubDate: 'Jul 15 2022'
heroImage: '/blog-placeholder-4.jpg'
draft: true
---
Text.
"""


def test_astro_content_folder(tmp_path):
    write(
        tmp_path,
        "src/content/blog/first-post.md",
        "---\ntitle: 'First post'\ndescription: 'Lorem ipsum'\n"
        "pubDate: 2022-07-08\nupdatedDate: '2022-07-10T09:30:00Z'\n"
        "heroImage: '/hero.png'\nheroImageAlt: A teal square\n"
        "tags: [astro, Web]\n---\nText.\n",
    )
    write(tmp_path, "public/hero.png", png_bytes())
    write(tmp_path, "src/content/blog/draft.md", ASTRO_DRAFT)
    report = import_markdown(tmp_path)
    assert outcomes(report)["src/content/blog/first-post.md"] == ("created", "")
    post = Post.objects.get(slug="first-post")
    assert post.is_published()
    assert post.published_at.date().isoformat() == "2022-07-08"
    assert post.updated_at.isoformat() == "2022-07-10T09:30:00+00:00"
    assert sorted(tag.name for tag in post.tags.all()) == ["Web", "astro"]
    # Stored afresh under a name of the project's, as an editor's upload is.
    assert HERO_NAME.fullmatch(post.hero_image.name)
    assert post.hero_image.name.startswith("heroes/2022/")
    assert same_pixels(default_storage.open(post.hero_image.name).read(), png_bytes())
    draft = Post.objects.get(slug="draft")
    assert draft.status == Post.Status.DRAFT
    assert draft.published_at.date().isoformat() == "2022-07-15"
    assert "has no alt text" in outcomes(report)["src/content/blog/draft.md"][1]


def test_hugo_page_bundle_and_missing_description(tmp_path):
    write(
        tmp_path,
        "content/posts/my-trip/index.md",
        "---\ntitle: My trip\ndate: 2021-03-04T10:00:00+01:00\ndraft: false\n"
        "categories: [Travel]\nimage: ../../../../etc/passwd\n---\n"
        "We went *far* away.\n",
    )
    write(tmp_path, "content/posts/_index.md", "---\ntitle: Posts\n---\n")
    report = import_markdown(tmp_path)
    outcome, reason = outcomes(report)["content/posts/my-trip/index.md"]
    assert outcome == "created"
    assert "hero image has no alt text" in reason
    post = Post.objects.get(slug="my-trip")
    assert post.description == "We went far away."
    assert post.category.name == "Travel"
    assert not post.hero_image
    assert outcomes(report)["content/posts/_index.md"][0] == "skipped"


def test_hero_image_outside_the_folder_is_not_read(tmp_path):
    (tmp_path / "outside.png").write_bytes(png_bytes())
    root = tmp_path / "site"
    write(
        root,
        "post.md",
        "---\ntitle: Sneaky\nheroImage: ../outside.png\nheroImageAlt: x\n---\nHi\n",
    )
    outcome, reason = outcomes(import_markdown(root))["post.md"]
    assert outcome == "created"
    assert reason == "hero image ../outside.png left out: it leaves the import folder"
    assert not Post.objects.get(slug="post").hero_image


def test_commands_report_each_file(tmp_path, make_post, capsys):
    make_post(slug="cmd")
    call_command("export_markdown", str(tmp_path / "out"))
    assert "exported  posts/cmd.md" in capsys.readouterr().out
    Post.objects.all().delete()
    call_command("import_markdown", str(tmp_path / "out"), "--dry-run")
    assert "would create  posts/cmd.md" in capsys.readouterr().out
    assert not Post.objects.exists()
    call_command("import_markdown", str(tmp_path / "out"))
    assert Post.objects.filter(slug="cmd").exists()


# Names the project gives what it stores: uploads and their renditions, heroes and
# covers, and the share cards drawn on save.
PROJECT_FILES = re.compile(
    r"(uploads/[0-9a-f]{32}(-\d+w)?|(heroes|series)/\d{4}/[0-9a-f]{32}"
    r"|share/[0-9a-f]{24})\.(png|jpg|gif|webp)"
)


def stored_files(settings):
    return stored_names(default_storage)


def assert_only_project_images(settings):
    """Every stored file is an image the project encoded and named."""
    for name in stored_files(settings):
        assert PROJECT_FILES.fullmatch(name), name
        with default_storage.open(name) as stored, Image.open(stored) as image:
            image.load()


def gif_bytes():
    frames = [Image.new("RGB", (30, 20), colour) for colour in ("red", "blue")]
    output = io.BytesIO()
    frames[0].save(output, "GIF", save_all=True, append_images=frames[1:], loop=0)
    return output.getvalue()


def test_images_named_in_a_body_pass_the_upload_pipeline(tmp_path, settings):
    site = tmp_path / "site"
    write(site, "media/uploads/photo.png", png_bytes())
    write(site, "media/uploads/moving.gif", gif_bytes())
    write(site, "media/evil.html", "<script>alert(document.cookie)</script>")
    write(site, "media/evil.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script/>')
    write(site, "media/fake.png", "<!doctype html><script>alert(1)</script>")
    body = (
        "![a](/media/uploads/photo.png) ![again](/media/uploads/photo.png)\n"
        "![b](/media/uploads/moving.gif)\n"
        "[c](/media/evil.html) ![d](/media/evil.svg) ![e](/media/fake.png)\n"
    )
    write(site, "post.md", f"---\ntitle: Mixed\ndescription: d\n---\n{body}")

    lines, summary = import_lines(site)

    outcome, reason = lines["post.md"]
    assert outcome == "created"
    assert summary == "1 created, 1 with warnings"
    not_an_image = "The file is not a PNG, JPEG, WebP or GIF image"
    for name, why in [
        ("evil.html", not_an_image),
        ("evil.svg", "SVG images are not accepted"),
        ("fake.png", not_an_image),
    ]:
        assert (
            f"image /media/{name} left out, its link in the body is broken: {why}"
            in reason
        )
    post = Post.objects.get(slug="post")
    photo, again, moving = PROJECT_LINK.findall(post.body)
    assert photo == again and photo.endswith(".png") and moving.endswith(".gif")
    # The refused files' links stay as they were, and are named in the report.
    assert "[c](/media/evil.html) ![d](/media/evil.svg) ![e](/media/fake.png)" in (
        post.body
    )
    assert same_pixels(default_storage.open(photo).read(), png_bytes())
    with default_storage.open(moving) as stored, Image.open(stored) as image:
        assert image.n_frames == 2
    assert_only_project_images(settings)
    assert not any("evil" in name or "fake" in name for name in stored_files(settings))


PROJECT_LINK = re.compile(r"/(uploads/[0-9a-f]{32}\.(?:png|gif))")


def test_hero_images_and_covers_pass_the_upload_pipeline(tmp_path, settings):
    site = tmp_path / "site"
    write(site, "media/heroes/2026/page.png", "<html><script>x</script></html>")
    write(site, "media/series/2026/cover.png", "<svg><script>x</script></svg>")
    write(site, "media/series/2026/fine.png", png_bytes())
    write(
        site,
        SERIES_FILE,
        "- {slug: bad-cover, title: T, description: D, "
        "cover_image: media/series/2026/cover.png, cover_image_alt: A cover}\n"
        "- {slug: good-cover, title: T, description: D, "
        "cover_image: media/series/2026/fine.png, cover_image_alt: A cover}\n",
    )
    write(
        site,
        "posts/hero.md",
        "---\ntitle: Hero\ndescription: d\nhero_image: media/heroes/2026/page.png\n"
        "hero_image_alt: A page\n---\nBody\n",
    )

    lines, _ = import_lines(site)

    assert lines["series.yaml bad-cover"] == (
        "created",
        "cover image media/series/2026/cover.png left out: SVG images are not "
        "accepted, because they can carry scripts. Export the drawing as PNG "
        "instead.",
    )
    assert lines["series.yaml good-cover"] == ("created", "")
    outcome, reason = lines["posts/hero.md"]
    assert outcome == "created"
    assert reason.startswith("hero image media/heroes/2026/page.png left out: ")
    assert "not a PNG, JPEG, WebP or GIF" in reason
    assert not Post.objects.get(slug="hero").hero_image
    assert not Series.objects.get(slug="bad-cover").cover_image
    cover = Series.objects.get(slug="good-cover").cover_image.name
    assert re.fullmatch(r"series/\d{4}/[0-9a-f]{32}\.png", cover)
    assert same_pixels(default_storage.open(cover).read(), png_bytes())
    assert_only_project_images(settings)


def test_paths_out_of_the_folder_are_refused_per_image(tmp_path, settings):
    (tmp_path / "secret.png").write_bytes(png_bytes())
    site = tmp_path / "site"
    write(site, "x.png", png_bytes())
    write(site, "posts/inside.png", png_bytes())
    (site / "media").mkdir()
    (site / "media" / "linked-out.png").symlink_to(tmp_path / "secret.png")
    (site / "media" / "linked-in.png").symlink_to(site / "posts" / "inside.png")
    (site / "posts" / "hero-link.png").symlink_to(tmp_path / "secret.png")
    body = (
        "![a](/media/uploads/../../x.png) ![b](/media//etc/hostname)\n"
        "![g](/media/../../secret.png)\n"
        "![c](/media/../posts/inside.png) ![d](/media/linked-out.png)\n"
        "![e](/media/linked-in.png) ![f](/media/missing.png)\n"
    )
    write(
        site,
        "posts/escape.md",
        f"---\ntitle: Escape\ndescription: d\nheroImage: hero-link.png\n"
        f"heroImageAlt: A hero\n---\n{body}",
    )
    write(site, "posts/after.md", GOOD)

    lines, summary = import_lines(site)

    outcome, reason = lines["posts/escape.md"]
    assert outcome == "created"
    assert lines["posts/after.md"] == ("created", "")
    assert summary == "2 created, 1 with warnings"
    leaves = "it leaves the export's media folder"
    for name in [
        "uploads/../../x.png",
        "/etc/hostname",
        "../../secret.png",
        "../posts/inside.png",
        "linked-out.png",
        "linked-in.png",
    ]:
        broken = f"image /media/{name} left out, its link in the body is broken"
        assert f"{broken}: {leaves}" in reason
    broken = "image /media/missing.png left out, its link in the body is broken"
    assert f"{broken}: not found" in reason
    assert "hero image hero-link.png left out: it leaves the import folder" in reason
    assert reason.count("left out") == 8
    assert not Post.objects.get(slug="escape").hero_image
    assert [name for name in stored_files(settings) if "share/" not in name] == []


def test_a_markdown_file_linked_from_outside_is_not_read(tmp_path):
    (tmp_path / "private.md").write_text("---\ntitle: Private notes\n---\nSecret\n")
    site = tmp_path / "site"
    site.mkdir()
    (site / "notes.md").symlink_to(tmp_path / "private.md")
    lines, _ = import_lines(site)
    assert lines["notes.md"] == (
        "refused",
        "The file is a link to a file outside the import folder: it is not read.",
    )
    assert not Post.objects.exists()


NESTED_DEEP = "[" * 5000 + "]" * 5000


@pytest.mark.parametrize(
    "series_yaml",
    [
        NESTED_DEEP,
        "- " + NESTED_DEEP,
        "".join(" " * depth + "a:\n" for depth in range(1200)),  # block nesting
        "- &a {slug: s, title: T, description: D}\n- *a\n",
    ],
    ids=["flow", "flow-in-entry", "block", "aliases"],
)
def test_a_series_file_that_would_crash_the_loader_is_one_line(tmp_path, series_yaml):
    site = tmp_path / "site"
    write(site, SERIES_FILE, series_yaml)
    write(site, "posts/good.md", GOOD)
    lines, summary = import_lines(site)
    outcome, reason = lines[SERIES_FILE]
    assert outcome == "skipped"
    # libyaml stops at 1,000 levels on its own; without it, our check says so.
    assert "nest" in reason or "anchors or aliases" in reason
    assert lines["posts/good.md"] == ("created", "")
    assert summary == "1 created, 1 skipped"


def test_front_matter_nested_deeply_is_skipped_without_recursing(tmp_path):
    site = tmp_path / "site"
    write(site, "deep.md", f"---\ntitle: Deep\ntags: {NESTED_DEEP}\n---\nBody\n")
    write(site, "good.md", GOOD)
    report = import_markdown(site)
    outcome, reason = outcomes(report)["deep.md"]
    assert outcome == "skipped"
    assert reason.startswith("The front matter is ") and "nest" in reason
    assert outcomes(report)["good.md"] == ("created", "")


def test_long_values_are_quoted_short_in_reasons(tmp_path):
    site = tmp_path / "site"
    write(site, "long.md", f"---\ntitle: [{', '.join(['x'] * 5000)}]\n---\nBody\n")
    outcome, reason = outcomes(import_markdown(site))["long.md"]
    assert outcome == "skipped"
    assert reason.startswith("title must be text, but YAML read it as ['x', 'x'")
    assert len(reason) < 200


def test_each_series_entry_gets_one_line(tmp_path, make_series):
    make_series(slug="taken")
    site = tmp_path / "site"
    write(
        site,
        SERIES_FILE,
        "- {slug: fine, title: Fine, description: D}\n"
        "- just text\n"
        "- {slug: [not, text], title: T, description: D}\n"
        "- {slug: taken, title: T, description: D}\n"
        "- {slug: no-title, description: D}\n",
    )
    lines, summary = import_lines(site)
    assert lines == {
        "series.yaml fine": ("created", ""),
        "series.yaml #2": ("skipped", "each series must be a mapping."),
        "series.yaml #3": lines["series.yaml #3"],
        "series.yaml taken": ("exists", ""),
        "series.yaml no-title": lines["series.yaml no-title"],
    }
    assert lines["series.yaml #3"][0] == "skipped"
    assert "slug must be text" in lines["series.yaml #3"][1]
    assert lines["series.yaml no-title"] == (
        "skipped",
        "title: This field cannot be blank.",
    )
    assert summary == "1 created, 1 exists, 3 skipped"


@pytest.mark.parametrize("description", ["description: Given.\n", ""])
def test_a_body_whose_rendering_times_out_is_refused(
    tmp_path, settings, slow_to_render, description
):
    site = tmp_path / "site"
    write(site, "media/uploads/photo.png", png_bytes())
    write(
        site,
        "a-slow.md",
        f"---\ntitle: Slow\n{description}---\n![p](/media/uploads/photo.png) SLOW\n",
    )
    write(site, "b-good.md", GOOD)
    lines, summary = import_lines(site)
    assert lines["a-slow.md"] == ("refused", "Rendering took longer than 5 seconds.")
    assert lines["b-good.md"] == ("created", "")
    assert summary == "1 created, 1 refused"
    assert not Post.objects.filter(title="Slow").exists()
    assert not [name for name in stored_files(settings) if name.startswith("uploads")]


class FakeClock:
    """Stands in for the time module where the import's deadline reads it."""

    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now


def test_a_file_past_its_deadline_is_refused_and_its_images_removed(
    tmp_path, settings, monkeypatch
):
    # A clock that each image moves on by 0.3 seconds: the deadline, not the
    # machine's speed, decides.
    clock = FakeClock()

    def slow_prepare(*args, **kwargs):
        clock.now += 0.3
        return prepare(*args, **kwargs)

    monkeypatch.setattr(deadline, "time", clock)
    monkeypatch.setattr(images, "prepare", slow_prepare)
    settings.BLOGCRAFT_IMPORT_FILE_TIMEOUT_SECONDS = 0.5
    site = tmp_path / "site"
    links = []
    for number in range(4):
        write(site, f"media/uploads/{number}.png", png_bytes())
        links.append(f"![{number}](/media/uploads/{number}.png)")
    write(site, "many.md", "---\ntitle: Many\ndescription: d\n---\n" + " ".join(links))
    lines, _ = import_lines(site)
    assert lines["many.md"] == (
        "refused",
        "Importing the file took longer than the 0.5 seconds one file may take "
        "(BLOGCRAFT_IMPORT_FILE_TIMEOUT_SECONDS).",
    )
    assert not Post.objects.exists()
    assert stored_files(settings) == []


def test_an_unexpected_error_refuses_one_file_and_the_import_goes_on(
    tmp_path, settings, monkeypatch, caplog
):
    real_save = importer.save_post_file

    def save(post_file):
        if post_file.post.slug == "a-broken":
            raise RuntimeError("something nobody foresaw")
        return real_save(post_file)

    monkeypatch.setattr(importer, "save_post_file", save)
    site = tmp_path / "site"
    write(site, "media/uploads/photo.png", png_bytes())
    write(
        site,
        "a-broken.md",
        "---\ntitle: Broken\ndescription: d\n---\n![p](/media/uploads/photo.png)\n",
    )
    write(site, "b-good.md", GOOD)
    lines, summary = import_lines(site)
    assert lines["a-broken.md"] == (
        "refused",
        "an unexpected error (RuntimeError) stopped its import; the server log has "
        "the details",
    )
    assert lines["b-good.md"] == ("created", "")
    assert summary == "1 created, 1 refused"
    (record,) = [r for r in caplog.records if r.levelname == "ERROR"]
    assert "a-broken.md failed unexpectedly" in record.getMessage()
    assert "something nobody foresaw" in str(record.exc_info[1])
    assert not [name for name in stored_files(settings) if name.startswith("uploads")]


def test_dry_run_checks_images_and_stores_none(tmp_path, settings):
    site = tmp_path / "site"
    write(site, "media/uploads/photo.png", png_bytes())
    write(site, "media/evil.svg", "<svg><script>alert(1)</script></svg>")
    write(
        site,
        "post.md",
        "---\ntitle: Dry\ndescription: d\n---\n"
        "![p](/media/uploads/photo.png) ![e](/media/evil.svg)\n",
    )
    lines, summary = import_lines(site, "--dry-run")
    outcome, reason = lines["post.md"]
    assert outcome == "would create"
    assert reason.startswith("image /media/evil.svg left out")
    assert not Post.objects.exists()
    assert not [name for name in stored_files(settings) if name.startswith("uploads")]


def test_every_file_gets_exactly_one_line(tmp_path):
    site = tmp_path / "site"
    files = {
        "a.md": GOOD,
        "b.md": "---\ntitle: [unclosed\n---\n",
        "c.md": b"---\ntitle: \xff\n---\n",
        "d.md": f"---\ntitle: D\ntags: {NESTED_DEEP}\n---\n",
        "e.md": "---\ntitle: E\ndescription: d\n---\n![x](/media/../../../etc/x)\n",
        "f.md": "---\ntitle: F\nseries: {slug: none, position: 1}\n---\n",
        "g.md": ALIAS_BOMB,
        "h.md": "---\ntitle: H\ndate: 2024-02-30\n---\n",
    }
    for name, content in files.items():
        write(site, name, content)
    write(site, SERIES_FILE, NESTED_DEEP)
    lines, _ = import_lines(site)
    assert sorted(lines) == sorted([*files, SERIES_FILE])
    assert lines["a.md"][0] == lines["e.md"][0] == "created"
    assert {lines[name][0] for name in files if name not in {"a.md", "e.md"}} == {
        "skipped"
    }


def test_a_file_name_that_is_not_utf_8_gets_a_line_a_terminal_can_print(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / os.fsdecode(b"caf\xe9.md")).write_text(GOOD)
    output = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # strict, as a terminal
    call_command("import_markdown", str(site), stdout=output)
    output.seek(0)
    assert report_lines(output.read()) == ["     created  caf?.md", "1 created"]
