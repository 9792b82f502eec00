"""Session snapshots: what a restored session gets back, what it never gets, and a store
that fails or fills up costing nothing but the snapshot."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import pytest

from rillet.runtime.script import ScriptSource
from rillet.runtime.session import AppSession, SessionManager
from rillet.runtime.session_store import MemorySessionStore
from rillet.runtime.snapshots import Snapshots
from tests.conftest import write_script

SECRET = "a shared secret of the test workers"
BROWSER = "b" * 43
OTHER_BROWSER = "o" * 43

APP = """
import threading
import rillet as st
if "count" not in st.session_state:
    st.session_state.count = 0
st.session_state.setdefault("history", [])
if st.button("Add"):
    st.session_state.count += 1
    st.session_state.history.append(st.session_state.count)
name = st.text_input("Name", key="name")
level = st.slider("Level", 0, 10, 5)
if st.session_state.get("lock"):
    st.session_state.unpicklable = threading.Lock()
if st.session_state.get("big"):
    st.session_state.blob = "x" * 50_000
st.text(f"count={st.session_state.count} name={name} level={level}")
"""


class Worker:
    """A SessionManager standing for one rillet process, sharing ``store`` with others."""

    def __init__(self, store: Any, script: str, **options: Any) -> None:
        self.snapshots = Snapshots(store, options.pop("secret", SECRET), **options)
        self.manager = SessionManager(ScriptSource(script), snapshots=self.snapshots)

    def open(
        self, session_id: str | None = None, browser: str = BROWSER, page: str = ""
    ) -> AppSession:
        snapshot = self.manager.snapshot_for(session_id, browser)
        session, _ = self.manager.connect(
            session_id, lambda urgent: None, browser_key=browser, page=page, snapshot=snapshot
        )
        assert session.wait_idle(5)
        self.snapshots.flush()
        return session

    def act(self, session: AppSession, values: list[tuple[str, Any]]) -> None:
        session.request_rerun(values)
        assert session.wait_idle(5)
        self.snapshots.flush()


class Shared(MemorySessionStore):
    """An in-process store standing for Redis: the workers of a test share it."""

    shared = True


def widget(session: AppSession, kind: str) -> str:
    return next(s.id for s in session.state._specs.values() if s.kind == kind)


def shown_text(session: AppSession) -> str:
    texts = [n.element.props.get("body") for _, n in session.tree.walk() if n.element]
    return next(t for t in texts if isinstance(t, str) and t.startswith("count="))


@pytest.fixture
def script() -> str:
    return write_script(APP)


def used_session(worker: Worker) -> AppSession:
    """A session with a click, a typed name and a moved slider."""
    session = worker.open()
    worker.act(session, [(widget(session, "button"), True)])
    worker.act(session, [(widget(session, "text_input"), "Ada")])
    worker.act(session, [(widget(session, "slider"), 8)])
    assert shown_text(session) == "count=1 name=Ada level=8"
    return session


def test_another_process_restores_the_session_with_its_values(script: str) -> None:
    store = Shared()
    a, b = Worker(store, script), Worker(store, script)
    session = used_session(a)
    restored = b.open(session.id)
    assert restored.id == session.id
    assert restored.state["count"] == 1 and restored.state["history"] == [1]
    assert restored.state["name"] == "Ada"
    assert shown_text(restored) == "count=1 name=Ada level=8"


def test_a_restored_session_says_it_resumed_and_keeps_its_page(script: str) -> None:
    store = Shared()
    a, b = Worker(store, script), Worker(store, script)
    session = a.open(page="")
    session.nav.query = {"tab": "2"}
    session.nav.browser_query = "tab=2"
    a.act(session, [])
    snapshot = b.manager.snapshot_for(session.id, BROWSER)
    restored, messages = b.manager.connect(
        session.id, lambda urgent: None, "tab=2", BROWSER, snapshot=snapshot
    )
    assert messages[0].resumed is True
    assert restored.nav.query == {"tab": "2"}
    assert restored.wait_idle(5)


def test_a_forged_id_gets_a_fresh_session(script: str) -> None:
    store = Shared()
    a, b = Worker(store, script), Worker(store, script)
    session = used_session(a)
    token = session.id.split(".")[0]
    forged = f"{token}.{'A' * 22}"
    assert b.manager.snapshot_for(forged, BROWSER) is None
    fresh = b.open(forged)
    assert fresh.id != session.id and fresh.state["count"] == 0


def test_an_id_replayed_from_another_browser_gets_a_fresh_session(
    script: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = Shared()
    a, b = Worker(store, script), Worker(store, script)
    session = used_session(a)
    with caplog.at_level(logging.WARNING, "rillet"):
        stolen = b.open(session.id, browser=OTHER_BROWSER)
    assert stolen.id != session.id and stolen.state["count"] == 0
    assert "browser key" in caplog.text
    assert stolen.state["name"] == ""


def test_a_worker_with_another_secret_restores_nothing(script: str) -> None:
    store = Shared()
    a, b = Worker(store, script), Worker(store, script, secret="another secret")
    session = used_session(a)
    assert b.manager.snapshot_for(session.id, BROWSER) is None


def test_a_tampered_snapshot_is_never_unpickled(script: str) -> None:
    store = Shared()
    a, b = Worker(store, script), Worker(store, script)
    session = used_session(a)
    blob = bytearray(store.get(session.id) or b"")
    blob[-3] ^= 0xFF
    store.put(session.id, bytes(blob), 60)
    assert b.manager.snapshot_for(session.id, BROWSER) is None


def test_unpicklable_value_is_left_out_with_one_warning(
    script: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = Shared()
    a, b = Worker(store, script), Worker(store, script)
    session = a.open()
    session.state["lock"] = True
    with caplog.at_level(logging.WARNING, "rillet.snapshots"):
        a.act(session, [(widget(session, "button"), True)])
        a.act(session, [(widget(session, "button"), True)])
    warnings = [r.getMessage() for r in caplog.records if "cannot be pickled" in r.getMessage()]
    assert len(warnings) == 1 and "'unpicklable'" in warnings[0]
    restored = b.open(session.id)
    assert restored.state["count"] == 2
    assert "unpicklable" in restored.state  # the restored run made a new one


def test_snapshot_over_the_limit_leaves_out_the_largest_value(
    script: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = Shared()
    a, b = Worker(store, script, limit=10_000), Worker(store, script)
    session = a.open()
    session.state["big"] = True
    with caplog.at_level(logging.WARNING, "rillet.snapshots"):
        a.act(session, [(widget(session, "button"), True)])
    assert "'blob'" in caplog.text and "limit" in caplog.text
    assert len(store.get(session.id) or b"") <= 10_000 + 64
    restored = b.open(session.id)
    assert restored.state["count"] == 1


def test_unchanged_session_is_not_written_again(script: str) -> None:
    writes: list[str] = []

    class Counting(Shared):
        def put(self, session_id: str, blob: bytes, ttl: float) -> None:
            writes.append(session_id)
            super().put(session_id, blob, ttl)

    a = Worker(Counting(), script)
    session = a.open()
    a.act(session, [])
    a.act(session, [])
    assert len(writes) == 1
    a.act(session, [(widget(session, "slider"), 3)])
    assert len(writes) == 2


def test_snapshot_expires_after_its_ttl(script: str) -> None:
    store = Shared()
    a, b = Worker(store, script, ttl=0.2), Worker(store, script)
    session = used_session(a)
    time.sleep(0.3)
    assert b.manager.snapshot_for(session.id, BROWSER) is None


def test_a_failing_store_degrades_to_in_process_sessions(
    script: str, caplog: pytest.LogCaptureFixture
) -> None:
    class Down(Shared):
        down = True

        def put(self, session_id: str, blob: bytes, ttl: float) -> None:
            if self.down:
                raise ConnectionError("store is down")
            super().put(session_id, blob, ttl)

        def get(self, session_id: str) -> bytes | None:
            if self.down:
                raise ConnectionError("store is down")
            return super().get(session_id)

    store = Down()
    a = Worker(store, script)
    with caplog.at_level(logging.WARNING, "rillet.snapshots"):
        session = used_session(a)  # four runs, and the session works throughout
        assert a.manager.snapshot_for("x", BROWSER) is None
    assert caplog.text.count("session store is unavailable") == 1
    # Back up: the next change is written (after the retry delay).
    store.down = False
    a.snapshots._retry_at = 0.0
    a.act(session, [(widget(session, "slider"), 2)])
    assert store.get(session.id) is not None
    assert "answers again" in caplog.text


def test_a_tab_that_comes_back_gets_the_newer_snapshot_of_another_worker(script: str) -> None:
    store = Shared()
    a, b = Worker(store, script), Worker(store, script)
    session = used_session(a)
    a.manager.disconnect(session)
    moved = b.open(session.id)
    b.act(moved, [(widget(moved, "button"), True)])
    b.manager.disconnect(moved)
    back = a.open(session.id)
    assert back is not session and back.state["count"] == 2


def test_memory_store_brings_back_a_reaped_session(script: str) -> None:
    a = Worker(MemorySessionStore(), script)
    session = used_session(a)
    a.manager.disconnect(session)
    a.manager.ttl = 0
    assert a.manager.reap() == 1
    back = a.open(session.id)
    assert back.state["count"] == 1 and shown_text(back) == "count=1 name=Ada level=8"


def test_closed_session_leaves_nothing_in_the_snapshot_writer(script: str) -> None:
    a = Worker(MemorySessionStore(), script)
    session = used_session(a)
    assert session.id in a.snapshots._last
    a.manager.close_all()
    assert a.snapshots._last == {} and a.snapshots._warned == {}


def test_drain_lets_a_run_finish_and_snapshots_it(script: str) -> None:
    slow = write_script(APP.replace("st.text(f", "import time; time.sleep(0.3)\nst.text(f"))
    store = Shared()
    a, b = Worker(store, slow), Worker(store, slow)
    session = a.open()
    session.request_rerun([(widget(session, "button"), True)])
    done = threading.Thread(target=a.manager.drain, args=(5.0,))
    done.start()
    done.join(10)
    assert b.open(session.id).state["count"] == 1


def test_memory_store_budget_drops_the_oldest() -> None:
    store = MemorySessionStore(budget=100)
    store.put("a", b"x" * 60, 60)
    store.put("b", b"y" * 60, 60)
    assert store.get("a") is None and store.get("b") == b"y" * 60
