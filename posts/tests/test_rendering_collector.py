"""The garbage collector waits while bodies render, and resumes as it was."""

import gc

import pytest

from posts.rendering import render_markdown
from posts.rendering.collector import collector_paused


@pytest.fixture
def collector_enabled():
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def test_the_collector_waits_during_a_rendering_and_resumes_after(collector_enabled):
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    assert "<em>b</em>" in render_markdown("a *b*").html
    assert gc.isenabled()


def test_it_resumes_only_when_the_last_of_overlapping_renderings_ends(
    collector_enabled,
):
    first, second = collector_paused(), collector_paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled(collector_enabled):
    gc.disable()
    render_markdown("a *b*")
    assert not gc.isenabled()
    gc.enable()


def test_it_resumes_after_a_rendering_that_fails(collector_enabled):
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("the rendering failed")
    assert gc.isenabled()
