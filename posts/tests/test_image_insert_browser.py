"""Images into a post's body in Chromium: the insert control, drop, paste, refusals."""

import io
import re

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from .browser import WATCH_VIOLATIONS, axe_violations, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BODY = "First paragraph.\n\nLast paragraph."
CARET = len("First paragraph.\n\n")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
# Chromium reports every answer of 400 as a console error; that one is expected.
REFUSED_STATUS = "the server responded with a status of 400"

# Fire a drop or a paste of one file, made in the page from bytes, on the body.
DELIVER = """([kind, name, type, bytes]) => {
  const transfer = new DataTransfer();
  transfer.items.add(new File([new Uint8Array(bytes)], name, {type}));
  const body = document.querySelector("#id_body");
  const event = kind === "drop"
    ? new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true})
    : new ClipboardEvent("paste", {clipboardData: transfer, bubbles: true,
                                   cancelable: true});
  body.dispatchEvent(event);
}"""


def png(width=640, height=360):
    output = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(output, "PNG")
    return output.getvalue()


@pytest.fixture
def editor_page(live_server, editor, page, make_post):
    post = make_post(body=BODY)
    page.add_init_script(WATCH_VIOLATIONS)
    log_in(
        page,
        live_server.url,
        editor,
        reverse("admin:posts_post_change", args=[post.pk]),
    )
    page.get_by_role("button", name="Insert image…").wait_for()
    page.locator("#id_body").evaluate(
        "(body, caret) => body.setSelectionRange(caret, caret)", CARET
    )
    return page


def body(page):
    return page.input_value("#id_body")


def describe_and_insert(page, alt):
    dialog = page.get_by_role("dialog", name="Insert an image")
    dialog.get_by_label("Description (alt text)").fill(alt)
    dialog.get_by_role("button", name="Insert").click()


def unexpected_errors(page):
    return [error for error in page.console_errors if REFUSED_STATUS not in error]


def test_insert_control_asks_for_a_description_and_inserts_at_the_cursor(
    editor_page,
):
    page = editor_page
    page.get_by_role("button", name="Insert image…").click()
    dialog = page.get_by_role("dialog", name="Insert an image")
    assert dialog.is_visible()
    assert axe_violations(page, [".image-insert-dialog", ".image-insert"]) == []
    dialog.get_by_label("Image file").set_input_files(
        {"name": "field.png", "mimeType": "image/png", "buffer": png()}
    )
    describe_and_insert(page, "A teal [field] at dusk")
    status = page.get_by_role("status").filter(has_text="Inserted field.png.")
    status.wait_for()

    assert re.fullmatch(
        r"First paragraph\.\n\n"
        r"!\[A teal \\\[field\\\] at dusk\]\("
        + re.escape(settings.MEDIA_URL)
        + r"uploads/[0-9a-f]{32}\.png\)"
        r"Last paragraph\.",
        body(page),
    )
    assert not dialog.is_visible()
    assert page.evaluate("window.cspViolations") == []
    assert page.console_errors == []


def test_the_description_is_required(editor_page):
    page = editor_page
    page.get_by_role("button", name="Insert image…").click()
    dialog = page.get_by_role("dialog", name="Insert an image")
    dialog.get_by_label("Image file").set_input_files(
        {"name": "field.png", "mimeType": "image/png", "buffer": png()}
    )
    describe_and_insert(page, "   ")
    assert dialog.is_visible()
    assert dialog.get_by_label("Description (alt text)").evaluate(
        "input => input.validity.valueMissing"
    )
    assert body(page) == BODY


def test_keyboard_alone_inserts_an_image(editor_page):
    page = editor_page
    page.get_by_role("button", name="Insert image…").focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Insert an image")
    assert page.evaluate("document.activeElement.id") == "image-insert-file"
    dialog.get_by_label("Image file").set_input_files(
        {"name": "k.png", "mimeType": "image/png", "buffer": png(300, 200)}
    )
    page.keyboard.press("Tab")
    page.keyboard.type("Keyboard only")
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Inserted k.png.").wait_for()
    assert f"![Keyboard only]({settings.MEDIA_URL}uploads/" in body(page)


def test_escape_closes_the_dialog_and_changes_nothing(editor_page):
    page = editor_page
    page.get_by_role("button", name="Insert image…").click()
    page.keyboard.press("Escape")
    assert not page.get_by_role("dialog", name="Insert an image").is_visible()
    assert body(page) == BODY


@pytest.mark.parametrize("kind", ["drop", "paste"])
def test_a_dropped_or_pasted_image_is_described_then_inserted(editor_page, kind):
    page = editor_page
    page.evaluate(DELIVER, [kind, "shot.png", "image/png", list(png())])
    dialog = page.get_by_role("dialog", name="Insert an image")
    dialog.wait_for()
    assert page.evaluate("document.activeElement.id") == "image-insert-alt"
    describe_and_insert(page, "A screenshot")
    page.get_by_role("status").filter(has_text="Inserted shot.png.").wait_for()
    text = body(page)
    assert text.startswith(
        f"First paragraph.\n\n![A screenshot]({settings.MEDIA_URL}uploads/"
    )
    assert text.endswith(")Last paragraph.")
    assert text.count("![") == 1  # markdownx's own handler did not upload it too
    assert page.console_errors == []


REFUSED = [
    ("drawing.svg", "image/svg+xml", SVG, "SVG images are not accepted"),
    ("notes.txt", "text/plain", b"Just some notes.\n", "is not a PNG, JPEG, WebP"),
]


@pytest.mark.parametrize("kind", ["drop", "insert"])
@pytest.mark.parametrize(("name", "mime", "data", "reason"), REFUSED)
def test_a_refused_file_says_why_and_leaves_the_body_alone(
    editor_page, kind, name, mime, data, reason
):
    page = editor_page
    if kind == "drop":
        page.evaluate(DELIVER, ["drop", name, mime, list(data)])
    else:
        page.get_by_role("button", name="Insert image…").click()
        dialog = page.get_by_role("dialog", name="Insert an image")
        dialog.get_by_label("Image file").set_input_files(
            {"name": name, "mimeType": mime, "buffer": data}
        )
    describe_and_insert(page, "Whatever it is")
    status = page.get_by_role("status").filter(has_text=reason)
    status.wait_for()
    assert "is-refused" in status.get_attribute("class")
    assert body(page) == BODY
    assert "Invalid response" not in page.content()
    assert page.evaluate("window.cspViolations") == []
    assert unexpected_errors(page) == []
