"""``refresh_mode="background"``: an expired value is still returned while a new one is made.

With ``ttl`` set, a value is fresh for ``ttl`` seconds. Past that, in the background mode, a
call gets the old value at once and starts one refresh of that key in a thread (never two
for one key); the storage keeps the old value for one more ``ttl`` (Streamlit's default
window), after which a call waits for a new value as in the foreground mode. The refresh runs
outside any script run: the function cannot use ``session_state``, and elements it writes are
not shown (as in Streamlit).
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any

from rillet.caching import storage
from rillet.caching.limits import parse_ttl
from rillet.elements.validate import incompatible_error, missing_error, value_error

log = logging.getLogger("rillet.caching")

# How many ``ttl`` an expired value may still be returned, counting its fresh one.
STALE_WINDOW = 2

_guard = threading.Lock()
# When each key of a cache (DataCache or ResourceCache) was last computed.
_computed: weakref.WeakKeyDictionary[Any, dict[str, float]] = weakref.WeakKeyDictionary()
_running: dict[tuple[int, str], threading.Thread] = {}


def storage_ttl(
    refresh_mode: str, ttl: float | None, persist: str | None = None
) -> tuple[float | None, float | None]:
    """(how long the storage keeps a value, how long it is fresh) for these options, checked
    with Streamlit's errors."""
    if refresh_mode not in ("foreground", "background"):
        raise value_error("refresh_mode", ["foreground", "background"])
    if refresh_mode == "foreground":
        return ttl, None
    if ttl is None:
        raise missing_error(
            "ttl",
            'Set a positive `ttl` (for example `ttl="1h"`) or use `refresh_mode="foreground"`.',
        )
    if ttl <= 0:
        raise value_error(
            "ttl",
            ["a positive duration"],
            'Background refresh requires a positive `ttl` (for example `ttl="1h"`) or '
            '`refresh_mode="foreground"`.',
        )
    if persist is not None:
        raise incompatible_error(
            "refresh_mode='background'",
            f"persist={persist!r}",
            explanation=(
                "Persisted (disk) caches do not support TTL-based expiration, which background "
                'refresh requires. Use `persist=None` with `refresh_mode="background"`, or use '
                '`refresh_mode="foreground"`.'
            ),
        )
    return ttl * STALE_WINDOW, ttl


def parse_refresh(
    refresh_mode: str, ttl: object, persist: str | None = None
) -> tuple[float | None, float | None]:
    """`storage_ttl` for the decorators' raw ``ttl`` argument."""
    return storage_ttl(refresh_mode, parse_ttl(ttl), persist)  # type: ignore[arg-type]


def mark_computed(cache: Any, key: str) -> None:
    """``key`` of ``cache`` was just computed: it is fresh from now."""
    with _guard:
        _computed.setdefault(cache, {})[key] = storage.now()


def is_stale(cache: Any, key: str, fresh_for: float) -> bool:
    """Whether the stored value of ``key`` is older than ``fresh_for`` seconds. A value this
    process did not compute (another process, through Redis) counts as fresh from now."""
    with _guard:
        born = _computed.setdefault(cache, {}).setdefault(key, storage.now())
    return storage.now() - born >= fresh_for


def refresh(cache: Any, key: str, compute: Callable[[], Any]) -> None:
    """Compute ``key`` again in a thread and store it, unless a refresh of it is running."""
    slot = (id(cache), key)
    with _guard:
        if slot in _running:
            return

        def work() -> None:
            try:
                with cache.locks.hold(key, None):
                    value = compute()
                    cache.store(key, value, [])
                    mark_computed(cache, key)
            except Exception:
                # The old value stays until it expires; the next stale call tries again.
                log.warning("a background cache refresh failed", exc_info=True)
            finally:
                with _guard:
                    _running.pop(slot, None)

        thread = threading.Thread(target=work, name="rillet-cache-refresh", daemon=True)
        _running[slot] = thread
    thread.start()


def wait_for_refreshes(timeout: float = 5.0) -> None:
    """Wait until the running refreshes finish (tests, shutdown)."""
    with _guard:
        threads = list(_running.values())
    for thread in threads:
        thread.join(timeout)
