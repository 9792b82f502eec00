"""The limits a cache takes: ``ttl`` as a duration, ``max_size`` as a byte size.

Both accept what Streamlit accepts: ``ttl`` is seconds, a ``timedelta`` or a string such as
"2s", "30m", "1h30m", "1.5 days" or "1D"; ``max_size`` is bytes or a string with a unit such as
"500MB" or "1.5GiB" (every unit a power of 1024, as Streamlit's).
"""

from __future__ import annotations

import math
import re
from datetime import timedelta

from rillet.runtime.errors import RilletAPIException

_TIME_UNITS = {
    "ms": 0.001,
    "millisecond": 0.001,
    "milliseconds": 0.001,
    "s": 1.0,
    "sec": 1.0,
    "secs": 1.0,
    "second": 1.0,
    "seconds": 1.0,
    "m": 60.0,
    "min": 60.0,
    "mins": 60.0,
    "minute": 60.0,
    "minutes": 60.0,
    "h": 3600.0,
    "hr": 3600.0,
    "hour": 3600.0,
    "hours": 3600.0,
    "d": 86400.0,
    "day": 86400.0,
    "days": 86400.0,
    "w": 604800.0,
    "week": 604800.0,
    "weeks": 604800.0,
}
_TIME_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)\s*([a-z]+)")

_SIZE_UNITS = {"b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4}
_SIZE_UNITS.update({"kib": 1024, "mib": 1024**2, "gib": 1024**3, "tib": 1024**4})
_SIZE = re.compile(r"(\d+(?:\.\d*)?|\.\d+)\s*([a-z]+)")


def parse_ttl(ttl: float | int | str | timedelta | None) -> float | None:
    """Seconds an entry lives, or None for no expiry."""
    if ttl is None:
        return None
    if isinstance(ttl, timedelta):
        seconds = ttl.total_seconds()
    elif isinstance(ttl, int | float) and not isinstance(ttl, bool):
        seconds = float(ttl)
    elif isinstance(ttl, str):
        seconds = _parse_duration(ttl)
    else:
        raise RilletAPIException(
            f"ttl must be seconds, a timedelta or a string such as '1h', not {ttl!r}."
        )
    if math.isnan(seconds) or seconds < 0:
        raise RilletAPIException(f"ttl must not be negative (got {ttl!r}).")
    return None if math.isinf(seconds) else seconds


def _parse_duration(text: str) -> float:
    compact = text.strip().lower()
    try:
        return float(compact)
    except ValueError:
        pass
    parts = _TIME_PART.findall(compact)
    rebuilt = "".join(f"{n}{u}" for n, u in parts)
    if (
        not parts
        or rebuilt != re.sub(r"\s+", "", compact)
        or any(u not in _TIME_UNITS for _, u in parts)
    ):
        raise RilletAPIException(
            f"Unable to parse ttl={text!r}: use seconds, a timedelta, or a string such as "
            '"30s", "10m", "1h30m" or "1.5 days".'
        )
    return sum(float(n) * _TIME_UNITS[u] for n, u in parts)


def parse_size(size: int | str | None) -> int | None:
    """Bytes from ``max_size``, or None for no limit."""
    if size is None:
        return None
    if isinstance(size, bool) or not isinstance(size, int | str):
        raise RilletAPIException(
            f"max_size must be an int (bytes) or a string such as '500MB', not {size!r}."
        )
    if isinstance(size, int):
        value = size
    else:
        match = _SIZE.fullmatch(size.strip().lower())
        if match is None or match.group(2) not in _SIZE_UNITS:
            raise RilletAPIException(
                f"Unable to parse max_size={size!r}: use bytes or a size with a unit, such as "
                '"500MB" or "1.5GiB".'
            )
        value = int(float(match.group(1)) * _SIZE_UNITS[match.group(2)])
    if value <= 0:
        raise RilletAPIException(f"max_size must be a positive byte size (got {size!r}).")
    return value


def check_max_entries(max_entries: int | None) -> int | None:
    """``max_entries`` is None or a positive int."""
    if max_entries is None:
        return None
    if isinstance(max_entries, bool) or not isinstance(max_entries, int) or max_entries < 1:
        raise RilletAPIException(
            f"max_entries must be a positive int or None, not {max_entries!r}."
        )
    return max_entries
