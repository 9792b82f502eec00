"""Where session snapshots are kept: the interface, and the in-process store.

A store keeps opaque bytes by session id with a time to live; it knows nothing of sessions.
The in-process store is the default (one process: a reloaded tab whose session was reaped gets
its values back). A store shared by several processes (Redis, `rillet.server.session_store`)
lets a tab whose process died resume on another one. A store may fail (its server is down):
it raises, and `rillet.runtime.snapshots` carries on without it.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Protocol

# The in-process store's budget: past it the least recently written snapshots go first.
DEFAULT_MEMORY_BUDGET = 64 * 1024 * 1024


class SessionStore(Protocol):
    """Snapshots by session id. Any method may raise when the store cannot be reached."""

    # True when other processes read what this one writes (resuming elsewhere is possible).
    shared: bool

    def get(self, session_id: str) -> bytes | None:
        """The snapshot of ``session_id``, or None when there is none (or it expired)."""
        ...

    def put(self, session_id: str, blob: bytes, ttl: float) -> None:
        """Keep ``blob`` for ``ttl`` seconds, replacing an earlier snapshot."""
        ...

    def touch(self, session_id: str, ttl: float) -> None:
        """Keep the snapshot ``ttl`` seconds more (a live session that has not changed)."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...


class MemorySessionStore:
    """Snapshots in this process, bounded in total bytes, each with its own expiry."""

    shared = False

    def __init__(self, budget: int = DEFAULT_MEMORY_BUDGET) -> None:
        self.budget = budget
        self._entries: OrderedDict[str, tuple[bytes, float]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, session_id: str) -> bytes | None:
        with self._lock:
            entry = self._entries.get(session_id)
            if entry is None:
                return None
            if entry[1] <= time.monotonic():
                self._drop(session_id)
                return None
            return entry[0]

    def put(self, session_id: str, blob: bytes, ttl: float) -> None:
        with self._lock:
            self._drop(session_id)
            self._entries[session_id] = (blob, time.monotonic() + ttl)
            self._bytes += len(blob)
            now = time.monotonic()
            for sid in [s for s, (_, expires) in self._entries.items() if expires <= now]:
                self._drop(sid)
            while self._bytes > self.budget and self._entries:
                self._drop(next(iter(self._entries)))

    def touch(self, session_id: str, ttl: float) -> None:
        with self._lock:
            entry = self._entries.get(session_id)
            if entry is not None:
                self._entries[session_id] = (entry[0], time.monotonic() + ttl)

    def close(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def _drop(self, session_id: str) -> None:
        entry = self._entries.pop(session_id, None)
        if entry is not None:
            self._bytes -= len(entry[0])
