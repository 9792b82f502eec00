"""The pool of run threads: reuse, a submit that never waits, idle exit, and its races."""

from __future__ import annotations

import contextvars
import functools
import gc
import os
import random
import statistics
import threading
import time
import types
import weakref
from typing import Any

import pytest

from rillet.runtime import runner as runner_module
from rillet.runtime import workers
from rillet.runtime.context import THREAD_ATTR
from rillet.runtime.script import ScriptSource
from rillet.runtime.session import AppSession, SessionManager
from rillet.runtime.workers import IDLE_NAME, RunPool
from tests.conftest import write_script
from tests.runtime.test_interrupt import Recorder


def wait_for(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.005)


def test_work_reuses_an_idle_thread() -> None:
    pool = RunPool(idle_timeout=1.0)
    seen: list[int] = []
    done = threading.Event()

    def work() -> None:
        seen.append(threading.get_ident())
        done.set()

    for _ in range(5):
        done.clear()
        pool.submit(work, "rillet-run-test")
        assert done.wait(5)
        wait_for(lambda: pool.idle == 1)
    assert len(set(seen)) == 1
    assert pool.started == 1


def test_a_thread_carries_the_name_it_was_given_only_while_it_runs() -> None:
    pool = RunPool(idle_timeout=1.0)
    names: list[str] = []
    pool.submit(lambda: names.append(threading.current_thread().name), "rillet-run-abcd1234")
    wait_for(lambda: pool.idle == 1)
    assert names == ["rillet-run-abcd1234"]
    assert [t for t in threading.enumerate() if t.name == "rillet-run-abcd1234"] == []
    assert any(t.name == IDLE_NAME for t in threading.enumerate())


def test_submit_returns_at_once_while_every_thread_is_busy() -> None:
    pool = RunPool(idle_timeout=1.0)
    release = threading.Event()
    running = threading.Semaphore(0)

    def busy() -> None:
        running.release()
        release.wait(10)

    try:
        for _ in range(8):
            pool.submit(busy, "rillet-run-busy")
        for _ in range(8):
            assert running.acquire(timeout=10)
        # Every thread is busy now: each submit needs a new thread, and must not wait for it.
        took = []
        for _ in range(50):
            began = time.perf_counter()
            pool.submit(busy, "rillet-run-busy")
            took.append(time.perf_counter() - began)
        for _ in range(50):
            assert running.acquire(timeout=20)  # unbounded: each got a thread of its own
        assert pool.threads == 58
        # Only a queue put; a Thread.start() waits for the new thread to be scheduled.
        median = statistics.median(took)
        assert median < 0.0005, f"a submit took {median * 1e6:.0f} us (median)"
    finally:
        release.set()


class _SlowToStart(threading.Thread):
    """A thread whose start() waits until the test lets it (a machine that is slow to
    schedule a new thread)."""

    gate = threading.Event()

    def start(self) -> None:
        assert self.gate.wait(10)
        super().start()


def test_submit_does_not_wait_for_a_thread_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    pool = RunPool(idle_timeout=1.0)
    first = threading.Event()
    pool.submit(first.set, "rillet-run-first")  # the spawner is running from here on
    assert first.wait(5)
    wait_for(lambda: pool.idle == 1)
    release = threading.Event()
    ran = threading.Semaphore(0)

    def work() -> None:
        ran.release()
        release.wait(10)

    _SlowToStart.gate.clear()
    slow_threading = types.SimpleNamespace(**{**vars(threading), "Thread": _SlowToStart})
    monkeypatch.setattr(workers, "threading", slow_threading)
    submitted = threading.Event()

    def submit_three() -> None:
        for _ in range(3):  # the idle thread takes one; two need new threads
            pool.submit(work, "rillet-run-slow")
        submitted.set()

    threading.Thread(target=submit_three, daemon=True).start()
    try:
        assert submitted.wait(5), "submit waited for a thread to start"
        assert ran.acquire(timeout=5)  # the idle thread's
        assert not ran.acquire(timeout=0.05)  # the others wait for their threads
        _SlowToStart.gate.set()
        assert ran.acquire(timeout=5)
        assert ran.acquire(timeout=5)
    finally:
        _SlowToStart.gate.set()
        release.set()


def test_a_sleeping_run_does_not_hold_up_another() -> None:
    pool = RunPool(idle_timeout=1.0)
    release = threading.Event()
    other = threading.Event()
    pool.submit(lambda: release.wait(10), "rillet-run-sleeper")
    pool.submit(other.set, "rillet-run-other")
    try:
        assert other.wait(5)
    finally:
        release.set()


def test_idle_threads_exit_after_the_timeout() -> None:
    pool = RunPool(idle_timeout=0.05, idle_name="test-idle-exit")
    release = threading.Event()
    for _ in range(4):
        pool.submit(lambda: release.wait(10), "rillet-run-x")
    wait_for(lambda: pool.threads == 4)
    release.set()
    wait_for(lambda: pool.threads == 0)
    assert pool.idle == 0
    wait_for(lambda: not [t for t in threading.enumerate() if t.name == "test-idle-exit"])


def test_the_newest_idle_thread_gets_the_work_and_the_others_time_out() -> None:
    pool = RunPool(idle_timeout=0.3)
    release = threading.Event()
    for _ in range(6):
        pool.submit(lambda: release.wait(10), "rillet-run-x")
    wait_for(lambda: pool.threads == 6)
    release.set()
    wait_for(lambda: pool.idle == 6)
    # A steady trickle of work keeps one thread busy; the five others are never woken.
    end = time.monotonic() + 1.0
    done = threading.Event()
    while time.monotonic() < end:
        done.clear()
        pool.submit(done.set, "rillet-run-y")
        assert done.wait(5)
        time.sleep(0.02)
    wait_for(lambda: pool.threads == 1)


def test_no_work_is_lost_when_idle_threads_time_out_as_it_arrives() -> None:
    # The race: a thread's wait times out just as a submit hands it work. Many short
    # timeouts against submits at random moments: every piece of work must run once.
    pool = RunPool(idle_timeout=0.001)
    count = 2000
    ran: list[int] = []
    lock = threading.Lock()
    done = threading.Event()

    def work(i: int) -> None:
        with lock:
            ran.append(i)
            if len(ran) == count:
                done.set()

    def submitter(start: int) -> None:
        for i in range(start, count, 4):
            pool.submit(functools.partial(work, i), "rillet-run-race")
            if i % 7 == 0:
                time.sleep(0.001)

    submitters = [threading.Thread(target=submitter, args=(s,)) for s in range(4)]
    for thread in submitters:
        thread.start()
    for thread in submitters:
        thread.join()
    assert done.wait(30), f"{count - len(ran)} pieces of work never ran"
    assert sorted(ran) == list(range(count))
    wait_for(lambda: pool.threads == 0)
    assert pool.idle == 0


def test_a_run_leaves_no_thread_attribute_nor_context_to_the_next() -> None:
    pool = RunPool(idle_timeout=1.0)
    var: contextvars.ContextVar[str] = contextvars.ContextVar("user_var", default="unset")
    seen: list[tuple[str, Any, Any]] = []

    def first() -> None:
        thread = threading.current_thread()
        setattr(thread, THREAD_ATTR, "a run's context")
        thread.user_flag = True  # type: ignore[attr-defined]
        var.set("first run's")

    def second() -> None:
        thread = threading.current_thread()
        seen.append(
            (var.get(), getattr(thread, THREAD_ATTR, None), getattr(thread, "user_flag", None))
        )

    pool.submit(first, "rillet-run-first")
    wait_for(lambda: pool.idle == 1)
    pool.submit(second, "rillet-run-second")
    wait_for(lambda: len(seen) == 1)
    assert pool.started == 1
    assert seen == [("unset", None, None)]


def test_work_that_raises_leaves_the_thread_serving(caplog: pytest.LogCaptureFixture) -> None:
    pool = RunPool(idle_timeout=1.0)
    done = threading.Event()

    def boom() -> None:
        raise RuntimeError("boom")

    pool.submit(boom, "rillet-run-boom")
    wait_for(lambda: pool.idle == 1)
    pool.submit(done.set, "rillet-run-next")
    assert done.wait(5)
    assert pool.started == 1
    assert "boom" in caplog.text


def test_an_idle_thread_keeps_nothing_of_its_last_work_alive() -> None:
    pool = RunPool(idle_timeout=1.0)

    class Session:
        def work(self) -> None:
            pass

    session = Session()
    ref = weakref.ref(session)
    pool.submit(session.work, "rillet-run-first")
    wait_for(lambda: pool.idle == 1)
    del session
    gc.collect()
    assert ref() is None


SPINNER = """
import rillet as st
st.text("spin")
n = 0
for _ in range(300_000):
    n += 1
st.text("spun")
"""

QUICK = """
import rillet as st
st.text("quick")
"""


def test_interrupts_of_one_sessions_runs_never_reach_another_on_the_same_threads(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Spinning sessions are superseded at random moments and the watchdog interrupts their
    # pure-Python loops at once (no grace): interrupts land all over their runs, near their
    # ends included. Quick sessions run meanwhile on the same pooled threads: every one of
    # their runs must end "ok", and no run may end in an internal error.
    monkeypatch.setattr(runner_module, "INTERRUPT_GRACE", 0.0)
    monkeypatch.setattr(runner_module, "INTERRUPT_RETRY", 0.0)
    spinners = [start_session(SPINNER) for _ in range(3)]
    quick = [start_session(QUICK) for _ in range(3)]
    rng = random.Random(7)
    deadline = time.monotonic() + 4.0
    rounds = 0
    while time.monotonic() < deadline:
        for session, _ in spinners:
            session.request_rerun()
        for session, _ in quick:
            if not session.scheduler.busy:  # never superseded: only an interrupt could end it
                session.request_rerun()
        time.sleep(rng.uniform(0.0, 0.03))
        rounds += 1
    for session, _ in spinners + quick:
        assert session.wait_idle(20)
    assert rounds > 20
    for _, recorder in quick:
        statuses = recorder.statuses()
        assert statuses and set(statuses) == {"ok"}, statuses
    spinner_statuses = [s for _, recorder in spinners for s in recorder.statuses()]
    assert "interrupted" in spinner_statuses  # the interrupts did happen
    assert "internal error" not in caplog.text


def start_session(source: str) -> tuple[AppSession, Recorder]:
    manager = SessionManager(ScriptSource(write_script(source)), ttl=0)
    recorder = Recorder()
    session, _ = manager.connect(None, recorder)
    recorder.session = session
    return session, recorder


def test_an_interrupt_landing_while_a_run_disarms_is_withdrawn_before_the_thread_moves_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An interrupt the watchdog raised can land at any bytecode, also as the run leaves user
    # code. Disarming must then still complete (withdraw whatever is pending for the thread),
    # or that thread's next run, maybe another session's, could be hit by it.
    real_disarm = runner_module.Runner._disarm
    real_clear = runner_module.clear_pending
    landed: list[int] = []
    withdrawn: list[int] = []

    def disarm(self: runner_module.Runner) -> None:
        if not landed:
            landed.append(threading.get_ident())
            raise runner_module.RerunInterrupt()  # as if it landed on entering _disarm
        real_disarm(self)

    def clear(thread_id: int) -> None:
        withdrawn.append(thread_id)
        real_clear(thread_id)

    monkeypatch.setattr(runner_module.Runner, "_disarm", disarm)
    monkeypatch.setattr(runner_module, "clear_pending", clear)
    session, recorder = start_session(QUICK)
    assert session.wait_idle(10)
    assert recorder.statuses() == ["interrupted"]  # it landed: the run gave way
    assert landed and withdrawn == landed  # and disarming went through after it
    other, other_recorder = start_session(QUICK)
    assert other.wait_idle(10)
    assert other_recorder.statuses() == ["ok"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_gets_an_empty_pool_that_works() -> None:
    workers.POOL.submit(lambda: None, "rillet-run-parent")
    wait_for(lambda: workers.POOL.idle >= 1)
    pid = os.fork()
    if pid == 0:  # the child: the parent's idle threads do not exist here
        done = threading.Event()
        workers.POOL.submit(done.set, "rillet-run-child")
        os._exit(0 if done.wait(5) else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
