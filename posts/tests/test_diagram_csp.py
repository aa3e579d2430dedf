"""Inline styles are allowed by the hash of the text the browser parses, not the
text between the tags: every kind of diagram keeps its styles on the public page."""

import pytest

from posts.rendering import diagrams
from posts.rendering.csp import inline_texts, style_element_hashes
from posts.tests.media_storage import diagram_storage

from .mermaid_examples import DIAGRAMS

ORIGIN = "https://blogcraft.test"


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        # Foreign content: references decoded, CDATA kept, comments and children not.
        ("<svg><style>a&gt;b{fill:red}</style></svg>", "a>b{fill:red}"),
        ("<svg><style>a &amp;&#62;&#x3e; b</style></svg>", "a &>> b"),
        ("<svg><style><![CDATA[a>b]]>{}</style></svg>", "a>b{}"),
        ("<svg><style>a<!-- x -->b</style></svg>", "ab"),
        ("<svg><style>a<g>x</g>b</style></svg>", "ab"),
        ("<math><style>a&lt;b</style></math>", "a<b"),
        # HTML: the text is raw, references and all.
        ("<style>a&gt;b</style>", "a&gt;b"),
        ("<svg></svg><style>a&gt;b</style>", "a&gt;b"),
        ("<svg/><style>a&gt;b</style>", "a&gt;b"),
        ("<style>a<!-- -->b</style>", "a<!-- -->b"),
        # Line ends are normalised before anything is parsed.
        ("<svg><style>a\r\nb\rc</style></svg>", "a\nb\nc"),
        ("<style>a\r\nb</style>", "a\nb"),
        # A ">" in a quoted attribute does not end the tag.
        ('<svg aria-label="a>b"><style>x&gt;y</style></svg>', "x>y"),
    ],
)
def test_the_hashed_text_is_the_text_the_parser_builds(markup, text):
    assert inline_texts(markup, "style") == [text]


STYLED_SNIPPETS = [
    '<svg id="s1" width="10" height="10"><style>#s1&gt;rect{fill:rgb(1, 2, 3)}'
    '</style><rect width="10" height="10"/></svg>',
    '<svg id="s2" width="10" height="10"><style>\r\n#s2 rect{fill:rgb(1, 2, 3)}'
    '<!-- note --></style><rect width="10" height="10"/></svg>',
    '<svg id="s3" width="10" height="10"><style><![CDATA[#s3>rect]]>'
    '{fill:rgb(1, 2, 3)}</style><rect width="10" height="10"/></svg>',
    "<style>#s4>p{color:rgb(1, 2, 3)}</style><div id=s4><p>styled</p></div>",
]


def serve_with_policy(page, body, policy):
    def handle(route):
        route.fulfill(
            body=f"<!doctype html><html><body>{body}</body></html>",
            content_type="text/html",
            headers={"Content-Security-Policy": policy},
        )

    page.route(f"{ORIGIN}/", handle)
    page.goto(f"{ORIGIN}/")


@pytest.mark.browser
@pytest.mark.parametrize("snippet", STYLED_SNIPPETS)
def test_chromium_accepts_the_hashes_of_every_form_of_inline_style(page, snippet):
    hashes = " ".join(style_element_hashes(snippet))
    serve_with_policy(page, snippet, f"default-src 'none'; style-src {hashes}")
    styled = page.evaluate(
        "[...document.querySelectorAll('rect, p')]"
        ".map((e) => getComputedStyle(e)[e.localName === 'p' ? 'color' : 'fill'])"
    )
    assert styled == ["rgb(1, 2, 3)"]
    assert page.console_errors == []


@pytest.fixture
def chromium():
    if not diagrams.chromium_path().exists():
        pytest.skip("Chromium is missing.")


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("diagrams")


def every_diagram():
    return "".join(
        f"## {name}\n\n```mermaid\n{source}```\n\n" for name, source in DIAGRAMS.items()
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_every_kind_of_diagram_keeps_its_styles_on_the_public_page(
    chromium, settings, shared_cache, live_server, make_post, pages, color_scheme
):
    settings.STORAGES = settings.STORAGES | {
        "diagrams": diagram_storage(shared_cache, shared_cache.name)
    }
    post = make_post(body=every_diagram())
    assert post.render_problems == []
    page = pages.open(color_scheme=color_scheme)
    response = page.goto(live_server.url + post.get_absolute_url())
    assert response.status == 200
    figures = page.evaluate(
        """() => [...document.querySelectorAll('.diagram')].map((figure) => {
          const shown = [...figure.children].find(
            (half) => getComputedStyle(half).display !== 'none');
          const svg = shown.querySelector('svg');
          return {
            heading: figure.previousElementSibling.textContent.trim(),
            sheets: [...svg.querySelectorAll('style')].map(
              (style) => style.sheet ? style.sheet.cssRules.length : 0),
            font: getComputedStyle(svg).fontFamily,
          };
        })"""
    )
    assert [figure["heading"] for figure in figures] == list(DIAGRAMS)
    for figure in figures:
        # Every stylesheet was applied, and its first rule (the font) reached the SVG.
        assert figure["sheets"] and all(figure["sheets"]), figure
        assert "Blogcraft Diagram" in figure["font"], figure
    # The sequence diagram's messages are lines drawn by its stylesheet alone.
    strokes = page.evaluate(
        "[...document.querySelectorAll('.diagram [class^=messageLine]')]"
        ".filter((line) => line.getBoundingClientRect().width > 0)"
        ".map((line) => getComputedStyle(line).stroke)"
    )
    assert strokes and "none" not in strokes
    assert page.console_errors == []
