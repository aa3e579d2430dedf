"""Mermaid diagrams rendered ahead of time to inline SVG, light and dark.

Each (source, Mermaid version, theme settings) is rendered once, by a Django task
that drives headless Chromium in a subprocess, and stored as a file named after its
hash; later saves and previews read the file. A save or a preview never waits for
the drawing: it queues it (the worker runs it) and shows the diagram's source
meanwhile, as it does for an invalid diagram, with a note in the rendering's
``problems`` that says why. Once drawn, the posts stored meanwhile are rendered
again (see ``posts.rendering.queued``).
"""

import hashlib
import json
import logging
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.core.cache import cache
from django.tasks import task

from . import queued
from .code import render_code_block, render_plain_code_block
from .diagram_files import cache_url, read_cached, write_cached
from .svg import UnsafeSvg, check_svg, drop_html_labels_with_fallback, renumber_ids

logger = logging.getLogger(__name__)

MERMAID_VERSION = "12.3.0"
# Bump when the worker's configuration, or what is kept of its output, changes:
# every diagram renders again.
RENDER_SETTINGS_VERSION = 2
THEMES = {"light": "default", "dark": "dark"}
WORKER = Path(__file__).with_name("mermaid_worker.py")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class Diagram:
    key: str = ""
    svg_light: str = ""
    svg_dark: str = ""
    error: str = ""
    # Queued for the worker: shown as source, titled as being drawn, meanwhile.
    pending: bool = False


def chromium_path():
    return Path(settings.BLOGCRAFT_CHROMIUM or "/usr/bin/chromium")


def static_file(*parts):
    return Path(settings.BASE_DIR, "static", "vendor", *parts)


def diagram_key(source, theme):
    settings_id = [MERMAID_VERSION, RENDER_SETTINGS_VERSION, THEMES[theme], "Inter"]
    payload = json.dumps([source, settings_id], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def svg_prefix(key):
    return f"bcd{key[:16]}"


def run_worker(jobs, timeout):
    request = {
        "chromium": str(chromium_path()),
        "args": CHROMIUM_ARGS,
        "font": str(static_file("fonts", "inter-latin-400-normal.woff2")),
        "mermaid_js": str(static_file("mermaid", "mermaid.min.js")),
        "jobs": jobs,
    }
    # -P: the worker's folder holds math.py and code.py; keep them off sys.path.
    completed = subprocess.run(
        [sys.executable, "-P", str(WORKER)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode:
        last_line = (completed.stderr.strip().splitlines() or ["no message"])[-1]
        raise RuntimeError(f"the renderer stopped: {last_line.strip(' -')}")
    return json.loads(completed.stdout)["results"]


BEING_DRAWN = "Diagram being drawn…"


class DrawingFailed(RuntimeError):
    """The renderer could not run (no Chromium on the worker)."""


def failure_key(key):
    return f"diagram-failed:{key}"


def draw(jobs):
    """Draw [{"key", "source", "theme"}] in Chromium; store each SVG or error."""
    if not chromium_path().exists():
        raise DrawingFailed(
            f"Chromium is not installed on the worker ({chromium_path()})"
        )
    worker_jobs = [
        {**job, "theme": THEMES[job["theme"]], "seed": int(job["key"][:8], 16),
         "id": svg_prefix(job["key"])}
        for job in jobs
    ]  # fmt: skip
    timeout = getattr(settings, "BLOGCRAFT_DIAGRAM_TIMEOUT", 60)
    results = run_worker(worker_jobs, timeout + 5 * len(jobs))
    for job in jobs:
        result = results.get(job["key"], {"error": "The renderer gave no answer."})
        if "svg" in result:
            try:
                svg = drop_html_labels_with_fallback(result["svg"])
                svg = check_svg(renumber_ids(svg, svg_prefix(job["key"])))
                write_cached(job["key"], "svg", svg)
            except UnsafeSvg as error:
                write_cached(job["key"], "error", f"Unsafe diagram output: {error}")
        else:
            # Mermaid refusing a diagram is final: the same source fails again.
            message = " ".join(str(result.get("error", "")).split())[:500]
            write_cached(job["key"], "error", message or "Mermaid refused it.")


@task
def render_mermaid(jobs, attempt=1):
    """Draw the diagrams of jobs not stored yet (see posts.rendering.queued)."""
    keys = [job["key"] for job in jobs]
    jobs = [job for job in jobs if read_cached(job["key"]) is None]
    try:
        if jobs:
            queued.attempt(
                draw, render_mermaid, jobs, attempt, [failure_key(k) for k in keys]
            )
    except queued.GaveUp:
        queued.settled.send(render_mermaid, keys=keys)
        raise
    # Even when another task drew them first: a post saved meanwhile still waits.
    queued.settled.send(render_mermaid, keys=keys)
    return len(jobs)


def render_diagrams(sources, problems):
    """Return {source: Diagram} for the diagrams drawn; queue the others.

    A diagram not drawn yet shows as its source, and problems say it is being
    drawn: once it is, the worker renders again the posts that show it.
    """
    sources = list(dict.fromkeys(sources))
    if not sources:
        return {}
    keys = {(s, theme): diagram_key(s, theme) for s in sources for theme in THEMES}
    failed = cache.get_many([failure_key(key) for key in keys.values()])
    missing = [
        {"key": key, "source": source, "theme": theme}
        for (source, theme), key in keys.items()
        if failure_key(key) not in failed and read_cached(key) is None
    ]
    queued_now = bool(missing) and queued.queue(
        render_mermaid, missing, problems, "Diagrams are"
    )
    diagrams = {}
    for source in sources:
        light = read_cached(keys[source, "light"])
        dark = read_cached(keys[source, "dark"])
        if light and dark and light[0] == dark[0] == "svg":
            diagrams[source] = Diagram(keys[source, "light"], light[1], dark[1])
            continue
        error = next((r[1] for r in (light, dark) if r and r[0] == "error"), "")
        # Read again: an immediate backend has tried (and maybe given up) by now.
        failure = queued.remembered_failure(
            [failure_key(keys[source, theme]) for theme in THEMES]
        )
        if error:
            problems.append(f"Diagram “{first_line(source)}”: {error}")
        elif failure:
            problems.append(
                f"Diagram “{first_line(source)}” is shown as source: drawing it "
                + failure
            )
        elif queued_now:
            problems.append(
                f"{BEING_DRAWN} “{first_line(source)}” shows as its source until "
                "it is drawn; the page then updates by itself."
            )
        pending = queued_now and not (error or failure)
        diagrams[source] = Diagram(error=error, pending=pending)
    return diagrams


def first_line(source):
    return source.strip().splitlines()[0][:60] if source.strip() else ""


def diagram_html(figures, source, env, slots, base_url):
    """Return the page's (or feed's) HTML for one ```mermaid fence."""
    diagram = figures.get(source) or Diagram()
    feed = env.get("feed", False)
    if not diagram.svg_light:
        render = render_plain_code_block if feed else render_code_block
        title = BEING_DRAWN if diagram.pending else "Diagram source"
        return render(source, f'text title="{title}"')
    if feed:
        url = urljoin(base_url, f"{cache_url()}{diagram.key}.svg")
        return f'<p><img src="{url}" alt="Diagram"></p>\n'
    # The same diagram twice on one page: give the second copy ids of its own.
    seen = env.setdefault("diagrams_seen", {})
    count = seen[diagram.key] = seen.get(diagram.key, 0) + 1
    light, dark = diagram.svg_light, diagram.svg_dark
    if count > 1:
        for svg_key in (diagram.key, diagram_key(source, "dark")):
            prefix = svg_prefix(svg_key)
            light = light.replace(prefix, f"{prefix}r{count}")
            dark = dark.replace(prefix, f"{prefix}r{count}")
    html = (
        # Focusable: on a phone a wide diagram scrolls sideways rather than shrink.
        f'<div class="diagram" tabindex="0"><div class="diagram-light">{light}</div>'
        f'<div class="diagram-dark">{dark}</div></div>'
    )
    return slots.add(html, block=True) + "\n"
