"""``$…$`` and ``$$…$$`` rendered to KaTeX HTML on the server, by node, offline.

The formulas of a body that were never typeset go, together, to the task worker,
which runs the vendored KaTeX in one node process and keeps each result in the
cache, where every server reads it; meanwhile, and without node (or if KaTeX
rejects a formula), the TeX source stays visible in a ``<code>``. Starting node
costs 0.4 to 0.7 s: no save or preview waits for it (see ``queued``).
"""

import hashlib
import json
import logging
import re
import shutil
import subprocess
from dataclasses import asdict, dataclass
from html import escape
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.tasks import task

from . import queued
from .deadline import seconds_left
from .sanitizer import escape_in_runs

logger = logging.getLogger(__name__)

SCRIPT = Path(__file__).with_name("katex_render.js")
NODE_TIMEOUT_SECONDS = 30
# KaTeX output never holds these; if it ever did, the formula falls back to TeX.
UNSAFE = re.compile(r"<\s*/?\s*(script|iframe|object|embed)|\son[a-z]+\s*=|javascript:")
# Formulas rarely change between saves and previews: remember recent results.
_memory = {}
MEMORY_SIZE = 2000
BEING_TYPESET = "Math being typeset…"
# Bump when KaTeX or what is kept of its output changes: every formula is redone.
KATEX_SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Formula:
    html: str = ""
    error: str = ""


def katex_script():
    return Path(settings.BASE_DIR) / "static" / "vendor" / "katex" / "katex.min.js"


def node_binary():
    return shutil.which(settings.BLOGCRAFT_NODE or "node")


def run_katex(expressions):
    """Return a Formula per (tex, display) pair, from one node process."""
    node = node_binary()
    if node is None:
        raise OSError("node is not installed")
    payload = json.dumps([{"tex": tex, "display": d} for tex, d in expressions])
    completed = subprocess.run(
        [node, str(SCRIPT), str(katex_script())],
        input=payload,
        capture_output=True,
        text=True,
        # Never past the rendering's deadline.
        timeout=seconds_left(NODE_TIMEOUT_SECONDS),
        check=True,
    )
    formulas = []
    for result in json.loads(completed.stdout):
        html = result.get("html", "")
        if html and UNSAFE.search(html):
            formulas.append(Formula(error="KaTeX produced unexpected markup."))
        else:
            formulas.append(Formula(html=html, error=result.get("error", "")))
    return formulas


def formula_key(tex, display):
    payload = json.dumps([tex, display, KATEX_SETTINGS_VERSION], ensure_ascii=False)
    return "katex:" + hashlib.sha256(payload.encode()).hexdigest()


def failure_key(pair):
    return f"{formula_key(*pair)}:failed"


def typeset(pairs):
    """Typeset [(tex, display)] in node; keep each Formula in the shared cache."""
    formulas = run_katex([tuple(pair) for pair in pairs])
    cache.set_many(
        {formula_key(*p): asdict(f) for p, f in zip(pairs, formulas, strict=True)},
        timeout=None,
    )


@task
def typeset_formulas(pairs, attempt=1):
    """Typeset the formulas of pairs not typeset yet (see posts.rendering.queued)."""
    pairs = [tuple(pair) for pair in pairs]
    stored = cache.get_many([formula_key(*pair) for pair in pairs])
    todo = [pair for pair in pairs if formula_key(*pair) not in stored]
    try:
        if todo:
            queued.attempt(
                typeset,
                typeset_formulas,
                todo,
                attempt,
                [failure_key(p) for p in pairs],
            )
    except queued.GaveUp:
        queued.settled.send(typeset_formulas, keys=pairs)
        raise
    queued.settled.send(typeset_formulas, keys=pairs)
    return len(todo)


def recall(pairs):
    """Move what the shared cache holds for pairs into this process's memory."""
    found = cache.get_many([formula_key(*pair) for pair in pairs])
    if len(_memory) + len(found) > MEMORY_SIZE:
        _memory.clear()
    for pair in pairs:
        if formula_key(*pair) in found:
            _memory[pair] = Formula(**found[formula_key(*pair)])


def render_formulas(expressions, problems):
    """Return {(tex, display): Formula} and note every failure in problems.

    Formulas never typeset are queued and shown as TeX until the worker is done.
    """
    wanted = list(dict.fromkeys(expressions))
    missing = [pair for pair in wanted if pair not in _memory]
    if missing:
        recall(missing)
        missing = [pair for pair in missing if pair not in _memory]
    if missing:
        failure = queued.remembered_failure([failure_key(p) for p in missing])
        if not failure and queued.queue(typeset_formulas, missing, problems, "Math is"):
            # Read again: an immediate backend has typeset them (or given up) now.
            recall(missing)
            failure = queued.remembered_failure([failure_key(p) for p in missing])
            if failure:
                problems.append(f"Math is shown as TeX source: typesetting {failure}")
            elif any(pair not in _memory for pair in missing):
                problems.append(
                    f"{BEING_TYPESET} Formulas show as TeX until they are typeset; "
                    "the page then updates by itself."
                )
        elif failure:
            problems.append(f"Math is shown as TeX source: typesetting {failure}")
    formulas = {pair: _memory.get(pair, Formula()) for pair in wanted}
    for (tex, _display), formula in formulas.items():
        if formula.error:
            problems.append(f"Formula “{tex[:60]}”: {formula.error}")
    return formulas


def math_html(formulas, tex, display, env, slots, *, inline=False):
    """Return the page's (or feed's) HTML for one formula.

    inline is for a display formula written within a sentence: it stays in the
    paragraph (KaTeX's display markup is made of spans).
    """
    formula = formulas.get((tex, display)) or Formula()
    # Feed readers get the TeX source alone, as code. MathML reads twice in a text
    # reader (its symbols, then its TeX annotation), loses its layout where it is
    # not supported ("w/225" reads "w225"), and validators warn about it; the TeX
    # is what the author wrote and reads the same everywhere.
    trusted = "" if env.get("feed") else formula.html
    if trusted:
        return slots.add(trusted, block=display and not inline)
    block = display and not inline
    # A display formula's own line breaks around the TeX would show as blank lines.
    shown = tex.strip("\n") if display else tex
    source = f'<code class="math-tex">{escape_in_runs(shown, escape)}</code>'
    return f'<pre class="math-tex">{source}</pre>\n' if block else source
