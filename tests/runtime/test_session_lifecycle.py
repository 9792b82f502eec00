"""Sessions: threads only while running, presses never lost, nothing left behind on close."""

from __future__ import annotations

import gc
import threading
import time
import weakref

from rillet.protocol.messages import RunFinished
from rillet.runtime.script import ScriptSource
from rillet.runtime.session import AppSession, SessionManager
from rillet.testing import AppTest
from tests.conftest import write_script

SLOW_COUNTER = """
import time
import rillet as st
if "clicks" not in st.session_state:
    st.session_state.clicks = 0
st.text("start")
if st.button("Press"):
    st.session_state.clicks += 1
level = st.slider("Level", 0, 10, 0)
for _ in range(int(st.session_state.get("slow", 0) * 20)):
    time.sleep(0.01)
    st.text("working")
st.text(f"clicks={st.session_state.clicks} level={level}")
"""


def _run_threads(session: AppSession) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == f"rillet-run-{session.id[:8]}"]


def test_idle_session_holds_no_thread() -> None:
    at = AppTest.from_string(SLOW_COUNTER).run()
    session = at._session
    deadline = time.monotonic() + 2
    while _run_threads(session) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _run_threads(session) == []


def test_values_coalesce_during_a_run_and_the_press_is_not_lost() -> None:
    at = AppTest.from_string(SLOW_COUNTER)
    at.session_state["slow"] = 1
    at.run()
    button, slider = at.button[0].id, at.slider[0].id
    session = at._session
    # A long run is in progress when the press and two slider moves arrive.
    session.request_rerun()
    time.sleep(0.05)
    session.request_rerun([(button, True)])
    session.request_rerun([(slider, 3)])
    session.request_rerun([(slider, 7)])
    assert session.wait_idle(10)
    at._wait(1)
    assert at.text[-1].value == "clicks=1 level=7"


def test_interrupted_run_hands_an_unread_press_to_the_next_run() -> None:
    at = AppTest.from_string(SLOW_COUNTER).run()
    button = at.button[0].id
    session = at._session
    state = session.state
    # The press arrives; before the run reads it, a newer request preempts the run.
    state._triggers.add(button)
    state.end_run(completed=False, interrupted=True)
    at.run()
    assert at.text[-1].value == "clicks=1 level=0"
    at.run()
    assert at.text[-1].value == "clicks=1 level=0"  # read once: never seen twice


def test_closed_session_leaves_nothing_behind() -> None:
    manager = SessionManager(ScriptSource(write_script(SLOW_COUNTER)), ttl=0)
    finished = threading.Event()
    session, _ = manager.connect(None, lambda urgent: finished.set() if urgent else None)

    def wait_first_run(session: AppSession) -> None:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if any(isinstance(m, RunFinished) for m in session.outbox.drain()):
                return
            time.sleep(0.01)
        raise AssertionError("first run did not finish")

    wait_first_run(session)
    assert session.wait_idle(5)
    ref = weakref.ref(session)
    state_ref = weakref.ref(session.state)
    manager.disconnect(session)
    assert manager.reap() == 1
    del session
    gc.collect()
    assert manager.sessions == {}
    assert ref() is None, gc.get_referrers(ref())
    assert state_ref() is None
