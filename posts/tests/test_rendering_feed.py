"""The feed readers' variant: self-contained HTML with absolute URLs."""

from bs4 import BeautifulSoup

from posts.rendering import render_feed_html, render_markdown

BODY = """
## Start

Read [the guide](/guide/) and [the notes](#start), see ![a chart](img/chart.png).

```py title="app.py" {1}
print("hi")
```

:::caution[Careful]
Back up first.
:::

:::tabs
::tab[npm]
npm words
::tab[pnpm]
pnpm words
:::
"""


def feed(markdown=BODY, base_url="https://blog.example.org/blog/start/"):
    return BeautifulSoup(render_feed_html(markdown, base_url), "html.parser")


def test_code_is_plain_pre_code_under_its_title():
    soup = feed()
    assert soup.select_one("p > strong").text == "app.py"
    assert soup.pre.code.text == 'print("hi")'
    assert soup.pre.code.find("span") is None


def test_callouts_are_labelled_blockquotes_and_tabs_labelled_sections():
    soup = feed()
    assert soup.blockquote.strong.text == "Caution: Careful"
    sections = soup.select("section")
    assert [s.strong.text for s in sections] == ["npm", "pnpm"]
    assert sections[1].select("p")[1].text == "pnpm words"
    assert soup.find("input") is None


def test_every_url_is_absolute():
    soup = feed()
    urls = [a["href"] for a in soup.find_all("a")] + [soup.img["src"]]
    assert "https://blog.example.org/guide/" in urls
    assert "https://blog.example.org/blog/start/#start" in urls
    assert "https://blog.example.org/blog/start/img/chart.png" in urls
    assert all(url.startswith("https://") for url in urls)


def test_the_feed_variant_is_part_of_every_rendering(settings):
    settings.SITE_URL = "https://site.example"
    soup = BeautifulSoup(render_markdown("[home](/)").feed_html, "html.parser")
    assert soup.a["href"] == "https://site.example/"
