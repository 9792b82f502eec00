"""Runaway scripts: a superseding rerun, Stop, a time limit and an expired session end a run
even when its code never reaches a rillet call (a pure-Python loop).

Every script here loops only while `RELEASE` is not set, so a failing test never leaves a
spinning thread behind in the test process.
"""

from __future__ import annotations

import builtins
import logging
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from rillet.protocol.messages import Delta, Outbound, RunFinished
from rillet.runtime import runner as runner_module
from rillet.runtime.script import ScriptSource
from rillet.runtime.session import AppSession, SessionManager
from tests.conftest import write_script

# Generous against a loaded 2-core machine; the grace period itself is 0.5 s.
STOPS_WITHIN = 2.0


@pytest.fixture(autouse=True)
def release() -> Iterator[threading.Event]:
    event = threading.Event()
    builtins.RELEASE = event  # type: ignore[attr-defined]
    builtins.CAUGHT = []  # type: ignore[attr-defined]
    yield event
    event.set()
    del builtins.RELEASE  # type: ignore[attr-defined]


class Recorder:
    """A session's outbox listener that keeps every message."""

    def __init__(self) -> None:
        self.session: AppSession | None = None
        self.messages: list[Outbound] = []

    def __call__(self, urgent: bool) -> None:
        if self.session is not None:
            self.messages.extend(self.session.outbox.drain())

    def statuses(self) -> list[str]:
        self(True)
        return [m.status for m in self.messages if isinstance(m, RunFinished)]

    def texts(self) -> list[str]:
        self(True)
        return [
            str(m.element.props.get("body", m.element.props.get("message")))
            for m in self.messages
            if isinstance(m, Delta) and m.element.kind in ("text", "exception")
        ]


def start(source: str, **manager: Any) -> tuple[SessionManager, AppSession, Recorder]:
    manager_ = SessionManager(ScriptSource(write_script(source)), **{"ttl": 0, **manager})
    recorder = Recorder()
    session, _ = manager_.connect(None, recorder)
    recorder.session = session
    return manager_, session, recorder


def wait_for(condition: Any, timeout: float = 5.0) -> float:
    """Seconds until ``condition()`` held; fails after ``timeout``."""
    began = time.monotonic()
    while not condition():
        if time.monotonic() - began > timeout:
            raise AssertionError("timed out")
        time.sleep(0.01)
    return time.monotonic() - began


def run_threads(session: AppSession) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == f"rillet-run-{session.id[:8]}"]


BUSY_ON_FIRST_RUN = """
import rillet as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
st.text(f"run {st.session_state.runs}")
if st.session_state.runs == 1:
    n = 0
    while not RELEASE.is_set():
        n += 1
"""


def test_a_superseding_rerun_ends_a_pure_python_busy_loop() -> None:
    _, session, recorder = start(BUSY_ON_FIRST_RUN)
    wait_for(lambda: "run 1" in recorder.texts())
    session.request_rerun()
    assert wait_for(lambda: not session.scheduler.busy) < STOPS_WITHIN
    assert recorder.statuses() == ["interrupted", "ok"]
    assert recorder.texts()[-1] == "run 2"


def test_stop_ends_a_loop_that_catches_exception() -> None:
    _, session, recorder = start(
        """
import rillet as st
st.text("before")
while not RELEASE.is_set():
    try:
        sum(range(1000))
    except Exception:
        CAUGHT.append("swallowed")
st.text("after")
"""
    )
    wait_for(lambda: "before" in recorder.texts())
    session.stop()
    assert wait_for(lambda: not session.scheduler.busy) < STOPS_WITHIN
    assert recorder.statuses() == ["stopped"]
    assert builtins.CAUGHT == []  # type: ignore[attr-defined]  # not an Exception
    assert "after" not in recorder.texts()


def test_interrupts_are_raised_again_when_a_bare_except_swallows_them() -> None:
    _, session, recorder = start(
        """
import rillet as st
st.text("spinning")
while not RELEASE.is_set():
    try:
        n = 0
        while not RELEASE.is_set():
            n += 1
    except:
        CAUGHT.append("swallowed")
        if len(CAUGHT) == 3:
            raise
"""
    )
    wait_for(lambda: "spinning" in recorder.texts())
    session.stop()
    assert wait_for(lambda: not session.scheduler.busy) < STOPS_WITHIN + 3 * 0.25
    assert builtins.CAUGHT == ["swallowed"] * 3  # type: ignore[attr-defined]
    assert recorder.statuses() == ["stopped"]


def test_a_busy_loop_inside_a_fragment_is_stopped_and_the_app_keeps_working() -> None:
    _, session, recorder = start(
        """
import rillet as st
@st.fragment
def panel():
    if st.button("Spin"):
        while not RELEASE.is_set():
            pass
    st.text("panel drawn")
panel()
st.text("app drawn")
"""
    )
    wait_for(lambda: recorder.statuses() == ["ok"])
    spec = next(iter(session.state._specs.values()))
    assert spec.kind == "button" and spec.fragment_id is not None
    session.request_rerun([(spec.id, True)], [spec.fragment_id], full=False)
    wait_for(lambda: session.scheduler.busy and len(recorder.statuses()) == 1)
    time.sleep(0.1)
    session.stop()
    assert wait_for(lambda: not session.scheduler.busy) < STOPS_WITHIN
    assert recorder.statuses() == ["ok", "stopped"]
    session.request_rerun()
    assert session.wait_idle(5)
    assert recorder.statuses() == ["ok", "stopped", "ok"]


def test_a_run_past_the_time_limit_is_stopped_with_a_message() -> None:
    _, session, recorder = start(BUSY_ON_FIRST_RUN, run_time_limit=0.3)
    assert wait_for(lambda: not session.scheduler.busy) < 0.3 + STOPS_WITHIN
    assert recorder.statuses() == ["error"]
    message = recorder.texts()[-1]
    assert "stopped after 0.3 s" in message and "--run-time-limit" in message
    # The next run is within the limit and ends normally.
    session.request_rerun()
    assert session.wait_idle(5)
    assert recorder.statuses() == ["error", "ok"]


def test_runs_have_no_time_limit_by_default() -> None:
    from rillet.config import Config

    assert Config().run_time_limit is None
    _, session, _ = start("import time\ntime.sleep(0.2)\n")
    assert session.run_time_limit is None and session.wait_idle(5)


def test_an_expired_session_ends_its_busy_run_and_the_cpu_returns_to_idle() -> None:
    manager, session, recorder = start(BUSY_ON_FIRST_RUN)
    wait_for(lambda: "run 1" in recorder.texts())
    assert run_threads(session)
    manager.disconnect(session)
    assert manager.reap() == 1
    assert wait_for(lambda: not run_threads(session)) < STOPS_WITHIN
    cpu, wall = time.process_time(), time.monotonic()
    time.sleep(0.5)
    assert time.process_time() - cpu < 0.25 * (time.monotonic() - wall)


def test_a_loop_of_rillet_calls_that_do_not_yield_is_interrupted_cleanly() -> None:
    """The interrupt lands in user code, never inside rillet's own: the session stays sound."""
    _, session, recorder = start(
        """
import rillet as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
if st.session_state.runs == 1:
    while not RELEASE.is_set():
        st.session_state.get("anything")
st.text(f"run {st.session_state.runs}")
"""
    )
    time.sleep(0.2)
    session.request_rerun()
    assert wait_for(lambda: not session.scheduler.busy) < STOPS_WITHIN
    assert recorder.statuses() == ["interrupted", "ok"]
    assert recorder.texts() == ["run 2"]


def test_a_run_that_swallows_every_interrupt_is_given_up_on_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, release: threading.Event
) -> None:
    monkeypatch.setattr(runner_module, "MAX_INTERRUPTS", 2)
    monkeypatch.setattr(runner_module, "INTERRUPT_RETRY", 0.05)
    _, session, _ = start(
        """
while not RELEASE.is_set():
    try:
        n = 0
        while not RELEASE.is_set():
            n += 1
    except BaseException:
        CAUGHT.append("swallowed")
"""
    )
    time.sleep(0.1)
    with caplog.at_level(logging.WARNING, logger="rillet"):
        session.stop()
        wait_for(lambda: "swallowed 2 interrupts" in caplog.text)
    assert builtins.CAUGHT == ["swallowed"] * 2  # type: ignore[attr-defined]
    release.set()
    assert session.wait_idle(5)
