"""Where persistent cache entries go: the disk cache directory and an optional Redis URL.

Read from the environment on first use — ``RILLET_CACHE_DIR`` and ``RILLET_CACHE_REDIS_URL``
— or set in code with `configure`, before or after the first cached call.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from rillet.caching.disk import default_cache_dir

_lock = threading.Lock()
_cache_dir: Path | None = None
_redis_url: str | None = None
_loaded = False
# Called after `configure` changes something (the data caches rebuild their storage).
listeners: list[Callable[[], None]] = []


def configure(*, cache_dir: str | Path | None = None, redis_url: str | None = None) -> None:
    """Set where ``cache_data`` keeps persistent entries.

    Parameters:
        cache_dir: The directory for ``persist="disk"`` entries. None: ``RILLET_CACHE_DIR``,
            else ``$XDG_CACHE_HOME/rillet``, else ``~/.cache/rillet``.
        redis_url: A Redis URL such as ``redis://localhost:6379/0``. When set, every
            ``cache_data`` function with ``scope="global"`` (and no ``persist="disk"``) keeps
            its entries in that Redis, shared by every process that uses it. None:
            ``RILLET_CACHE_REDIS_URL``; an empty string turns Redis off.
    """
    global _cache_dir, _redis_url, _loaded
    with _lock:
        _cache_dir = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
        env_url = os.environ.get("RILLET_CACHE_REDIS_URL") or None
        _redis_url = (redis_url or None) if redis_url is not None else env_url
        _loaded = True
    for listener in list(listeners):
        listener()


def _load() -> None:
    global _cache_dir, _redis_url, _loaded
    with _lock:
        if not _loaded:
            _cache_dir = default_cache_dir()
            _redis_url = os.environ.get("RILLET_CACHE_REDIS_URL") or None
            _loaded = True


def cache_dir() -> Path:
    """The disk cache directory."""
    if not _loaded:
        _load()
    assert _cache_dir is not None
    return _cache_dir


def redis_url() -> str | None:
    """The Redis URL cache_data shares entries through, or None."""
    if not _loaded:
        _load()
    return _redis_url
