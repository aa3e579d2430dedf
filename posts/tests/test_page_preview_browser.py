"""The editor's page preview in Chromium: the reader's page, styles and width, live."""

import pytest
from django.urls import reverse

from posts.models import Post

from .browser import WATCH_VIOLATIONS, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FILLER = [f"Paragraph {n} of the words that make the page scroll." for n in range(40)]
BODY = "\n\n".join(
    [
        "Opening words of the post, long enough to wrap in the reader's column.",
        "| Tool | Use |\n|---|---|\n| ruff | lint |",
        "```python\nprint('hello')\n```",
        *FILLER,
    ]
)
# What makes the page look like the public one, element by element.
STYLE = """([selector, properties]) => {
  const style = getComputedStyle(document.querySelector(selector));
  return Object.fromEntries(properties.map((name) => [name, style[name]]));
}"""
LOOKS = {
    "body": ["backgroundColor", "color"],
    ".prose p": ["fontFamily", "fontSize", "lineHeight", "color"],
    ".prose td": ["borderTopStyle", "borderTopWidth", "borderTopColor", "padding"],
    ".prose th": ["backgroundColor"],
    ".prose figure.code-block": ["backgroundColor", "borderRadius", "fontFamily"],
    ".prose .code-copy": ["position", "fontSize"],
}


def open_editor(page, base_url, editor, post):
    """Open post's change form; return the preview's frame once it shows the body."""
    page.add_init_script(WATCH_VIOLATIONS)
    log_in(page, base_url, editor, reverse("admin:posts_post_change", args=[post.pk]))
    page.frame_locator("iframe[name=page-preview]").locator("main .prose").wait_for()
    frame = page.frame(name="page-preview")
    frame.wait_for_load_state()
    return frame


def looks(frame):
    return {
        selector: frame.evaluate(STYLE, [selector, properties])
        for selector, properties in LOOKS.items()
    }


def type_at_end(page, text):
    body = page.locator("#id_body")
    body.focus()
    body.press("Control+End")
    body.press_sequentially(text, delay=5)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_preview_is_the_public_page(
    live_server, editor, make_post, pages, color_scheme
):
    post = make_post(title="Honest preview", body=BODY)
    # A reader whose window is as wide as the public page's main column (48rem): the
    # table of contents above the text, as in the preview. (From 70rem on it moves
    # beside the text, whose column then gains main's padding where fonts are wide.)
    public = pages.open(width=768, color_scheme=color_scheme)
    public.goto(live_server.url + post.get_absolute_url())
    public.locator(".prose .code-copy").wait_for()

    page = pages.open(color_scheme=color_scheme)
    frame = open_editor(page, live_server.url, editor, post)
    frame.locator(".prose .code-copy").wait_for()
    assert looks(frame) == looks(public)
    # The reader's column, not the admin's: the page is laid out at the public
    # column's width, then scaled down to fit beside the editor.
    layout = """[...document.querySelectorAll('main h1, .prose, .prose table, .toc')]
      .map((element) => element.getBoundingClientRect().width)"""
    assert frame.evaluate(layout) == public.evaluate(layout)
    assert frame.evaluate("innerWidth") == 768
    shown = page.locator("iframe[name=page-preview]").bounding_box()
    assert 300 < shown["width"] < 768
    assert frame.evaluate("document.querySelector('.preview-banner').textContent")

    # markdownx's own preview is hidden, but still rendered: the frame takes its HTML.
    assert page.locator(".markdownx-preview").is_hidden()
    assert page.locator(".markdownx-preview figure.code-block").count() == 1
    assert page.evaluate("window.cspViolations") == []
    assert frame.evaluate("window.cspViolations") == []
    assert page.console_errors == []
    assert public.console_errors == []


def test_preview_follows_typing_and_keeps_its_place(
    live_server, editor, make_post, page
):
    post = make_post(title="Live", body=BODY)
    frame = open_editor(page, live_server.url, editor, post)
    frame.evaluate("window.scrollTo(0, 600); window.stillTheSamePage = true")

    type_at_end(page, "\n\n## Added live\n\nWith a *new* paragraph.")
    frame.locator(".prose h2#added-live").wait_for()
    assert frame.evaluate("scrollY") == 600
    # A moment later the rest of the page follows: its table of contents.
    frame.locator(".toc a[href='#added-live']").wait_for()
    page.fill("#id_title", "Retitled as typed")
    frame.locator("main h1", has_text="Retitled as typed").wait_for()
    page.fill("#id_tags", "Fresh tag, Other")
    frame.locator(".post-header .tags a", has_text="#Fresh tag").wait_for()
    # All in place: the same document, still where the editor left it.
    assert frame.evaluate("window.stillTheSamePage") is True
    assert frame.evaluate("scrollY") == 600
    assert page.console_errors == []
    assert frame.evaluate("window.cspViolations") == []


def test_what_is_typed_while_the_frame_loads_is_shown(
    live_server, editor, make_post, page
):
    post = make_post(title="Slow frame", body="Stored words.")
    held = []

    def hold(route):
        if held is None:
            route.continue_()
        else:
            held.append(route)

    page.route("**/editor/preview-page/**", hold)  # the frame waits
    path = reverse("admin:posts_post_change", args=[post.pk])
    log_in(page, live_server.url, editor, path, wait_until="domcontentloaded")
    type_at_end(page, "\n\nTyped early.")
    page.locator(".markdownx-preview p", has_text="Typed early.").wait_for(
        state="attached"
    )
    waiting, held = held, None
    for route in waiting:
        route.continue_()
    frame = page.frame_locator("iframe[name=page-preview]")
    frame.locator(".prose p", has_text="Typed early.").wait_for()
    assert page.console_errors == []


def test_a_first_code_block_brings_its_styles(live_server, editor, make_post, page):
    post = make_post(title="Prose only", body="\n\n".join(FILLER))
    frame = open_editor(page, live_server.url, editor, post)
    stylesheets = "[...document.querySelectorAll('link[rel=stylesheet]')]" + (
        ".map((link) => link.getAttribute('href'))"
    )
    assert "/static/css/code.css" not in frame.evaluate(stylesheets)
    frame.evaluate("window.scrollTo(0, 400)")

    type_at_end(page, "\n\n```python\nprint('first')\n```\n")
    # The page reloads with the code's stylesheet and script, at the same place.
    frame.locator(".prose figure.code-block .code-copy").wait_for()
    assert "/static/css/code.css" in frame.evaluate(stylesheets)
    assert frame.evaluate("scrollY") == 400
    assert frame.evaluate("window.cspViolations") == []
    assert page.console_errors == []


def test_preview_in_a_new_tab(live_server, editor, make_post, page):
    post = make_post(title="Stored title", body="Stored words.")
    open_editor(page, live_server.url, editor, post)
    page.fill("#id_title", "Unsaved title")
    type_at_end(page, "\n\nUnsaved words.")

    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview in a new tab").click()
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url == f"{live_server.url}/editor/preview-page/?post={post.pk}"
    assert tab.inner_text("main h1") == "Unsaved title"
    assert "Unsaved words." in tab.inner_text(".prose")
    assert "not published" in tab.inner_text(".preview-banner")
    stored = Post.objects.get(pk=post.pk)
    assert (stored.title, stored.body) == ("Stored title", "Stored words.")
