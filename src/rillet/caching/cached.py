"""What ``cache_data`` and ``cache_resource`` share: the cached-function wrapper, the caches
of every decorated function (global and per session), and one computation per missing key.

A call hashes its arguments, finds its function's cache and looks the key up. A hit replays
the elements the function wrote and returns the value. A miss shows the spinner, takes the
key's lock (so concurrent callers of one missing key compute it once: the others wait and
then find it), looks again, computes — recording what the function writes — and stores.

The call path is kept flat on purpose, for cached fragments (``cache_data`` stacked on
``fragment``, not wired yet): `CachedFunc.lookup` is the only place a key is made and looked
up, `CachedFunc.use` the only place a hit takes effect, and `CachedFunc.compute` the only place
the function runs. A fragment writes its block through the tree writer and its body into that
block, which a recording would refuse as an outside container; so for a function marked
``__rillet_fragment__`` (CachedFunc copies the marker) ``compute`` would run it without a
recording (storing the value and the fragment's reads), and ``use`` would keep the fragment's
block as the browser has it instead of replaying elements.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, ParamSpec, Protocol, TypeVar

from rillet.caching import refresh
from rillet.caching.hashing import ArgumentNames, HashFuncs, function_key, value_key
from rillet.caching.replay import Op, recording, replay
from rillet.caching.spinner import spinner, spinner_text
from rillet.elements.base import target
from rillet.runtime import context
from rillet.runtime.context import RunContext
from rillet.runtime.errors import RilletAPIException

P = ParamSpec("P")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class CachedResult(NamedTuple):
    """A stored call: the value and the elements it wrote."""

    value: Any
    ops: list[Op]


@dataclass(frozen=True)
class CacheOptions:
    """One decoration's parameters (validated by the decorator)."""

    func: Callable[..., Any]
    ttl: float | None = None
    max_entries: int | None = None
    max_size: int | None = None
    persist: str | None = None
    show_spinner: bool | str = True
    show_time: bool = False
    hash_funcs: HashFuncs | None = None
    scope: str = "global"
    validate: Callable[[Any], bool] | None = None
    on_release: Callable[[Any], None] | None = None
    # refresh_mode="background": values are fresh this long, then refreshed in a thread
    # while the old value is still returned (``ttl`` is then the longer stale window).
    fresh_for: float | None = None

    @property
    def limits(self) -> tuple[Any, ...]:
        """What a cache is built from: when one changes, the function gets a new cache."""
        return (self.ttl, self.max_entries, self.max_size, self.persist)


class FunctionCache(Protocol):
    """The entries of one cached function (in one session, for ``scope="session"``)."""

    limits: tuple[Any, ...]
    options: CacheOptions
    locks: KeyLocks

    def lookup(self, key: str) -> CachedResult | None: ...

    def store(self, key: str, value: Any, ops: list[Op]) -> Any: ...

    def delete(self, key: str) -> None: ...

    def clear(self) -> None: ...

    def close(self) -> None:
        """The cache leaves the registry: release what it holds in memory."""


class KeyLocks:
    """One lock per key being computed; a lock lives only while someone holds or waits."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, list[Any]] = {}  # key -> [lock, users]

    @contextmanager
    def hold(self, key: str, ctx: RunContext | None) -> Iterator[None]:
        """Hold ``key``'s lock; a waiting run still gives way when a newer request preempts it."""
        with self._guard:
            entry = self._locks.setdefault(key, [threading.RLock(), 0])
            entry[1] += 1
        lock: threading.RLock = entry[0]
        try:
            while not lock.acquire(timeout=0.05):
                if ctx is not None:
                    ctx.checkpoint()
            try:
                yield
            finally:
                lock.release()
        finally:
            with self._guard:
                entry[1] -= 1
                if entry[1] == 0 and self._locks.get(key) is entry:
                    del self._locks[key]

    def __len__(self) -> int:
        return len(self._locks)


Builder = Callable[[str, CacheOptions, bool], FunctionCache]


class Registry:
    """Every cache of one decorator (data or resource), by function key and session."""

    def __init__(self, kind: str, build: Builder) -> None:
        self.kind = kind
        self._build = build
        self._caches: dict[tuple[str, str | None], FunctionCache] = {}
        self._lock = threading.Lock()

    def cache(self, fkey: str, options: CacheOptions) -> FunctionCache:
        """The cache for a call of the function ``fkey`` (made on first use)."""
        session = None
        if options.scope == "session":
            ctx = context.current()
            if ctx is None:
                raise RilletAPIException(
                    f'A function decorated with `@st.cache_{self.kind}(scope="session")` can '
                    "only be called while an app runs: there is no session to keep it in."
                )
            session = ctx.session
            if session.closed:
                # A run still finishing after its session closed: nothing may stay behind.
                throwaway = self._build(fkey, options, True)
                throwaway.close()
                return throwaway
        slot = (fkey, session.id if session is not None else None)
        cache = self._caches.get(slot)
        if cache is None or cache.limits != options.limits:
            cache = self._replace(slot, options, session)
        elif cache.options is not options:
            cache.options = options  # the newest validate / on_release / hash_funcs
        return cache

    def _replace(
        self, slot: tuple[str, str | None], options: CacheOptions, session: Any
    ) -> FunctionCache:
        with self._lock:
            old = self._caches.get(slot)
            if old is not None and old.limits == options.limits:
                return old
            cache = self._build(slot[0], options, session is not None)
            self._caches[slot] = cache
            if session is not None and old is None:
                session.close_hooks.append(functools.partial(self.release_session, slot[1]))
        if old is not None:
            old.close()
        return cache

    def caches(self, fkey: str | None = None) -> list[FunctionCache]:
        """Caches of one function (all sessions), or all of them."""
        with self._lock:
            return [c for (k, _), c in self._caches.items() if fkey is None or k == fkey]

    def session_cache(self, fkey: str, session_id: str) -> FunctionCache | None:
        return self._caches.get((fkey, session_id))

    def release_session(self, session_id: str | None) -> None:
        """A session closed: its caches leave (resources are released)."""
        with self._lock:
            gone = [s for s in self._caches if s[1] == session_id]
            caches = [self._caches.pop(s) for s in gone]
        for cache in caches:
            cache.close()

    def forget(self) -> None:
        """Drop every cache object (entries in disk or Redis stay); next calls rebuild."""
        with self._lock:
            caches, self._caches = list(self._caches.values()), {}
        for cache in caches:
            cache.close()

    def clear(self) -> None:
        """Empty every cache of this decorator."""
        for cache in self.caches():
            cache.clear()


class CachedFunc(Generic[P, R]):
    """A function whose results are cached; call it as the function, or ``clear`` it."""

    def __init__(self, func: Callable[P, R], registry: Registry, options: CacheOptions) -> None:
        self._func = func
        self._registry = registry
        self._options = options
        self._names = ArgumentNames(func)
        self._function_key = function_key(registry.kind, func)
        functools.update_wrapper(self, func)

    # Lets `fragment` recognise a cached function without importing this package.
    __rillet_cached__ = True

    def __repr__(self) -> str:
        return f"<CachedFunc: {self._func!r}>"

    def call_key(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
        """The key of one call's arguments (None when they do not fit the signature)."""
        pairs = self._names.pairs(args, kwargs)
        if pairs is None:
            return None
        return value_key(self._registry.kind, self._func, pairs, self._options.hash_funcs)

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return BoundCachedFunc(self, instance)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        found, cache, key = self.lookup(args, kwargs)
        if found is not None:
            fresh_for = self._options.fresh_for
            stale = fresh_for is not None and refresh.is_stale(cache, key, fresh_for)
            if cache is not None and stale:
                refresh.refresh(cache, key, functools.partial(self._func, *args, **kwargs))
            return self.use(found)
        if cache is None:
            return self._func(*args, **kwargs)  # arguments that do not fit: Python's TypeError
        return self._miss(cache, key, args, kwargs)

    def lookup(
        self, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[CachedResult | None, FunctionCache | None, str]:
        """(stored result or None, the function's cache, the key) for one call."""
        pairs = self._names.pairs(args, kwargs)
        if pairs is None:
            return None, None, ""
        key = value_key(self._registry.kind, self._func, pairs, self._options.hash_funcs)
        cache = self._registry.cache(self._function_key, self._options)
        return cache.lookup(key), cache, key

    def use(self, found: CachedResult) -> Any:
        """A hit: write the elements the function wrote, in place, and return the value."""
        if found.ops and context.current() is not None:
            replay(found.ops, target())
        return found.value

    def _miss(
        self, cache: FunctionCache, key: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> R:
        text = spinner_text(self._func, self._options.show_spinner, bool(args or kwargs))
        with spinner(text, self._options.show_time):
            with cache.locks.hold(key, context.current()):
                found = cache.lookup(key)  # computed by another caller while we waited
                if found is not None:
                    return self.use(found)
                value, ops = self.compute(args, kwargs)
                stored = cache.store(key, value, ops)
                if self._options.fresh_for is not None:
                    refresh.mark_computed(cache, key)
                return stored

    def compute(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[R, list[Op]]:
        """Run the function, recording the elements it writes (the only place it runs)."""
        ctx = context.current()
        if ctx is None:
            return self._func(*args, **kwargs), []
        with recording(ctx, self._registry.kind, self._func, target()) as rec:
            value = self._func(*args, **kwargs)
        return value, rec.ops

    def clear(self, *args: Any, **kwargs: Any) -> None:
        """Drop this function's cached values, or only the one for these arguments.

        In a running app a ``scope="session"`` function clears this session's values;
        outside one, every session's.
        """
        caches = self._caches_to_clear()
        if not (args or kwargs):
            for cache in caches:
                cache.clear()
            return
        pairs = self._names.pairs(args, kwargs)
        if pairs is None:
            raise TypeError(f"{self._func.__qualname__}() does not take these arguments")
        key = value_key(self._registry.kind, self._func, pairs, self._options.hash_funcs)
        for cache in caches:
            cache.delete(key)

    def _caches_to_clear(self) -> list[FunctionCache]:
        ctx = context.current()
        if self._options.scope == "session" and ctx is not None:
            found = self._registry.session_cache(self._function_key, ctx.session.id)
            return [found] if found is not None else []
        caches = self._registry.caches(self._function_key)
        if self._options.scope == "global" and not caches:
            # Nothing in this process yet; persistent entries (disk, Redis) may exist.
            caches = [self._registry.cache(self._function_key, self._options)]
        return caches


class BoundCachedFunc:
    """A cached method bound to its instance (the instance is an argument like any other:
    name it ``_self`` to leave it out of the key, as in Streamlit)."""

    def __init__(self, cached: CachedFunc[..., Any], instance: Any) -> None:
        self._cached = cached
        self._instance = instance
        functools.update_wrapper(self, cached, updated=())

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._cached(self._instance, *args, **kwargs)

    def clear(self, *args: Any, **kwargs: Any) -> None:
        if args or kwargs:
            self._cached.clear(self._instance, *args, **kwargs)
        else:
            self._cached.clear()
