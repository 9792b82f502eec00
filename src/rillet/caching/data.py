"""``cache_data``: cache what a function returns, and hand every caller its own copy.

Entries are pickled when stored and unpickled on every hit, so mutating a returned value never
changes the cache, and an entry can live outside the process: in memory by default, on disk
with ``persist="disk"``, or in Redis when a Redis URL is configured (see `settings`).
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any, Literal, ParamSpec, TypeVar, overload

from rillet.caching import settings
from rillet.caching.cached import (
    CachedFunc,
    CachedResult,
    CacheOptions,
    KeyLocks,
    Registry,
)
from rillet.caching.disk import DiskStorage, clear_cache_dir
from rillet.caching.errors import UnserializableReturnValueError
from rillet.caching.hashing import HashFuncs
from rillet.caching.limits import check_max_entries, parse_size
from rillet.caching.refresh import parse_refresh
from rillet.caching.replay import Op
from rillet.caching.storage import MemoryStorage, Storage, TieredStorage
from rillet.runtime.errors import RilletAPIException

log = logging.getLogger("rillet.caching")

P = ParamSpec("P")
R = TypeVar("R")


class DataCache:
    """One function's ``cache_data`` entries: pickled ``(ops, value)`` in a `Storage`."""

    def __init__(self, storage: Storage, options: CacheOptions) -> None:
        self.storage = storage
        self.options = options
        self.limits = options.limits
        self.locks = KeyLocks()
        self.closed = False

    def lookup(self, key: str) -> CachedResult | None:
        hit = self.storage.get(key)
        if hit is None:
            return None
        try:
            ops, value = pickle.loads(hit.value)
        except Exception:
            # Written by other code (a class that moved, another version): recompute.
            log.warning("dropping a cache entry that no longer unpickles", exc_info=True)
            self.storage.delete(key)
            return None
        return CachedResult(value, ops)

    def store(self, key: str, value: Any, ops: list[Op]) -> Any:
        try:
            data = pickle.dumps((ops, value), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            raise UnserializableReturnValueError(self.options.func, value) from exc
        if not self.closed:
            self.storage.set(key, data, self.options.ttl)
        return value

    def delete(self, key: str) -> None:
        self.storage.delete(key)

    def clear(self) -> None:
        self.storage.clear()

    def close(self) -> None:
        self.closed = True
        if isinstance(self.storage, MemoryStorage):
            self.storage.clear()
        elif isinstance(self.storage, TieredStorage):
            self.storage.front.clear()


def build_storage(fkey: str, options: CacheOptions, per_session: bool) -> Storage:
    """Memory for session caches and by default; disk for ``persist="disk"``; Redis when
    configured."""
    memory: MemoryStorage[bytes] = MemoryStorage(
        max_entries=options.max_entries, max_size=options.max_size
    )
    if per_session:
        return memory
    if options.persist == "disk":
        disk = DiskStorage(
            settings.cache_dir() / "data",
            fkey,
            max_entries=options.max_entries,
            max_size=options.max_size,
        )
        return TieredStorage(memory, disk)
    url = settings.redis_url()
    if url:
        from rillet.caching.redis_storage import RedisStorage, client_for

        return RedisStorage(
            client_for(url), fkey, max_entries=options.max_entries, max_size=options.max_size
        )
    return memory


def _build(fkey: str, options: CacheOptions, per_session: bool) -> DataCache:
    return DataCache(build_storage(fkey, options, per_session), options)


REGISTRY = Registry("data", _build)
settings.listeners.append(REGISTRY.forget)


def _persist(persist: object) -> str | None:
    if persist is True or persist == "disk":
        return "disk"
    if persist is None or persist is False:
        return None
    raise RilletAPIException("Invalid `persist` value. Supported values: 'disk', None.")


def check_scope(scope: object) -> str:
    """``scope`` is "global" or "session"."""
    if scope not in ("global", "session"):
        raise RilletAPIException("Invalid `scope` value. Supported values: 'global', 'session'.")
    return str(scope)


class CacheDataAPI:
    """``st.cache_data``: a decorator, and ``st.cache_data.clear()``."""

    @overload
    def __call__(self, func: Callable[P, R]) -> CachedFunc[P, R]: ...
    @overload
    def __call__(
        self,
        func: None = None,
        *,
        ttl: float | timedelta | str | None = None,
        max_entries: int | None = None,
        max_size: int | str | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        persist: Literal["disk"] | bool | None = None,
        hash_funcs: HashFuncs | None = None,
        scope: Literal["global", "session"] = "global",
        refresh_mode: Literal["foreground", "background"] = "foreground",
    ) -> Callable[[Callable[P, R]], CachedFunc[P, R]]: ...
    def __call__(
        self,
        func: Callable[P, R] | None = None,
        *,
        ttl: float | timedelta | str | None = None,
        max_entries: int | None = None,
        max_size: int | str | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        persist: Literal["disk"] | bool | None = None,
        hash_funcs: HashFuncs | None = None,
        scope: Literal["global", "session"] = "global",
        refresh_mode: Literal["foreground", "background"] = "foreground",
    ) -> CachedFunc[P, R] | Callable[[Callable[P, R]], CachedFunc[P, R]]:
        """Cache a function that returns data (a dataframe transform, a query, a download).

        Each call with arguments seen before returns the stored result instead of running
        the function; every caller gets its own copy (the value is pickled). Use as
        ``@st.cache_data`` or ``@st.cache_data(ttl="1h", ...)``; the decorated function
        also has ``.clear()`` (all its values) and ``.clear(*args)`` (one value).

        Parameters:
            func: The function (when used without parentheses).
            ttl: How long an entry lives: seconds, a ``timedelta``, or a string such as
                "30s", "10m", "1h30m" or "1.5 days". None: until evicted or cleared.
            max_entries: Keep at most this many entries; the least recently used goes first.
            max_size: Keep at most this many pickled bytes (an int, or a string such as
                "500MB"); the least recently used go first. One larger value is kept alone.
            show_spinner: Show "Running `f(...)`." while a missing value is computed; a
                string replaces the text; False shows nothing.
            show_time: Show the elapsed time next to the spinner text.
            persist: "disk" (or True) keeps entries on disk too, so they survive a restart
                (`rillet cache clear` empties it). None or False: memory (or Redis, when
                configured).
            hash_funcs: Types, or fully qualified type names such as "datetime.datetime",
                mapped to a function whose result is hashed in place of such arguments.
            scope: "global" (default) shares entries between sessions; "session" keeps them
                per session and frees them when the session closes.
            refresh_mode: "foreground" (default): once ``ttl`` has passed, the next call
                computes a new value and waits for it. "background": that call gets the old
                value at once and a new one is computed in a thread; the old value is
                returned for at most one more ``ttl``. Needs ``ttl``; not with ``persist``.
                The refresh runs outside the app run: no ``session_state``, and elements the
                function writes are not shown.
        """
        stored_for, fresh_for = parse_refresh(refresh_mode, ttl, _persist(persist))
        options = CacheOptions(
            func=_placeholder,
            ttl=stored_for,
            fresh_for=fresh_for,
            max_entries=check_max_entries(max_entries),
            max_size=parse_size(max_size),
            persist=_persist(persist),
            show_spinner=show_spinner,
            show_time=bool(show_time),
            hash_funcs=hash_funcs,
            scope=check_scope(scope),
        )

        def decorate(f: Callable[P, R]) -> CachedFunc[P, R]:
            recache = getattr(f, "__rillet_recache__", None)
            if recache is not None:
                # Stacked on a fragment: the fragment keeps control and skips its body on
                # unchanged calls (cached fragments, docs/caching.md).
                return recache(
                    lambda plain: CachedFunc(plain, REGISTRY, replace(options, func=plain))
                )
            return CachedFunc(f, REGISTRY, replace(options, func=f))

        return decorate(func) if func is not None else decorate

    def clear(self) -> None:
        """Clear every ``cache_data`` value: in memory, on disk, and in Redis if configured."""
        REGISTRY.clear()
        clear_persisted()


def clear_persisted() -> list[str]:
    """Empty the disk cache (and Redis, when configured); one line per place, for the CLI."""
    directory = settings.cache_dir() / "data"
    done = [f"Cleared {clear_cache_dir(directory)} cached entries from {directory}."]
    url = settings.redis_url()
    if url:
        from rillet.caching.redis_storage import clear_all, client_for

        try:
            done.append(f"Cleared {clear_all(client_for(url))} keys from Redis.")
        except Exception as exc:  # redis.RedisError: the app goes on, the CLI says so
            log.warning("could not clear the Redis cache: %s", exc)
            done.append(f"Could not clear Redis: {exc}")
    return done


def _placeholder() -> None:
    """Stands in for the function until the decorator receives it."""


cache_data = CacheDataAPI()
