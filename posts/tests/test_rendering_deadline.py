"""Rendering stops at its deadline, cooperatively, with a message for the editor."""

import pytest

from posts.rendering import RenderTimeout, render_markdown
from posts.rendering.deadline import (
    check_deadline,
    deadline_after,
    deadline_paused,
    seconds_left,
)

BIG_BODY = "[a](b) *c* `d` " * 10_000


def test_a_tiny_deadline_stops_the_rendering_with_a_message():
    with pytest.raises(RenderTimeout) as raised:
        render_markdown(BIG_BODY, deadline=0.001)
    assert raised.value.seconds == 0.001
    assert str(raised.value) == (
        "The body took longer than 0.001 s to render and was not saved: it may "
        "contain a very long run of brackets or markup. Split it or simplify it."
    )


def test_the_deadline_defaults_to_the_setting_read_at_each_call(settings):
    settings.BLOGCRAFT_RENDER_TIMEOUT_SECONDS = 0.001
    with pytest.raises(RenderTimeout, match="0.001 s"):
        render_markdown(BIG_BODY)
    settings.BLOGCRAFT_RENDER_TIMEOUT_SECONDS = 60
    assert "<em>c</em>" in render_markdown(BIG_BODY).html


def test_outside_a_rendering_nothing_times_out():
    check_deadline()
    assert seconds_left(30) == 30


def test_subprocesses_get_the_time_left():
    with deadline_after(10):
        assert 9 < seconds_left(30) <= 10
        assert seconds_left(2) == 2


def test_paused_time_does_not_count(monkeypatch):
    clock = iter([100.0, 100.0, 150.0, 151.0])
    # The deadline's own clock only: the database's driver reads the real one.
    monkeypatch.setattr("posts.rendering.deadline.monotonic", lambda: next(clock))
    with deadline_after(5):  # expires at 105
        with deadline_paused():  # from 100 to 150: now expires at 155
            pass
        check_deadline()  # at 151
