"""The Redis session store, and opening the store `rillet run --session-store` names.

Every rillet process behind one load balancer points at the same Redis, so a tab whose process
died is restored by whichever process it reaches next. Redis expires snapshots itself (``SET
... PX``). Timeouts are short: a store that does not answer is treated as down (the snapshot
layer then skips it for a moment) rather than holding up a reconnect.
"""

from __future__ import annotations

from typing import Any

from rillet.runtime.errors import RilletAPIException
from rillet.runtime.session_store import MemorySessionStore, SessionStore

PREFIX = "rillet:session:"
CONNECT_TIMEOUT = 0.5
SOCKET_TIMEOUT = 1.0


class RedisSessionStore:
    """Snapshots in Redis, shared by every process that uses the same URL."""

    shared = True

    def __init__(self, url: str, prefix: str = PREFIX) -> None:
        try:
            import redis
        except ImportError:
            raise RilletAPIException(
                "The Redis session store needs the redis package: pip install 'rillet[redis]'."
            ) from None
        self.url = url
        self.prefix = prefix
        self.client: Any = redis.Redis.from_url(
            url, socket_connect_timeout=CONNECT_TIMEOUT, socket_timeout=SOCKET_TIMEOUT
        )

    def get(self, session_id: str) -> bytes | None:
        data = self.client.get(self.prefix + session_id)
        return None if data is None else bytes(data)

    def put(self, session_id: str, blob: bytes, ttl: float) -> None:
        self.client.set(self.prefix + session_id, blob, px=max(int(ttl * 1000), 1))

    def touch(self, session_id: str, ttl: float) -> None:
        self.client.pexpire(self.prefix + session_id, max(int(ttl * 1000), 1))

    def close(self) -> None:
        self.client.close()


def open_session_store(spec: str) -> SessionStore | None:
    """The store ``spec`` names: "memory", "none" (no snapshots) or a ``redis://`` URL."""
    spec = spec.strip()
    if spec in ("", "memory"):
        return MemorySessionStore()
    if spec == "none":
        return None
    if spec.startswith(("redis://", "rediss://", "unix://")):
        return RedisSessionStore(spec)
    raise ValueError(f"unknown session store {spec!r}: use 'memory', 'none' or a redis:// URL")
