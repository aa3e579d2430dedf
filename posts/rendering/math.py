"""``$…$`` and ``$$…$$`` rendered to KaTeX HTML on the server, by node, offline.

All formulas of a body go to one node process running the vendored KaTeX. Without
node (or if KaTeX rejects a formula) the TeX source stays visible in a ``<code>``.
"""

import json
import logging
import re
import shutil
import subprocess
from dataclasses import dataclass
from html import escape
from pathlib import Path

from django.conf import settings

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


def render_formulas(expressions, problems):
    """Return {(tex, display): Formula} and note every failure in problems."""
    wanted = list(dict.fromkeys(expressions))
    missing = [pair for pair in wanted if pair not in _memory]
    if missing:
        try:
            rendered = run_katex(missing)
        except (OSError, subprocess.SubprocessError, ValueError) as error:
            logger.warning("Math left as TeX: %s", error)
            problems.append(f"Math is shown as TeX source: {error}.")
            return {pair: Formula() for pair in wanted}
        if len(_memory) + len(missing) > MEMORY_SIZE:
            _memory.clear()
        _memory.update(zip(missing, rendered, strict=True))
    formulas = {pair: _memory[pair] for pair in wanted}
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
