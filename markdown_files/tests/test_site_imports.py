"""Move a blog from Astro or Hugo, edit what was exported, and carry a site over."""

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from PIL import Image

from markdown_files.exporter import export_markdown
from markdown_files.importer import import_markdown
from markdown_files.tests.import_output import import_lines
from posts.models import Post, SlugHistory
from posts.tests.media_storage import stored_names
from posts.uploads import RENDITION_WIDTHS
from series.models import Series, SeriesPart

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
# Drawn into a copy of each fixture folder: path, size, colour, format.
SITE_IMAGES = {
    "astro-site": [
        ("public/blog-placeholder-1.png", (1200, 600), "teal", "PNG"),
        ("public/blog-placeholder-2.png", (640, 320), "navy", "PNG"),
        ("public/logo.png", (200, 200), "orange", "PNG"),
        ("src/content/blog/diagram.png", (1000, 500), "purple", "PNG"),
        ("src/assets/chart.png", (600, 300), "green", "PNG"),
    ],
    "hugo-site": [
        ("content/posts/my-trip/cover.jpg", (800, 400), "skyblue", "JPEG"),
        ("content/posts/my-trip/beach.jpg", (1500, 1000), "khaki", "JPEG"),
        ("content/posts/my-trip/images/shell.png", (300, 300), "pink", "PNG"),
        ("static/images/logo.png", (200, 200), "orange", "PNG"),
    ],
}
# After the site's MEDIA_URL, whichever storage it names.
UPLOAD_LINK = re.compile(r"/(uploads/[0-9a-f]{32}\.(?:png|jpg))")
ASTRO_BLOG = Path("src/content/blog")


@pytest.fixture
def site(tmp_path):
    """Return a function that copies a fixture folder and draws its images."""

    def copy(name):
        target = tmp_path / "sites" / name
        shutil.copytree(FIXTURES / name, target)
        for path, size, colour, image_format in SITE_IMAGES[name]:
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", size, colour).save(target / path, image_format)
        return target

    return copy


def notes(reason):
    return set(reason.split("; ")) if reason else set()


def stored_pixels(name):
    with default_storage.open(name) as file, Image.open(file) as image:
        return image.size, image.convert("RGB").getpixel((0, 0))


def renditions_of(name):
    stem, extension = name.rsplit(".", 1)
    return sorted(
        f"{stem}-{width}w.{kind}"
        for width in RENDITION_WIDTHS
        for kind in {extension, "webp"}
        if default_storage.exists(f"{stem}-{width}w.{kind}")
    )


def test_an_astro_blog_imports_with_its_images_and_mdx(site):
    root = site("astro-site")

    lines, summary = import_lines(root)
    lines = {
        subject.removeprefix(f"{ASTRO_BLOG}/"): line for subject, line in lines.items()
    }

    assert summary == "3 created, 3 with warnings"
    outcome, reason = lines["first-post.md"]
    assert outcome == "created"
    assert notes(reason) == {"hero image has no alt text: the title is used"}
    first = Post.objects.get(slug="first-post")
    # The hero, from public/ three folders up, through the upload pipeline.
    assert first.hero_image_alt == "First post"
    assert re.fullmatch(r"heroes/2022/[0-9a-f]{32}\.png", first.hero_image.name)
    assert stored_pixels(first.hero_image.name) == ((1200, 600), (0, 128, 128))
    # Body images: the page bundle's and public/'s, stored with renditions.
    diagram, logo = UPLOAD_LINK.findall(first.body)
    assert first.body.count(f"]({settings.MEDIA_URL}uploads/") == 2
    assert f'![The logo]({settings.MEDIA_URL}{logo} "Our logo")' in first.body
    assert "![Not an image, only code](./nowhere-in-code.png)" in first.body
    assert stored_pixels(diagram) == ((1000, 500), (128, 0, 128))
    assert renditions_of(diagram) == [
        diagram.replace(".png", suffix)
        for suffix in ("-480w.png", "-480w.webp", "-960w.png", "-960w.webp")
    ]
    page = BeautifulSoup(first.body_html, "html.parser")
    picture = page.find("img", alt="How the pieces fit")
    assert picture["src"] == f"{settings.MEDIA_URL}{diagram}"
    assert "480w" in picture["srcset"] and picture["width"] == "1000"

    outcome, reason = lines["using-mdx.mdx"]
    assert outcome == "created"
    assert notes(reason) == {
        "MDX <Chart> removed",
        "MDX comment {/* */} removed",
        "MDX export line removed",
        "MDX import line removed (2×)",
        "MDX <Aside> became :::caution",
        "MDX <TabItem> became ::tab (2×)",
        "MDX <Tabs> became :::tabs",
    }
    mdx = Post.objects.get(slug="using-mdx")
    assert "import " not in mdx.body and "<" not in mdx.body
    assert ":::caution[Before you start]\nBack up your content folder.\n:::" in (
        mdx.body
    )
    page = BeautifulSoup(mdx.body_html, "html.parser")
    assert page.select_one("aside.callout-caution .callout-title").get_text() == (
        "Before you start"
    )
    assert [label.get_text() for label in page.select(".tabs label")] == [
        "npm",
        "pnpm",
    ]
    assert [pre["data-lang"] for pre in page.select("pre.code")] == ["sh", "sh"]
    (chart,) = UPLOAD_LINK.findall(mdx.body)
    assert stored_pixels(chart) == ((600, 300), (0, 128, 0))
    assert mdx.hero_image_alt == "A blue placeholder"

    outcome, reason = lines["missing-image.md"]
    assert outcome == "created"
    assert reason == (
        "image ./nowhere.png left out, its link in the body is broken: not found"
    )
    assert "![A photo](./nowhere.png)" in Post.objects.get(slug="missing-image").body


def test_the_report_marks_a_post_with_a_missing_image_as_a_warning(site):
    root = site("astro-site")
    report = import_markdown(root / ASTRO_BLOG)
    by_subject = {str(line.subject): line for line in report.results}
    assert by_subject["missing-image.md"].is_warning()
    assert by_subject["first-post.md"].is_warning()  # its hero got the title as alt


def test_public_images_are_found_in_the_public_dir_given(site, tmp_path):
    root = site("astro-site")
    elsewhere = tmp_path / "assets-elsewhere"
    shutil.move(root / "public", elsewhere)

    lines, _ = import_lines(root / ASTRO_BLOG)
    assert (
        "hero image /blog-placeholder-1.png left out: not found"
        in (lines["first-post.md"][1])
    )
    assert "image /logo.png left out" in lines["first-post.md"][1]

    Post.objects.all().delete()
    lines, _ = import_lines(root / ASTRO_BLOG, "--public-dir", str(elsewhere))
    assert notes(lines["first-post.md"][1]) == {
        "hero image has no alt text: the title is used"
    }
    assert Post.objects.get(slug="first-post").hero_image


def test_importing_a_site_again_stores_nothing_new_and_changes_nothing(site, settings):
    root = site("astro-site")
    import_lines(root / ASTRO_BLOG)
    files = stored_names(default_storage)

    lines, summary = import_lines(root / ASTRO_BLOG)
    assert {outcome for outcome, _ in lines.values()} == {"skipped"}
    assert "run the import with --update" in lines["first-post.md"][1]

    lines, summary = import_lines(root / ASTRO_BLOG, "--update")
    assert {subject: outcome for subject, (outcome, _) in lines.items()} == {
        "first-post.md": "unchanged",
        "using-mdx.mdx": "unchanged",
        "missing-image.md": "unchanged",
    }
    assert stored_names(default_storage) == files


def test_update_applies_an_edited_file_and_names_what_changed(site):
    root = site("astro-site")
    import_lines(root / ASTRO_BLOG)
    post_file = root / ASTRO_BLOG / "first-post.md"
    text = post_file.read_text()
    post_file.write_text(
        text.replace("title: 'First post'", "title: 'The first post'")
        .replace("tags: ['astro', 'meta']", "tags: ['astro']")
        .replace("Welcome.", "Welcome, reader.")
    )

    lines, summary = import_lines(root / ASTRO_BLOG, "--update")

    outcome, reason = lines["first-post.md"]
    assert outcome == "updated"
    # The hero's alt text was the title, and follows it.
    assert reason.startswith("changed title, body, hero image alt, tags; ")
    assert lines["using-mdx.mdx"][0] == "unchanged"
    post = Post.objects.get(slug="first-post")
    assert post.title == "The first post"
    assert post.body.startswith("\nWelcome, reader.")
    assert [tag.name for tag in post.tags.all()] == ["astro"]
    assert Post.objects.count() == 3


def test_an_exported_file_renamed_by_its_editor_keeps_the_old_address(
    tmp_path, make_post, client
):
    post = make_post(slug="draft-title", title="Draft title")
    export_markdown(tmp_path / "out")
    exported = tmp_path / "out" / "posts" / "draft-title.md"
    exported.write_text(
        exported.read_text().replace("slug: draft-title", "slug: final-title")
    )

    report = import_markdown(tmp_path / "out", update=True)

    (line,) = [line for line in report.results if line.subject.startswith("posts/")]
    assert (line.outcome, line.reason) == (
        "updated",
        "changed slug, old addresses",
    )
    post.refresh_from_db()
    assert post.slug == "final-title"
    response = client.get("/blog/draft-title/")
    assert (response.status_code, response["Location"]) == (301, "/blog/final-title/")


def test_a_hugo_page_bundle_keeps_its_images_and_aliases(site, client):
    root = site("hugo-site")

    lines, summary = import_lines(root)

    assert lines["content/posts/_index.md"][0] == "skipped"
    assert lines["content/posts/my-trip/index.md"] == (
        "created",
        "hero image has no alt text: the title is used",
    )
    assert lines["content/posts/plain-post.md"] == ("created", "")
    trip = Post.objects.get(slug="my-trip")
    assert trip.description == "Three days by the sea, in pictures."
    assert trip.category.name == "Travel"
    assert re.fullmatch(r"heroes/2021/[0-9a-f]{32}\.jpg", trip.hero_image.name)
    assert trip.hero_image_alt == "My trip to the coast"
    beach, shell = UPLOAD_LINK.findall(trip.body)
    assert stored_pixels(beach)[0] == (1500, 1000)
    assert stored_pixels(shell)[0] == (300, 300)
    assert len(renditions_of(beach)) == 6  # 480, 960 and 1440 px, JPEG and WebP
    old = SlugHistory.objects.filter(
        content_type=ContentType.objects.get_for_model(Post), object_id=trip.pk
    )
    assert sorted(old.values_list("slug", flat=True)) == ["coast-trip", "old-trip"]
    response = client.get("/blog/coast-trip/")
    assert (response.status_code, response["Location"]) == (301, "/blog/my-trip/")
    (logo,) = UPLOAD_LINK.findall(Post.objects.get(slug="plain-post").body)
    assert stored_pixels(logo) == ((200, 200), (255, 165, 0))


def export_files(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def empty_site(settings):
    SeriesPart.objects.all().delete()
    Series.objects.all().delete()
    Post.objects.all().delete()
    SlugHistory.objects.all().delete()
    for name in stored_names(default_storage):
        default_storage.delete(name)


def test_export_import_export_writes_the_same_files(site, tmp_path, settings, demo):
    import_markdown(site("astro-site") / ASTRO_BLOG)
    import_markdown(site("hugo-site"))
    first = Post.objects.get(slug="first-post")
    first.slug = "the-first-post"  # an old address to carry over
    first.save()
    series = Series.objects.first()
    old_series_slug = series.slug
    series.slug = "renamed-series"
    series.save()
    SeriesPart.objects.create(series=series, post=first, position=99, label="Extra")
    diagram = UPLOAD_LINK.findall(first.body)[0]
    assert renditions_of(diagram)
    export_markdown(tmp_path / "first")
    before = export_files(tmp_path / "first")

    empty_site(settings)
    report = import_markdown(tmp_path / "first")
    export_markdown(tmp_path / "second")

    assert report.count("skipped") == report.count("refused") == 0
    after = export_files(tmp_path / "second")
    assert after.keys() == before.keys()
    # Byte for byte, JPEG images too: one the pipeline wrote is kept as it is.
    assert any(name.endswith(".jpg") for name in before)
    for name in before:
        assert after[name] == before[name], name
    assert "redirect_from:\n- /blog/first-post/\n" in (
        after["posts/the-first-post.md"].decode()
    )
    # Renditions are built again, under the same names.
    assert renditions_of(diagram)
    assert SlugHistory.current(Post, "first-post").slug == "the-first-post"
    assert f"redirect_from:\n  - /series/{old_series_slug}/\n" in (
        after["series.yaml"].decode()
    )
    assert SlugHistory.current(Series, old_series_slug).slug == "renamed-series"


def test_a_dry_run_update_says_what_would_change_and_changes_nothing(site):
    root = site("astro-site")
    import_lines(root / ASTRO_BLOG)
    post_file = root / ASTRO_BLOG / "missing-image.md"
    post_file.write_text(post_file.read_text().replace("Text survives.", "Edited."))

    lines, _ = import_lines(root / ASTRO_BLOG, "--update", "--dry-run")

    assert lines["missing-image.md"][0] == "would update"
    assert lines["missing-image.md"][1].startswith("changed body; image ./nowhere")
    assert "Text survives." in Post.objects.get(slug="missing-image").body


def test_an_old_address_of_another_post_is_left_to_it(tmp_path, make_post):
    make_post(slug="taken")
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "moved.md").write_text(
        "---\ntitle: Moved\ndescription: d\nredirect_from: [/blog/taken/, /blog/was/]\n"
        "---\nBody\n"
    )
    report = import_markdown(folder)
    (line,) = report.results
    assert (line.outcome, line.reason) == (
        "created",
        "old address taken is another post's: not redirected",
    )
    assert SlugHistory.current(Post, "was").slug == "moved"
    assert SlugHistory.current(Post, "taken") is None


def test_an_id_that_is_not_a_post_id_matches_by_slug(tmp_path, make_post):
    make_post(slug="mine", title="Mine", status=Post.Status.DRAFT)
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "mine.md").write_text(
        "---\ntitle: Mine, edited\nid: mine-2021\ndescription: d\n---\nBody\n"
    )
    (line,) = import_markdown(folder, update=True).results
    assert (line.outcome, line.reason) == (
        "updated",
        "changed title, description, body; id 'mine-2021' is not a post's id: "
        "matched by slug",
    )
