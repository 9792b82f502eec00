"""Rerun requests: what runs next, what is coalesced, and what preempts a running script.

The rules match Streamlit's. A full rerun preempts anything (at the running script's next
rillet call) and empties the fragment queue. A fragment rerun from a widget or a timer never
interrupts a running script: it is queued (ordered, de-duplicated) and runs after it. Pending
widget values coalesce, newest wins; button triggers are never dropped by coalescing, nor are
the values of widgets whose every value is a change on top of the last (a data editor's edits):
those are all kept, in order, and applied one after the other.

Beyond Streamlit, a script that never reaches a rillet call (``while True: pass``) can be
stopped too: whoever is told through `on_interrupt` (the session's runner) interrupts the run's
thread itself after a grace period. Each interruption has a reason, so the run can end as what
asked for it: superseded ("rerun"), stopped by the user ("stop"), out of time ("time_limit") or
ended with its session ("close").
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

InterruptReason = Literal["rerun", "stop", "time_limit", "close"]


@dataclass
class Request:
    """One unit of work for the runner: a full run, or a run of the queued fragments."""

    values: list[tuple[str, Any]] = field(default_factory=list)
    fragment_ids: list[str] = field(default_factory=list)
    full: bool = True
    # A fragment run asked by ``rerun(scope="fragment")`` preempts like a full run does.
    preempt: bool = False

    def merge(self, newer: Request, keeps_every: Callable[[str], bool] | None = None) -> None:
        """Fold a newer request into this pending one (values: newest wins, order kept,
        except for widgets ``keeps_every`` names, whose values are all kept)."""
        self.values = _coalesce(self.values + newer.values, keeps_every)
        if newer.full:
            self.full = True
            self.fragment_ids = []
        elif not self.full:
            for fid in newer.fragment_ids:
                if fid not in self.fragment_ids:
                    self.fragment_ids.append(fid)
        self.preempt = self.preempt or newer.preempt


def _coalesce(
    values: list[tuple[str, Any]], keeps_every: Callable[[str], bool] | None = None
) -> list[tuple[str, Any]]:
    """Keep the newest value per widget id, and every value of the widgets ``keeps_every``
    names (each is a change to apply on top of the one before, so dropping one loses it).

    Triggers (buttons) only ever send ``True``, so a press survives any later value of
    another widget and is never turned off by coalescing.
    """
    latest: dict[str, Any] = {}
    kept: list[tuple[str, Any]] = []
    for wid, value in values:
        if keeps_every is not None and keeps_every(wid):
            kept.append((wid, value))
            continue
        latest.pop(wid, None)
        latest[wid] = value
    return list(latest.items()) + kept


class Scheduler:
    """Holds the pending request and tells a running script when to give way."""

    def __init__(
        self,
        on_interrupt: Callable[[InterruptReason], None] | None = None,
        keeps_every: Callable[[str], bool] | None = None,
    ) -> None:
        self._lock = threading.Lock()
        # Names the widgets whose pending values must all be kept (see `_coalesce`).
        self.keeps_every = keeps_every
        self._pending: Request | None = None
        self._running = False
        self._interrupt: InterruptReason | None = None
        self._closed = False
        # Told (outside the lock) when the running script is asked to give way.
        self.on_interrupt = on_interrupt
        # Set while no worker runs and nothing is pending (AppTest and shutdown wait on it).
        self.idle = threading.Event()
        self.idle.set()

    def submit(self, request: Request) -> bool:
        """Queue ``request``; return True when no worker is active and one must be started."""
        with self._lock:
            if self._closed:
                return False
            if self._pending is None:
                self._pending = request
            else:
                self._pending.merge(request, self.keeps_every)
            preempts = self._running and (request.full or request.preempt)
            if preempts:
                self._interrupt = "rerun"
            if not self._running:
                self._running = True
                self.idle.clear()
                return True
        if preempts:
            self._notify("rerun")
        return False

    def take(self) -> Request | None:
        """Next request for the worker, or None: then the worker ends (idle holds no thread)."""
        with self._lock:
            self._interrupt = None
            request, self._pending = self._pending, None
            if request is None or self._closed:
                self._running = False
                self.idle.set()
                return None
            return request

    def should_interrupt(self) -> bool:
        """True when the running script must stop at its next rillet call."""
        return self._interrupt is not None

    @property
    def interrupt_reason(self) -> InterruptReason | None:
        """Why the running script was asked to give way, or None."""
        return self._interrupt

    def interrupt(self, reason: InterruptReason) -> bool:
        """Ask the running script to end for ``reason``; pending work is kept. False when
        nothing runs."""
        with self._lock:
            if not self._running or self._closed:
                return False
            self._interrupt = reason
        self._notify(reason)
        return True

    def stop(self) -> bool:
        """The user pressed Stop: end the running script and drop what is pending (its
        values included, as a stopped page is left as it is). False when nothing runs."""
        with self._lock:
            self._pending = None
            if not self._running or self._closed:
                return False
            self._interrupt = "stop"
        self._notify("stop")
        return True

    def _notify(self, reason: InterruptReason) -> None:
        if self.on_interrupt is not None:
            self.on_interrupt(reason)

    @property
    def busy(self) -> bool:
        """A worker is running, or work is pending."""
        with self._lock:
            return self._running or self._pending is not None

    def close(self) -> None:
        """No more work: the running script is interrupted and pending work dropped."""
        with self._lock:
            self._closed = True
            self._pending = None
            running = self._running
            if running:
                self._interrupt = "close"
        if running:
            self._notify("close")
