"""Stopping runs that never reach a rillet call: an exception raised inside their thread.

A superseding rerun, the Stop button and an ended session only set a flag that the script sees
at its next rillet call. A script busy in pure Python (``while True: pass``) never makes one, so
after a grace period the run's own thread gets the interrupt raised in it
(``PyThreadState_SetAsyncExc``). The interpreter delivers it between two bytecodes of that
thread; code blocked in C (a long ``time.sleep``, a socket read) gets it when the call returns.

One daemon thread watches every run that needs watching (one that was asked to give way, or one
with a time limit) and sleeps while there is none.
"""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from typing import Protocol

log = logging.getLogger("rillet.runner")

# How often the watchdog looks at the runs it watches, in seconds.
TICK = 0.05


class Watched(Protocol):
    """A run the watchdog looks after."""

    def enforce(self, now: float) -> bool:
        """Act on what is due at ``now``; False once it needs no more watching."""
        ...


def raise_in_thread(thread_id: int, exc_type: type[BaseException]) -> bool:
    """Have ``exc_type`` raised in the thread ``thread_id`` at its next bytecode."""
    done = ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc_type)
    )
    return bool(done == 1)


def clear_pending(thread_id: int) -> None:
    """Withdraw an exception `raise_in_thread` left pending for ``thread_id``."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)


class Watchdog:
    """The one thread that enforces interrupts and time limits of every session's runs."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._watched: set[Watched] = set()
        self._thread: threading.Thread | None = None

    def watch(self, item: Watched) -> None:
        """Look after ``item`` until its `enforce` returns False."""
        with self._cond:
            self._watched.add(item)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._loop, name="rillet-watchdog", daemon=True
                )
                self._thread.start()
            self._cond.notify()

    @property
    def watching(self) -> int:
        """How many runs are watched now."""
        with self._cond:
            return len(self._watched)

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._watched:
                    self._cond.wait()
                items = list(self._watched)
            now = time.monotonic()
            finished = []
            for item in items:
                try:
                    if not item.enforce(now):
                        finished.append(item)
                except Exception:
                    log.exception("the watchdog failed on a run")
                    finished.append(item)
            with self._cond:
                self._watched.difference_update(finished)
                del items, finished
                self._cond.wait(TICK)


WATCHDOG = Watchdog()
