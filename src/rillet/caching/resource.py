"""``cache_resource``: one shared object per set of arguments (a model, a connection pool).

The object itself is stored — never copied — and every session gets the same one. ``validate``
is asked on each hit whether a stored object is still good; ``on_release`` is called with
each object that leaves the cache (ttl, ``max_entries``, ``clear``, a closed session).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any, Literal, ParamSpec, TypeVar, overload

from rillet.caching.cached import CachedFunc, CachedResult, CacheOptions, KeyLocks, Registry
from rillet.caching.data import check_scope
from rillet.caching.hashing import HashFuncs
from rillet.caching.limits import check_max_entries
from rillet.caching.refresh import parse_refresh
from rillet.caching.replay import Op
from rillet.caching.storage import MemoryStorage
from rillet.runtime.errors import RilletAPIException

P = ParamSpec("P")
R = TypeVar("R")


class ResourceCache:
    """One function's ``cache_resource`` entries: live objects in memory."""

    def __init__(self, options: CacheOptions) -> None:
        self.options = options
        self.limits = options.limits
        self.locks = KeyLocks()
        self.closed = False
        self.memory: MemoryStorage[CachedResult] = MemoryStorage(
            max_entries=options.max_entries, on_evict=self._released
        )

    def _released(self, result: CachedResult) -> None:
        # The newest decoration's on_release: a rerun that edits it takes effect at once.
        on_release = self.options.on_release
        if on_release is not None:
            on_release(result.value)

    def lookup(self, key: str) -> CachedResult | None:
        hit = self.memory.get(key)
        if hit is None:
            return None
        validate = self.options.validate
        if validate is not None and not validate(hit.value.value):
            self.memory.delete(key)
            return None
        return hit.value

    def store(self, key: str, value: Any, ops: list[Op]) -> Any:
        result = CachedResult(value, ops)
        if self.closed:
            self._released(result)  # its session closed while it was being made
        else:
            self.memory.set(key, result, self.options.ttl)
        return value

    def delete(self, key: str) -> None:
        self.memory.delete(key)

    def clear(self) -> None:
        self.memory.clear()

    def close(self) -> None:
        self.closed = True
        self.memory.clear()


def _build(fkey: str, options: CacheOptions, per_session: bool) -> ResourceCache:
    return ResourceCache(options)


REGISTRY = Registry("resource", _build)


def _check_callable(name: str, value: object) -> None:
    if value is not None and not callable(value):
        raise RilletAPIException(f"`{name}` must be a function or None, not {value!r}.")


class CacheResourceAPI:
    """``st.cache_resource``: a decorator, and ``st.cache_resource.clear()``."""

    @overload
    def __call__(self, func: Callable[P, R]) -> CachedFunc[P, R]: ...
    @overload
    def __call__(
        self,
        func: None = None,
        *,
        ttl: float | timedelta | str | None = None,
        max_entries: int | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        validate: Callable[[Any], bool] | None = None,
        hash_funcs: HashFuncs | None = None,
        on_release: Callable[[Any], None] | None = None,
        scope: Literal["global", "session"] = "global",
        refresh_mode: Literal["foreground", "background"] = "foreground",
    ) -> Callable[[Callable[P, R]], CachedFunc[P, R]]: ...
    def __call__(
        self,
        func: Callable[P, R] | None = None,
        *,
        ttl: float | timedelta | str | None = None,
        max_entries: int | None = None,
        show_spinner: bool | str = True,
        show_time: bool = False,
        validate: Callable[[Any], bool] | None = None,
        hash_funcs: HashFuncs | None = None,
        on_release: Callable[[Any], None] | None = None,
        scope: Literal["global", "session"] = "global",
        refresh_mode: Literal["foreground", "background"] = "foreground",
    ) -> CachedFunc[P, R] | Callable[[Callable[P, R]], CachedFunc[P, R]]:
        """Cache a function that returns a shared resource (a model, a database connection).

        Each call with arguments seen before returns the very same object, in every session:
        it is not copied, so it must be safe to share between threads. Use as
        ``@st.cache_resource`` or ``@st.cache_resource(ttl="1h", ...)``; the decorated
        function also has ``.clear()`` (all its objects) and ``.clear(*args)`` (one).

        Parameters:
            func: The function (when used without parentheses).
            ttl: How long an object is kept: seconds, a ``timedelta``, or a string such as
                "30s", "10m" or "1h". None: until evicted or cleared.
            max_entries: Keep at most this many objects; the least recently used goes first.
            show_spinner: Show "Running `f(...)`." while a missing object is made; a string
                replaces the text; False shows nothing.
            show_time: Show the elapsed time next to the spinner text.
            validate: Called with the stored object on every hit; when it returns False the
                object is dropped (``on_release`` runs) and made again.
            hash_funcs: Types, or fully qualified type names such as "datetime.datetime",
                mapped to a function whose result is hashed in place of such arguments.
            on_release: Called with each object that leaves the cache: expired, evicted,
                failed ``validate``, cleared, or its session closed (``scope="session"``).
                It runs in whichever thread removed the object.
            scope: "global" (default) shares objects between sessions; "session" keeps them
                per session and releases them when the session closes.
            refresh_mode: "foreground" (default): once ``ttl`` has passed, the next call
                computes a new value and waits for it. "background": that call gets the old
                value at once and a new one is computed in a thread; the old value is
                returned for at most one more ``ttl``. Needs ``ttl``; not with ``persist``.
                The refresh runs outside the app run: no ``session_state``, and elements the
                function writes are not shown.
        """
        _check_callable("validate", validate)
        _check_callable("on_release", on_release)
        stored_for, fresh_for = parse_refresh(refresh_mode, ttl)
        options = CacheOptions(
            func=_placeholder,
            ttl=stored_for,
            fresh_for=fresh_for,
            max_entries=check_max_entries(max_entries),
            show_spinner=show_spinner,
            show_time=bool(show_time),
            hash_funcs=hash_funcs,
            scope=check_scope(scope),
            validate=validate,
            on_release=on_release,
        )

        def decorate(f: Callable[P, R]) -> CachedFunc[P, R]:
            return CachedFunc(f, REGISTRY, replace(options, func=f))

        return decorate(func) if func is not None else decorate

    def clear(self) -> None:
        """Clear every ``cache_resource`` object (``on_release`` is called for each)."""
        REGISTRY.clear()


def _placeholder() -> None:
    """Stands in for the function until the decorator receives it."""


cache_resource = CacheResourceAPI()
