"""Caching: ``cache_data`` (copies of pickled values) and ``cache_resource`` (shared objects).

Modules, one concept each: `hashing` (keys), `limits` (ttl and sizes), `storage` (the protocol
and memory storage), `disk` and `redis_storage` (persistent storage), `settings` (where those
live), `replay` (elements written inside a cached function), `spinner`, `cached` (the wrapper
both decorators share), `data` and `resource` (the decorators).
"""

from rillet.caching.data import cache_data
from rillet.caching.errors import (
    CachedWidgetError,
    CacheReplayClosureError,
    UnhashableParamError,
    UnserializableReturnValueError,
)
from rillet.caching.resource import cache_resource
from rillet.caching.settings import configure

__all__ = [
    "CacheReplayClosureError",
    "CachedWidgetError",
    "UnhashableParamError",
    "UnserializableReturnValueError",
    "cache_data",
    "cache_resource",
    "configure",
]
