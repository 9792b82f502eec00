"""The process-wide pool of run threads: a run starts without waiting for a thread to start.

A new thread per run made the event loop wait in ``Thread.start()`` until the new thread was
scheduled, which on a busy machine (and with other runs holding the interpreter lock) is most
of what a worker with many tabs spent its time on. Here `submit` only puts the work in a queue:
an idle thread takes it, and when none is idle a spawner thread starts one, so the caller never
waits for a thread. The pool is unbounded (a script that sleeps must never keep another
session's run waiting) and threads idle for `IDLE_TIMEOUT` seconds exit, so an idle server
holds only the spawner.

Each piece of work runs as if on a fresh thread: in an empty ``contextvars`` context, under the
name it was submitted with (run threads are named after their session), and attributes it set
on the thread object (``add_script_run_ctx``) are removed afterwards. What cannot be reset is a
``threading.local`` that user code keeps: it outlives the run on that thread.
"""

from __future__ import annotations

import contextvars
import logging
import os
import queue
import threading
from collections.abc import Callable

log = logging.getLogger("rillet.runner")

# Seconds an idle thread waits for work before it exits.
IDLE_TIMEOUT = 60.0
# The name of a pooled thread between two pieces of work.
IDLE_NAME = "rillet-run-idle"

Work = Callable[[], object]


class _Slot:
    """One idle thread's mailbox: work is put in it, then `ready` released."""

    __slots__ = ("ready", "work")

    def __init__(self) -> None:
        self.ready = threading.Lock()
        self.ready.acquire()
        self.work: tuple[Work, str] | None = None


class RunPool:
    """Threads that run submitted work, started on demand and kept while there is work.

    Idle threads wait in a stack: the one that went idle last gets the next work, so under a
    steady load the same few threads stay busy and the rest time out.
    """

    def __init__(self, idle_timeout: float = IDLE_TIMEOUT, idle_name: str = IDLE_NAME) -> None:
        self.idle_timeout = idle_timeout
        self.idle_name = idle_name
        self.started = 0  # threads started so far (tests and benchmarks read it)
        self._reset()

    def _reset(self) -> None:
        """Start empty (also in a forked child, where none of the parent's threads exist)."""
        self._lock = threading.Lock()
        self._idle: list[_Slot] = []
        self._threads = 0  # pooled threads alive or about to be started
        self._spawns: queue.SimpleQueue[tuple[Work, str]] = queue.SimpleQueue()
        self._spawner: threading.Thread | None = None

    def submit(self, work: Work, name: str) -> None:
        """Run ``work`` on a pooled thread named ``name`` while it runs; never waits for one."""
        with self._lock:
            if self._idle:
                slot = self._idle.pop()
                slot.work = (work, name)
                slot.ready.release()
                return
            self._threads += 1
            self.started += 1
            if self._spawner is None:
                # The first submit of the process starts the spawner itself, once.
                self._spawner = threading.Thread(
                    target=self._spawn_forever, name="rillet-run-spawner", daemon=True
                )
                self._spawner.start()
        self._spawns.put((work, name))

    @property
    def threads(self) -> int:
        """Pooled threads alive now (busy or idle), the spawner not included."""
        with self._lock:
            return self._threads

    @property
    def idle(self) -> int:
        """Pooled threads waiting for work."""
        with self._lock:
            return len(self._idle)

    def _spawn_forever(self) -> None:
        while True:
            slot = _Slot()
            slot.work = self._spawns.get()
            try:
                threading.Thread(
                    target=self._serve, args=(slot,), name=slot.work[1], daemon=True
                ).start()
            except Exception:  # out of threads: run it here rather than lose it
                log.exception("could not start a run thread")
                with self._lock:
                    self._threads -= 1
                self._run(slot)
                threading.current_thread().name = "rillet-run-spawner"
            del slot  # nothing here may keep a session alive while it waits

    def _serve(self, slot: _Slot) -> None:
        while self._run(slot):
            if not self._wait(slot):
                return

    def _run(self, slot: _Slot) -> bool:
        """Run the work in ``slot`` and empty it (a waiting thread holds no session)."""
        if slot.work is None:
            return False
        (work, name), slot.work = slot.work, None
        thread = threading.current_thread()
        own = set(vars(thread))
        try:
            thread.name = name
            contextvars.Context().run(work)
        except BaseException:
            log.exception("a run thread's work failed")
        finally:
            del work
            for attribute in set(vars(thread)) - own:
                delattr(thread, attribute)  # add_script_run_ctx's, or the user's own
            thread.name = self.idle_name
        return True

    def _wait(self, slot: _Slot) -> bool:
        """Wait idle until work is put in ``slot``; False when none came in time (the thread
        then exits)."""
        with self._lock:
            self._idle.append(slot)
        if not slot.ready.acquire(timeout=self.idle_timeout):
            with self._lock:
                if slot in self._idle:
                    self._idle.remove(slot)
                    self._threads -= 1
                    return False
            # A submit took this slot as the wait timed out: its work is in the slot.
            slot.ready.acquire()
        return True


POOL = RunPool()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=POOL._reset)


def submit(work: Work, name: str) -> None:
    """Run ``work`` on a thread of the process's pool, named ``name`` while it runs."""
    POOL.submit(work, name)
