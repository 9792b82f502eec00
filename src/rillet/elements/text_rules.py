"""Streamlit 1.67's text-entry rules: ``required``, ``validate`` and ``live``.

The browser applies them (a required or invalid value is not sent; ``live`` sends after a
pause in typing). The server refuses an empty value of a required field too, since a page
can be bypassed; a pattern is a JavaScript regular expression, checked in the browser only,
as Streamlit does (its note: validate security-relevant values in the app as well).
"""

from __future__ import annotations

import math
import re
from datetime import timedelta
from typing import Any

from rillet.elements.validate import range_error, type_error, value_error
from rillet.runtime.errors import RilletAPIException

REQUIRED_MESSAGE = "This field is required."
DEFAULT_LIVE_MS = 250
MAX_LIVE_MS = 60_000

_UNITS_MS = {
    "ms": 1.0,
    "millisecond": 1.0,
    "milliseconds": 1.0,
    "s": 1000.0,
    "sec": 1000.0,
    "second": 1000.0,
    "seconds": 1000.0,
    "m": 60_000.0,
    "min": 60_000.0,
    "minute": 60_000.0,
    "minutes": 60_000.0,
}
_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)\s*([a-z]*)")


def validation_rule(validate: object) -> tuple[str | None, str | None]:
    """(pattern, message) from ``validate``: None, a pattern, or a (pattern, message) pair."""
    if validate is None:
        return None, None
    if isinstance(validate, str):
        return validate, None
    if isinstance(validate, tuple):
        if len(validate) == 2 and all(isinstance(item, str) for item in validate):
            return validate[0], validate[1]
        raise value_error("validate", ["a regex string", "a (regex, message) tuple of strings"])
    raise type_error("validate", validate, ["None", "str", "tuple"])


def live_delay_ms(live: object) -> int | None:
    """The pause in milliseconds after which typing is sent; None when ``live`` is off."""
    if live is False:
        return None
    if live is True:
        return DEFAULT_LIVE_MS
    if isinstance(live, int | float | timedelta):
        raise RilletAPIException(
            f"Invalid `live` type. Expected one of: bool, str. Provided type: "
            f"{type(live).__name__}. A number or `datetime.timedelta` is not accepted. Use "
            "`True` for a 250ms pause, or a duration string like `'300ms'` or `'0.5s'`. "
            "`live=300` is not milliseconds (and `live=0.3` is not seconds); duration units "
            "must be explicit."
        )
    if not isinstance(live, str):
        raise type_error("live", live, ["bool", "str"])
    milliseconds = _duration_ms(live)
    delay = round(milliseconds)
    if milliseconds > 0 and delay == 0:
        delay = 1  # a positive pause never becomes "send every keystroke"
    if delay > MAX_LIVE_MS:
        raise RilletAPIException(
            str(range_error("live", live, "0ms", "1m"))
            + " Use `True` for the 250ms default, `'0ms'` to commit on every change, or a "
            "duration string up to `'1m'`."
        )
    return delay


def _duration_ms(text: str) -> float:
    compact = text.strip().lower()
    parts = _PART.findall(compact)
    rebuilt = "".join(f"{number}{unit}" for number, unit in parts)
    if (
        not parts
        or rebuilt != re.sub(r"\s+", "", compact)
        or any(unit not in _UNITS_MS and unit != "" for _, unit in parts)
        or (len(parts) > 1 and any(unit == "" for _, unit in parts))
    ):
        raise RilletAPIException(
            f"Unable to parse live={text!r}: use a duration string such as '250ms', '0.5s' "
            "or '1m'."
        )
    total = sum(float(n) * (_UNITS_MS[u] if u else 1000.0) for n, u in parts)
    if math.isnan(total):
        raise RilletAPIException(f"Unable to parse live={text!r}.")
    return total


def rule_props(required: bool, validate: object, live: object) -> dict[str, Any]:
    """The props a text field sends for these rules, left out at their defaults."""
    pattern, message = validation_rule(validate)
    props: dict[str, Any] = {}
    if required:
        props["required"] = True
    if pattern:
        props["validate"] = pattern
        if message:
            props["validate_message"] = message
    delay = live_delay_ms(live)
    if delay is not None:
        props["live_ms"] = delay
    return props
