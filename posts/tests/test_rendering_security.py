"""Hostile Markdown: nothing executable survives, in the page or in the feed."""

import pytest
from bs4 import BeautifulSoup

from posts.rendering import render_markdown

PAYLOADS = [
    # Scripts, plain and disguised.
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script\x20type='text/javascript'>alert(1);</script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    # Event handlers.
    '<img src="x" onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    "<body onload=alert(1)>",
    '<div onmouseover="alert(1)">hover</div>',
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    '<a href="#" onclick="alert(1)">x</a>',
    # URL schemes.
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "![x](javascript:alert(1))",
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    # Embedding and page-changing elements.
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="/admin/"><input name="q"><button formaction=javascript:alert(1)>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    # CSS.
    "<style>body{display:none}</style>",
    "<style>@import 'https://evil.example/x.css';</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="position:fixed;inset:0">cover</p>',
    # SVG and MathML.
    '<svg onload="alert(1)"><circle/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">x</math>',
    # Mutation XSS.
    "<noscript><style></noscript><img src=x onerror=alert(1)>",
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    '<a title="a"`\'><img src=x onerror=alert(1)>">x</a>',
    "<!--><img src=x onerror=alert(1)>-->",
    "<textarea></textarea><img src=x onerror=alert(1)>",
    # Inside Markdown constructs.
    "```html\n<script>alert(1)</script>\n```",
    '```js title="<img src=x onerror=alert(1)>"\nx\n```',
    "```<img/src/onerror=alert(1)>\nx\n```",
    ":::tip[<img src=x onerror=alert(1)>]\nx\n:::",
    ":::tabs\n::tab[<script>alert(1)</script>]\nx\n:::",
    ":::figure[<svg onload=alert(1)>]\n![a](javascript:alert(1))\n:::",
    "> [!NOTE]\n> <img src=x onerror=alert(1)>",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    "[<img src=x onerror=alert(1)>](https://example.com)",
    "BCSLOT-" + "0" * 64 + ' <span class="bc-slot">BCSLOT-' + "a" * 64 + "</span>",
    # Inside Mermaid sources.
    "```mermaid\ngraph TD\n  A[<img src=x onerror=alert(1)>] --> B\n```",
    '```mermaid\ngraph TD\n  A --> B\n  click A "javascript:alert(1)"\n```',
    '```mermaid\n%%{init: {"securityLevel": "loose"}}%%\ngraph TD\n'
    "  A[\"<a href='javascript:alert(1)'>x</a>\"] --> B\n```",
    "```mermaid\ngraph TD\n  A --> B</script><script>alert(1)</script>\n```",
    # Inside math.
    r"$\href{javascript:alert(1)}{x}$",
    r"$$\url{javascript:alert(1)}$$",
    r"$\htmlClass{x}{y}\htmlStyle{color:red}{z}$",
    "$<img src=x onerror=alert(1)>$",
    r"$\text{<script>alert(1)</script>}$",
]
EXECUTABLE_TAGS = {
    "script", "iframe", "frame", "object", "embed", "form", "base", "meta", "link",
    "textarea", "button", "video", "audio", "source", "body", "noscript", "template",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "data"}


def assert_nothing_executable(html):
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        name = element.name.lower()
        assert name not in EXECUTABLE_TAGS, element
        if name == "svg":
            # Only the renderer's own diagrams carry SVG.
            assert element.find_parent(class_="diagram"), element
        if name == "style":
            assert element.find_parent("svg"), element
            css = element.text.lower()
            assert "@import" not in css
            assert "url(" not in css.replace("url(#", "")
        if name == "math":
            # KaTeX's MathML, on the page or alone in the feed.
            assert element.find_parent(class_=["katex", "math"]), element
        if name == "foreignobject":
            assert not element.find_all(attrs=lambda a: a)
        for attribute, value in element.attrs.items():
            attribute = attribute.lower()
            assert not attribute.startswith("on"), element
            if attribute == "style":
                # KaTeX and Mermaid set sizes inline; nothing else may carry style.
                assert element.find_parent(class_=["katex", "diagram"]), element
                assert "url(" not in value and "expression" not in value
            text = " ".join(value) if isinstance(value, list) else value
            if attribute in URL_ATTRIBUTES:
                cleaned = "".join(text.split()).lower()
                assert not cleaned.startswith(("javascript:", "data:", "vbscript:"))
                if element.find_parent("svg"):
                    assert cleaned.startswith("#"), element


def test_there_are_at_least_fifty_payloads():
    assert len(PAYLOADS) >= 50


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_leaves_nothing_executable(payload):
    rendering = render_markdown(f"Before\n\n{payload}\n\nAfter")
    assert_nothing_executable(rendering.html)
    assert_nothing_executable(rendering.feed_html)
    # Unclosed raw tags may swallow what follows them, never what precedes them.
    assert BeautifulSoup(rendering.html, "html.parser").p.text == "Before"


def test_the_checker_catches_what_it_should():
    for bad in [
        "<img src=x onerror=alert(1)>",
        "<a href='javascript:alert(1)'>x</a>",
        "<p style='color:red'>x</p>",
        "<svg><circle/></svg>",
        "<script>x</script>",
    ]:
        with pytest.raises(AssertionError):
            assert_nothing_executable(bad)


def test_placeholders_typed_by_an_author_are_dropped():
    key = "a" * 64
    html = render_markdown(f'<span class="bc-slot">BCSLOT-{key}</span>').html
    assert "BCSLOT" not in html
