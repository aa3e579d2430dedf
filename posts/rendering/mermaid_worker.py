"""Render Mermaid diagrams to SVG in headless Chromium; run as its own process.

Playwright's sync API runs an event loop in the calling thread, which breaks
Django's ORM in that thread, so the pipeline starts this file with a fresh Python
(no Django imported) and a timeout. It reads a JSON request on stdin and writes
{"results": {key: {"svg": …} | {"error": …}}} on stdout.
"""

import base64
import json
import sys
from pathlib import Path

# Keys a %%{init}%% directive or front matter may not change: they decide what the
# SVG may contain (CSS, fonts, HTML labels) and how strictly it is sanitised.
LOCKED_KEYS = [
    "secure", "securityLevel", "startOnLoad", "maxTextSize", "maxEdges",
    "suppressErrorRendering", "theme", "themeCSS", "themeVariables", "darkMode",
    "fontFamily", "altFontFamily", "fontSize", "htmlLabels", "look",
    "handDrawnSeed", "deterministicIds", "deterministicIDSeed", "dompurifyConfig",
    "flowchart", "elk", "layout",
]  # fmt: skip

RENDER = """
async ({source, theme, seed, id, font, locked}) => {
  // Math.random drives some layouts and ids: seed it per diagram (mulberry32).
  let state = seed >>> 0;
  Math.random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: "strict",
    theme,
    fontFamily: font,
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    deterministicIds: true,
    deterministicIDSeed: id,
    suppressErrorRendering: true,
    secure: locked,
  });
  try {
    await mermaid.parse(source);
    const { svg } = await mermaid.render(id, source);
    return { svg };
  } catch (error) {
    return { error: String((error && error.message) || error) };
  } finally {
    document.querySelectorAll("body > :not(#keep)").forEach((node) => node.remove());
  }
}
"""


def page_html(font_path):
    font = base64.b64encode(Path(font_path).read_bytes()).decode()
    return (
        "<!doctype html><html><head><meta charset=utf-8><style>"
        "@font-face{font-family:'Blogcraft Diagram';"
        f"src:url(data:font/woff2;base64,{font}) format('woff2')}}"
        "body{font-family:'Blogcraft Diagram'}</style></head>"
        "<body><div id=keep></div></body></html>"
    )


def main():
    request = json.load(sys.stdin)
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=request["chromium"], args=request["args"]
        )
        page = browser.new_page()
        page.set_content(page_html(request["font"]))
        page.add_script_tag(path=request["mermaid_js"])
        page.evaluate("document.fonts.load(\"16px 'Blogcraft Diagram'\")")
        for job in request["jobs"]:
            results[job["key"]] = page.evaluate(
                RENDER,
                {
                    "source": job["source"],
                    "theme": job["theme"],
                    "seed": job["seed"],
                    "id": job["id"],
                    "font": "'Blogcraft Diagram', sans-serif",
                    "locked": LOCKED_KEYS,
                },
            )
        browser.close()
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
