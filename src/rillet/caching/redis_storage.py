"""Redis storage: ``cache_data`` entries shared by every rillet process that uses one Redis.

Redis enforces ``ttl`` itself (``SET ... PX``), so all processes see an entry expire at the
same moment. ``max_entries`` and ``max_size`` are kept per cached function with a sorted set
of last uses and a hash of sizes beside the entries; a process that finds more than allowed
drops the least recently used. Those two bounds are best effort across processes (two
processes storing at once may briefly exceed them); Redis' own ``maxmemory`` policy is the
hard bound. The ``redis`` package is the ``[redis]`` extra, imported on first use.

When Redis cannot be reached the cache steps aside: a lookup is a miss and a store is
skipped, with one logged warning, so the app keeps working, only slower.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from rillet.caching import storage
from rillet.caching.storage import Hit
from rillet.runtime.errors import RilletAPIException

log = logging.getLogger("rillet.caching")

PREFIX = "rillet:cache:"
_clients: dict[str, Any] = {}
_clients_lock = threading.Lock()


def client_for(url: str) -> Any:
    """One client (and connection pool) per URL, shared by every cached function."""
    with _clients_lock:
        client = _clients.get(url)
        if client is None:
            try:
                import redis
            except ImportError:
                raise RilletAPIException(
                    "Redis cache storage needs the redis package: pip install 'rillet[redis]'."
                ) from None
            client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
            _clients[url] = client
        return client


def clear_all(client: Any, prefix: str = PREFIX) -> int:
    """Delete every rillet cache entry in this Redis; returns how many keys went."""
    count = 0
    batch: list[Any] = []
    for key in client.scan_iter(match=prefix + "*", count=500):
        batch.append(key)
        if len(batch) >= 500:
            count += client.unlink(*batch)
            batch = []
    if batch:
        count += client.unlink(*batch)
    return count


class RedisStorage:
    """Entries of one namespace (one cached function) in Redis."""

    def __init__(
        self,
        client: Any,
        namespace: str,
        *,
        max_entries: int | None = None,
        max_size: int | None = None,
        prefix: str = PREFIX,
    ) -> None:
        self.client = client
        self.base = f"{prefix}{namespace}:"
        self.max_entries = max_entries
        self.max_size = max_size
        self._index = self.base + "~lru"
        self._sizes = self.base + "~sizes"
        self._warned = False

    @property
    def _bounded(self) -> bool:
        return self.max_entries is not None or self.max_size is not None

    def _unavailable(self, exc: Exception) -> None:
        if not self._warned:
            self._warned = True
            log.warning("Redis cache storage unavailable, computing instead: %s", exc)

    def get(self, key: str) -> Hit[bytes] | None:
        name = self.base + key
        try:
            pipe = self.client.pipeline(transaction=False)
            pipe.get(name)
            pipe.pttl(name)
            if self._bounded:
                pipe.zadd(self._index, {key: storage.now()}, xx=True)
            data, pttl, *_ = pipe.execute()
        except Exception as exc:  # redis.RedisError, without importing redis here
            self._unavailable(exc)
            return None
        if data is None:
            return None
        expires_at = storage.now() + pttl / 1000 if pttl is not None and pttl > 0 else None
        return Hit(bytes(data), expires_at)

    def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        name = self.base + key
        try:
            pipe = self.client.pipeline(transaction=False)
            if ttl is None:
                pipe.set(name, value)
            elif ttl > 0:
                pipe.set(name, value, px=max(int(ttl * 1000), 1))
            else:
                pipe.delete(name)  # ttl=0: expired as soon as stored
            if self._bounded:
                pipe.zadd(self._index, {key: storage.now()})
                pipe.hset(self._sizes, key, len(value))
            pipe.execute()
            if self._bounded:
                self._evict(newest=key)
        except Exception as exc:
            self._unavailable(exc)

    def delete(self, key: str) -> None:
        try:
            pipe = self.client.pipeline(transaction=False)
            pipe.unlink(self.base + key)
            pipe.zrem(self._index, key)
            pipe.hdel(self._sizes, key)
            pipe.execute()
        except Exception as exc:
            self._unavailable(exc)

    def clear(self) -> None:
        try:
            clear_all(self.client, self.base)
        except Exception as exc:
            self._unavailable(exc)

    def keys(self) -> list[str]:
        """Keys of the live entries of this namespace."""
        skip = (self._index.encode(), self._sizes.encode())
        found = self.client.scan_iter(match=self.base + "*", count=500)
        return sorted(k.decode()[len(self.base) :] for k in found if k not in skip)

    def __len__(self) -> int:
        return len(self.keys())

    @property
    def size(self) -> int:
        keys = self.keys()
        if not keys:
            return 0
        pipe = self.client.pipeline(transaction=False)
        for key in keys:
            pipe.strlen(self.base + key)
        return int(sum(pipe.execute()))

    def _evict(self, newest: str) -> None:
        members = [m.decode() for m in self.client.zrange(self._index, 0, -1)]
        sizes = {k.decode(): int(v) for k, v in self.client.hgetall(self._sizes).items()}
        pipe = self.client.pipeline(transaction=False)
        for member in members:
            pipe.exists(self.base + member)
        alive = pipe.execute()
        dead = [m for m, ok in zip(members, alive, strict=True) if not ok]
        live = [m for m, ok in zip(members, alive, strict=True) if ok]
        count, total = len(live), sum(sizes.get(m, 0) for m in live)
        doomed = list(dead)
        for member in live:
            over_count = self.max_entries is not None and count > self.max_entries
            over_size = self.max_size is not None and total > self.max_size
            if not (over_count or over_size):
                break
            if member == newest:
                continue
            doomed.append(member)
            count -= 1
            total -= sizes.get(member, 0)
        if doomed:
            pipe = self.client.pipeline(transaction=False)
            pipe.unlink(*[self.base + m for m in doomed])
            pipe.zrem(self._index, *doomed)
            pipe.hdel(self._sizes, *doomed)
            pipe.execute()
