"""Rerun requests: what runs next, what is coalesced, and what preempts a running script.

The rules match Streamlit's. A full rerun preempts anything (at the running script's next
rillet call) and empties the fragment queue. A fragment rerun from a widget or a timer never
interrupts a running script: it is queued (ordered, de-duplicated) and runs after it. Pending
widget values coalesce, newest wins; button triggers are never dropped by coalescing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Request:
    """One unit of work for the runner: a full run, or a run of the queued fragments."""

    values: list[tuple[str, Any]] = field(default_factory=list)
    fragment_ids: list[str] = field(default_factory=list)
    full: bool = True
    # A fragment run asked by ``rerun(scope="fragment")`` preempts like a full run does.
    preempt: bool = False

    def merge(self, newer: Request) -> None:
        """Fold a newer request into this pending one (values: newest wins, order kept)."""
        self.values = _coalesce(self.values + newer.values)
        if newer.full:
            self.full = True
            self.fragment_ids = []
        elif not self.full:
            for fid in newer.fragment_ids:
                if fid not in self.fragment_ids:
                    self.fragment_ids.append(fid)
        self.preempt = self.preempt or newer.preempt


def _coalesce(values: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Keep the newest value per widget id.

    Triggers (buttons) only ever send ``True``, so a press survives any later value of
    another widget and is never turned off by coalescing.
    """
    latest: dict[str, Any] = {}
    for wid, value in values:
        latest.pop(wid, None)
        latest[wid] = value
    return list(latest.items())


class Scheduler:
    """Holds the pending request and tells a running script when to give way."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Request | None = None
        self._running = False
        self._interrupt = False
        self._closed = False
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
                self._pending.merge(request)
            if self._running and (request.full or request.preempt):
                self._interrupt = True
            if self._running:
                return False
            self._running = True
            self.idle.clear()
            return True

    def take(self) -> Request | None:
        """Next request for the worker, or None: then the worker ends (idle holds no thread)."""
        with self._lock:
            self._interrupt = False
            request, self._pending = self._pending, None
            if request is None or self._closed:
                self._running = False
                self.idle.set()
                return None
            return request

    def should_interrupt(self) -> bool:
        """True when the running script must stop at its next rillet call."""
        return self._interrupt

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
            self._interrupt = self._running
