"""Where cached entries live: the Storage protocol, memory storage, and a memory front.

A storage belongs to one cached function (one namespace): ``clear()`` empties only that
function's entries. Every storage keeps ``ttl`` and accounts for the bytes it holds. Memory
storage also enforces ``max_entries`` (least recently used first) and ``max_size``; disk and
Redis storage live in their own modules.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, NamedTuple, Protocol, TypeVar, runtime_checkable

log = logging.getLogger("rillet.caching")

V = TypeVar("V")


def now() -> float:
    """The clock every storage reads (wall time: disk and Redis entries outlive a process).

    Tests replace it (``monkeypatch.setattr(storage, "now", fake)``) to move time on.
    """
    return time.time()


class Hit(NamedTuple, Generic[V]):
    """A stored value and when it expires (a `now()` time, or None)."""

    value: V
    expires_at: float | None


@runtime_checkable
class Storage(Protocol):
    """Pickled entries of one cached function, by key."""

    def get(self, key: str) -> Hit[bytes] | None:
        """The entry under ``key``, or None when it is missing or expired."""

    def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        """Store ``value``; it expires ``ttl`` seconds from now (never when None)."""

    def delete(self, key: str) -> None:
        """Drop one entry (nothing happens when it is missing)."""

    def clear(self) -> None:
        """Drop every entry of this storage."""

    @property
    def size(self) -> int:
        """Bytes held (values only, not the bookkeeping)."""


def expiry(ttl: float | None) -> float | None:
    """When an entry stored now with ``ttl`` expires."""
    return None if ttl is None else now() + ttl


class _Entry(Generic[V]):
    __slots__ = ("expires_at", "size", "value")

    def __init__(self, value: V, expires_at: float | None, size: int) -> None:
        self.value = value
        self.expires_at = expires_at
        self.size = size


class MemoryStorage(Generic[V]):
    """Entries in this process, least recently used first out.

    Holds bytes for ``cache_data`` and live objects for ``cache_resource``. ``on_evict`` is
    called with each value that leaves (expired, evicted, deleted or cleared), outside the
    lock, so it may be slow or use the cache itself. When one value alone is larger than
    ``max_size`` it is kept, alone, and a warning logged (as Streamlit does).
    """

    def __init__(
        self,
        *,
        max_entries: int | None = None,
        max_size: int | None = None,
        on_evict: Callable[[V], None] | None = None,
    ) -> None:
        self.max_entries = max_entries
        self.max_size = max_size
        self.on_evict = on_evict
        self._entries: OrderedDict[str, _Entry[V]] = OrderedDict()
        self._lock = threading.Lock()
        self._size = 0
        # Whether any entry was stored with an expiry (else a store skips the sweep).
        self._expiring = False

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    @property
    def size(self) -> int:
        return self._size

    def keys(self) -> list[str]:
        """Keys, least recently used first."""
        with self._lock:
            return list(self._entries)

    def get(self, key: str) -> Hit[V] | None:
        gone: list[V] = []
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry.expires_at is not None and now() >= entry.expires_at:
                self._drop(key, gone)
            else:
                self._entries.move_to_end(key)
                return Hit(entry.value, entry.expires_at)
        self._release(gone)
        return None

    def set(
        self,
        key: str,
        value: V,
        ttl: float | None = None,
        *,
        size: int | None = None,
        expires_at: float | None = None,
    ) -> None:
        """Store ``value``; ``size`` defaults to its length for bytes and 0 otherwise;
        ``expires_at`` overrides ``ttl`` (a copy of an entry from a slower storage keeps
        its expiry)."""
        if size is None:
            size = len(value) if isinstance(value, bytes | bytearray) else 0
        when = expires_at if expires_at is not None else expiry(ttl)
        gone: list[V] = []
        with self._lock:
            if key in self._entries:
                self._drop(key, gone)
            self._entries[key] = _Entry(value, when, size)
            self._size += size
            self._expiring = self._expiring or when is not None
            self._evict(gone)
        self._release(gone)

    def delete(self, key: str) -> None:
        gone: list[V] = []
        with self._lock:
            if key in self._entries:
                self._drop(key, gone)
        self._release(gone)

    def clear(self) -> None:
        with self._lock:
            gone = [e.value for e in self._entries.values()]
            self._entries.clear()
            self._size = 0
        self._release(gone)

    def _drop(self, key: str, gone: list[V]) -> None:
        entry = self._entries.pop(key)
        self._size -= entry.size
        gone.append(entry.value)

    def _evict(self, gone: list[V]) -> None:
        if self._expiring:
            t = now()
            for key in [k for k, e in self._entries.items() if _expired(e, t)]:
                self._drop(key, gone)
        if self.max_entries is not None:
            while len(self._entries) > self.max_entries:
                self._drop(next(iter(self._entries)), gone)
        if self.max_size is not None and self._size > self.max_size:
            while self._size > self.max_size and len(self._entries) > 1:
                self._drop(next(iter(self._entries)), gone)
            if self._size > self.max_size:
                log.warning(
                    "a cached value of %d bytes is larger than max_size (%d bytes); "
                    "it is kept alone until the next value replaces it",
                    self._size,
                    self.max_size,
                )

    def _release(self, gone: list[V]) -> None:
        if self.on_evict is None:
            return
        for value in gone:
            try:
                self.on_evict(value)
            except Exception:
                log.exception("on_release raised")


def _expired(entry: _Entry[V], t: float) -> bool:
    return entry.expires_at is not None and t >= entry.expires_at


class TieredStorage:
    """A memory front for a slower storage (disk): hits are served from memory, every write
    goes to both, and a value found only behind is copied to the front with its expiry.

    ``max_entries`` and ``max_size`` of the front bound the process' memory; the back
    storage keeps its own limits.
    """

    def __init__(self, front: MemoryStorage[bytes], back: Storage) -> None:
        self.front = front
        self.back = back

    @property
    def size(self) -> int:
        return self.back.size

    def get(self, key: str) -> Hit[bytes] | None:
        hit = self.front.get(key)
        if hit is not None:
            return hit
        hit = self.back.get(key)
        if hit is not None:
            self.front.set(key, hit.value, expires_at=hit.expires_at)
        return hit

    def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        self.back.set(key, value, ttl)
        self.front.set(key, value, ttl)

    def delete(self, key: str) -> None:
        self.front.delete(key)
        self.back.delete(key)

    def clear(self) -> None:
        self.front.clear()
        self.back.clear()
