"""``st.connection``: make (once) and return a named connection."""

from __future__ import annotations

import builtins
import importlib
import threading
import time
from datetime import timedelta
from typing import Any

from rillet.caching.limits import parse_ttl
from rillet.connections.base import BaseConnection
from rillet.connections.sql import SQLConnection
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.secrets import secrets

FIRST_PARTY: dict[str, type[BaseConnection[Any]]] = {"sql": SQLConnection}

_LOCK = threading.Lock()
# (name, class, kwargs) -> (connection, made at)
_MADE: dict[tuple[Any, ...], tuple[BaseConnection[Any], float]] = {}


def connection(
    name: str,
    type: str | type[BaseConnection[Any]] | None = None,
    max_entries: int | None = None,
    ttl: float | timedelta | None = None,
    **kwargs: Any,
) -> Any:
    """Return the connection named ``name``, made once and shared (as ``cache_resource``).

    Parameters:
        name: The connection's name: its settings are ``[connections.NAME]`` in the secrets.
            The name "sql" alone implies ``type="sql"``.
        type: "sql", a ``BaseConnection`` subclass, or its import path
            ("package.module.ClassName"); default: the section's ``type`` setting, or the
            name itself.
        max_entries: How many differently configured connections of this name to keep.
        ttl: Seconds (or a timedelta) after which the connection is made anew.
        **kwargs: Connection settings; they override the secrets section.
    """
    if type is None:
        if name in FIRST_PARTY:
            type = name
        else:
            section = secrets.get("connections", {}) if secrets.load_if_toml_exists() else {}
            own = section.get(name, {}) if hasattr(section, "get") else {}
            type = own.get("type") if hasattr(own, "get") else None
            if type is None:
                raise RilletAPIException(
                    f"Missing connection type for connection '{name}'. Set `type` in "
                    f"[connections.{name}] in secrets.toml or pass it to st.connection."
                )
    cls = _connection_class(type)
    seconds = parse_ttl(ttl)
    key = (name, cls, repr(sorted(kwargs.items())))
    with _LOCK:
        made = _MADE.get(key)
        if made is not None and (seconds is None or time.monotonic() - made[1] < seconds):
            return made[0]
        instance = cls(name, **kwargs)
        _MADE[key] = (instance, time.monotonic())
        same_name = [k for k in _MADE if k[0] == name]
        if max_entries is not None and len(same_name) > max_entries:
            for old in same_name[: len(same_name) - max_entries]:
                del _MADE[old]
        return instance


def _connection_class(type: Any) -> type[BaseConnection[Any]]:
    if isinstance(type, str):
        if "." in type:
            module, _, attr = type.rpartition(".")
            cls = getattr(importlib.import_module(module), attr)
        elif type in FIRST_PARTY:
            cls = FIRST_PARTY[type]
        else:
            raise RilletAPIException(
                f"Invalid connection '{type}'. Supported connection classes: {FIRST_PARTY}"
            )
    else:
        cls = type
    if not (isinstance(cls, builtins.type) and issubclass(cls, BaseConnection)):
        raise RilletAPIException(f"{cls} is not a subclass of BaseConnection!")
    return cls


def clear_connections() -> None:
    """Forget every connection made (tests; a changed app)."""
    with _LOCK:
        _MADE.clear()
