"""The `lighthouse` command's table, medians and verdict, on made-up reports."""

import io

import pytest
from django.core.management import CommandError, call_command

from tooling.management.commands import lighthouse


def report(performance=1, accessibility=1, best_practices=1, seo=1):
    """A Lighthouse report cut down to what the command reads."""
    scores = {
        "performance": performance,
        "accessibility": accessibility,
        "best-practices": best_practices,
        "seo": seo,
    }
    audits = {
        "target-size": {
            "id": "target-size",
            "score": accessibility,
            "details": {"items": [{"node": {"snippet": '<a class="chip">'}}]},
        }
    }
    categories = {
        name: {
            "score": score,
            "auditRefs": (
                [{"id": "target-size", "weight": 7}] if name == "accessibility" else []
            ),
        }
        for name, score in scores.items()
    }
    return {"categories": categories, "audits": audits}


@pytest.fixture
def lighthouse_runs(monkeypatch, tmp_path):
    """Answer each Lighthouse run with the next report of a list; record the runs."""
    (tmp_path / "lighthouse").touch()
    monkeypatch.setattr(lighthouse, "LIGHTHOUSE", tmp_path)
    answers, calls = [], []

    def run(self, executable, url, factor):
        calls.append((url, factor))
        return answers.pop(0)

    monkeypatch.setattr(lighthouse.Command, "run", run)
    return answers, calls


def test_prints_every_score_and_passes_at_100(lighthouse_runs):
    answers, calls = lighthouse_runs
    answers.extend([report(), report()])
    out = io.StringIO()
    call_command("lighthouse", url="http://site/", page=["/blog/"], stdout=out)
    assert calls == [("http://site/blog/", "desktop"), ("http://site/blog/", "mobile")]
    rows = [line.split() for line in out.getvalue().splitlines()[1:3]]
    assert rows == [
        ["/blog/", f, "100", "100", "100", "100"] for f in lighthouse.FORM_FACTORS
    ]


def test_scores_a_slow_page_three_times_and_keeps_the_median(lighthouse_runs):
    answers, calls = lighthouse_runs
    answers.extend([report(performance=0.9), report(1), report(0.98)])
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"Below 100: / \(mobile\)"):
        call_command(
            "lighthouse",
            url="http://site",
            page=["/"],
            form_factor="mobile",
            stdout=out,
        )
    assert len(calls) == 3
    assert out.getvalue().splitlines()[1].split() == [
        "/",
        "mobile",
        "98",
        "100",
        "100",
        "100",
    ]


def test_names_the_audits_that_cost_points(lighthouse_runs):
    answers, _ = lighthouse_runs
    answers.append(report(accessibility=0.9))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "lighthouse",
            url="http://site",
            page=["/"],
            form_factor="desktop",
            runs=1,
            show_failures=True,
            stdout=out,
        )
    assert "accessibility: target-size (0.9)" in out.getvalue()
    assert '<a class="chip">' in out.getvalue()
