"""Export posts to Markdown files and import them back, or from Astro and Hugo."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from posts.models import Category, Post, Tag
from series.demo.loader import load_demo
from series.models import Series, SeriesPart
from series.portability import export_markdown, import_markdown

pytestmark = pytest.mark.django_db


def png_bytes():
    output = io.BytesIO()
    Image.new("RGB", (8, 6), "teal").save(output, "PNG")
    return output.getvalue()


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


def test_demo_survives_export_and_import_into_an_empty_database(tmp_path):
    folder = tmp_path / "export"  # not tmp_path itself: MEDIA_ROOT is in there
    load_demo()
    hero = default_storage.save("heroes/2026/hello.png", ContentFile(png_bytes()))
    inline = default_storage.save("uploads/diagram.png", ContentFile(png_bytes()))
    hello = Post.objects.get(slug="hello-world")
    hello.hero_image, hello.hero_image_alt = hero, "A teal square"
    hello.body += f"\r\n![A diagram](/media/{inline})\r\n"
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
    assert report.count("skipped") == 0
    after = snapshot()
    assert after.keys() == before.keys()
    for slug in before:
        assert after[slug] == before[slug], slug
    assert list(Series.objects.values_list("slug", "title", "status")) == series_before
    assert default_storage.open(hero).read() == png_bytes()
    assert default_storage.exists(inline)


def test_export_reports_media_links_out_of_the_media_folder(tmp_path, make_post):
    make_post(slug="odd", body="![a](/media//etc/hostname) ![b](/media/a/../../x.png)")
    report = export_markdown(tmp_path / "out")
    assert outcomes(report)["posts/odd.md"] == (
        "exported",
        "images not found in storage: /etc/hostname, a/../../x.png",
    )
    assert sorted((tmp_path / "out").rglob("*.png")) == []


def test_importing_the_same_export_again_changes_nothing(tmp_path, make_post):
    make_post(slug="once", tags=["x"])
    export_markdown(tmp_path)
    report = import_markdown(tmp_path)
    assert outcomes(report)["posts/once.md"][0] == "exists"
    assert Post.objects.count() == 1


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
    assert post.hero_image.name == "heroes/2022/hero.png"
    assert default_storage.open(post.hero_image.name).read() == png_bytes()
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
    assert outcome == "created" and "not found" in reason
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
