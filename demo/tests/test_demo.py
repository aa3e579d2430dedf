import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from posts.models import Author, Post
from series.models import Series

pytestmark = pytest.mark.django_db

EXPECTED_PART_COUNTS = {
    "clean-code-python": 24,
    "from-chat-to-agent": 9,
    "ai-harness": 8,
    "fastapi-auth": 8,
    "ai-skills-in-practice": 6,
    "astro-deep-dive": 4,
}


def test_demo_has_the_seed_posts_and_series(demo):
    assert Post.objects.published().count() == 62
    counts = {series.slug: series.parts.count() for series in Series.objects.all()}
    assert counts == EXPECTED_PART_COUNTS


def test_parts_are_in_order_with_the_bonus_labelled(demo):
    series = Series.objects.get(slug="from-chat-to-agent")
    parts = list(series.parts.select_related("post"))
    assert [part.position for part in parts] == list(range(1, 10))
    assert parts[0].post.slug == "chat-to-agent-01-why-the-leap-matters"
    assert parts[8].post.slug == "chat-to-agent-09-skills-playbook"
    assert [part.label for part in parts] == [""] * 8 + ["Bonus"]
    clean_code = Series.objects.get(slug="clean-code-python")
    slugs = list(clean_code.parts.values_list("post__slug", flat=True))
    assert slugs[0] == "clean-code-python-01-project-structure"
    assert slugs[23] == "clean-code-python-24-dependency-injector"
    assert all(f"-{n:02d}-" in slug for n, slug in enumerate(slugs, start=1))


def test_series_read_as_long_as_the_seed_says(client, demo):
    # The seed's series page: "Series in progress", "9 parts, 1h 32m total".
    page = client.get("/series/from-chat-to-agent/").content.decode()
    text = " ".join(BeautifulSoup(page, "html.parser").get_text().split())
    assert "Series in progress · 9 parts · 1h 32m total" in text
    minutes = Post.objects.filter(series_part__series__slug="from-chat-to-agent")
    assert (
        sorted(minutes.values_list("reading_minutes", flat=True)) == [10] * 7 + [11] * 2
    )


def test_demo_bodies_open_with_the_description_and_link_the_source(demo):
    for post in Post.objects.exclude(slug="hello-world"):
        soup = BeautifulSoup(post.body_html, "html.parser")
        assert soup.select("p")[0].text == post.description
        link = soup.select_one("p em a")
        assert link["href"] == f"https://blogcraft.pages.dev/blog/{post.slug}/"


def test_hello_world_is_the_full_showcase(demo):
    post = Post.objects.get(slug="hello-world")
    soup = BeautifulSoup(post.body_html, "html.parser")
    assert soup.select("svg")  # the architecture diagram, drawn by Mermaid
    assert post.word_count > 200
    assert post.page_assets["stylesheets"][0] == "css/prose.css"


def test_standalone_posts_stand_alone_but_are_filed(demo):
    for slug in ["hello-world", "hashing-deep-dive", "build-time-mermaid-diagrams"]:
        post = Post.objects.get(slug=slug)
        assert not hasattr(post, "series_part")
        assert post.category is not None and post.tags.exists()


def test_every_demo_post_has_a_category_and_tags(demo):
    assert not Post.objects.filter(category__isnull=True).exists()
    assert not Post.objects.filter(tags__isnull=True).exists()


def test_every_demo_post_is_signed_by_the_sites_author(demo, settings):
    author = Author.objects.get()
    assert author.name == settings.SITE_AUTHOR
    assert author.posts.count() == Post.objects.count() == 62


def test_load_demo_renders_each_body_once(db, renders):
    call_command("load_demo", verbosity=0)
    assert len(renders) == Post.objects.count() == 62
    assert len(set(renders)) == 62


def test_load_demo_is_idempotent(demo, capsys):
    before = list(Post.objects.values_list("pk", "slug", "title", "modified_at"))
    call_command("load_demo")
    assert "62 exists" in capsys.readouterr().out
    assert (
        list(Post.objects.values_list("pk", "slug", "title", "modified_at")) == before
    )
    assert Series.objects.count() == 6
    assert Author.objects.count() == 1


def test_load_demo_keeps_an_editors_changes(demo):
    Series.objects.filter(slug="ai-harness").update(title="The AI Harness")
    first_part = Post.objects.get(slug="chat-to-agent-01-why-the-leap-matters")
    first_part.reading_minutes_given = 25
    first_part.save()
    call_command("load_demo", verbosity=0)
    assert Series.objects.get(slug="ai-harness").title == "The AI Harness"
    assert Post.objects.get(pk=first_part.pk).reading_minutes == 25
