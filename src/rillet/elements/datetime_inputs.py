"""Date and time widgets: date_input, time_input, and sliders over dates, times and datetimes.

On the wire dates are ISO strings ("2024-05-17"), times "HH:MM" (or "HH:MM:SS"), and slider
positions whole microseconds since the epoch, read as wall-clock time (a ``time`` sits on
2000-01-01, as in Streamlit). Every value from the browser is parsed strictly and checked
against the widget's bounds before the app sees it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from rillet.elements.base import command, decode_pair, widget, widget_props
from rillet.elements.validate import check_bool, value_error, widen_to_default
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue

Callback = Callable[..., Any] | str | None

ALLOWED_DATE_FORMATS = re.compile(
    r"^(YYYY[/.\-]MM[/.\-]DD|DD[/.\-]MM[/.\-]YYYY|MM[/.\-]DD[/.\-]YYYY)$"
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WIRE_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2}))?$")
DEFAULT_TIME_STEP = timedelta(minutes=15)
_VALUE_ERROR = (
    "DateInput value should either be an date/datetime or a list/tuple of "
    "0 - 2 date/datetime values"
)


def _years_from(day: date, years: int) -> date:
    """``day`` moved by whole years; Feb 29 lands on Feb 28 in common years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _as_date(value: object, what: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value == "today":
        return date.today()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise RilletAPIException(what)


def _parse_dates(value: object) -> tuple[list[date] | None, bool]:
    """The start value of a date_input: its dates and whether it is a range."""
    if value is None:
        return None, False
    if isinstance(value, list | tuple):
        if len(value) > 2:
            raise RilletAPIException(_VALUE_ERROR)
        return [_as_date(v, _VALUE_ERROR) for v in value], True
    return [_as_date(value, _VALUE_ERROR)], False


def _decode_date(wire: object, lo: date, hi: date) -> date:
    if not isinstance(wire, str) or not _ISO_DATE.match(wire):
        raise InvalidWidgetValue(f"expected a YYYY-MM-DD date, got {wire!r}")
    try:
        day = date.fromisoformat(wire)
    except ValueError:
        raise InvalidWidgetValue(f"{wire!r} is no date") from None
    if not lo <= day <= hi:
        raise InvalidWidgetValue(f"{day} is outside [{lo}, {hi}]")
    return day


@command
def date_input(
    label: str,
    value: Any = "today",
    min_value: date | datetime | str | None = None,
    max_value: date | datetime | str | None = None,
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    format: str = "YYYY/MM/DD",
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    width: str | int = "stretch",
    bind: str | None = None,
    persist_state: str | None = None,
) -> Any:
    """Show a date box with a calendar; returns a date, or a tuple of dates for a range.

    Parameters:
        label: What the date is for.
        value: The start date: "today" (default; kept within ``min_value``/``max_value``),
            a date, a datetime (its date is used), an ISO string ("2024-05-17"), None for an
            empty box that returns None, or a list/tuple of 0 to 2 of these for a range, which
            returns a tuple of 0 to 2 dates.
        min_value: The earliest date allowed (default: ten years before ``value``).
        max_value: The latest date allowed (default: ten years after ``value``).
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: Called (with ``args``/``kwargs``) when the user picks a date.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        format: How the box shows dates: "YYYY/MM/DD", "DD/MM/YYYY" or "MM/DD/YYYY", with
            "/", "." or "-" between the parts.
        disabled: Show it but refuse changes.
        required: The user cannot clear the value: an emptied box gets its last value back,
            and the server refuses an empty value. With ``value=None`` it starts empty.
        label_visibility: "visible", "hidden" or "collapsed".
        width: "stretch" or a number of pixels.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).
    """
    if not isinstance(format, str) or not ALLOWED_DATE_FORMATS.match(format):
        raise RilletAPIException(
            f"The provided format (`{format}`) is not valid. DateInput format "
            "should be one of `YYYY/MM/DD`, `DD/MM/YYYY`, or `MM/DD/YYYY` "
            "and can also use a period (.) or hyphen (-) as separators."
        )
    dates, is_range = _parse_dates(value)
    if min_value is None:
        lo = _years_from(dates[0] if dates else date.today(), -10)
    else:
        lo = _as_date(min_value, "DateInput min should either be a date/datetime or None")
    if max_value is None:
        hi = _years_from(dates[-1] if dates else date.today(), 10)
    else:
        hi = _as_date(max_value, "DateInput max should either be a date/datetime or None")
    if lo > hi:
        raise RilletAPIException(
            f"The `min_value`, set to {lo}, shouldn't be larger than the `max_value`, set to {hi}."
        )
    if value == "today" and dates:
        dates = [min(max(dates[0], lo), hi)]  # the default must not break the given bounds
    if dates and (dates[0] < lo or dates[-1] > hi):
        raise RilletAPIException(
            f"The default `value` of {dates} must lie between the `min_value` of {lo} "
            f"and the `max_value` of {hi}, inclusively."
        )
    if is_range and len(dates or []) == 2 and dates[0] > dates[1]:  # type: ignore[index]
        raise RilletAPIException(
            f"The start of the default `value` ({dates[0]}) is after its end ({dates[1]})."  # type: ignore[index]
        )

    def decode(wire: Any) -> Any:
        if not is_range:
            if wire is None and not dates and not required:
                return None  # only a box that started empty may be emptied
            return _decode_date(wire, lo, hi)
        if not isinstance(wire, list | tuple) or len(wire) > 2:
            raise InvalidWidgetValue(f"expected a list of 0 to 2 dates, got {wire!r}")
        if required and not wire:
            raise InvalidWidgetValue("a required date range cannot be emptied")
        days = tuple(_decode_date(w, lo, hi) for w in wire)
        if len(days) == 2 and days[0] > days[1]:
            raise InvalidWidgetValue(f"range {wire!r} is reversed")
        return days

    def encode(v: Any) -> Any:
        if is_range:
            return [_as_date(d, _VALUE_ERROR).isoformat() for d in (v or ())]
        return None if v is None else _as_date(v, _VALUE_ERROR).isoformat()

    if is_range:
        default: Any = tuple(dates or ())
    else:
        default = dates[0] if dates else None
    props = widget_props(label, "date_input", help, disabled, label_visibility)
    props.update(
        min=lo.isoformat(),
        max=hi.isoformat(),
        format=format,
        is_range=is_range,
        width=width,
        clearable=not check_bool("required", required) and (is_range or default is None),
    )
    return widget(
        "date_input",
        props,
        key=key,
        identity=(
            label,
            _identity(value),
            _identity(min_value),
            _identity(max_value),
            help,
            format,
        ),
        default=default,
        decode=decode,
        encode=encode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        bind=bind,
        persist_state=persist_state,
    )


def _identity(value: object) -> object:
    """What a date argument contributes to the widget id: "today" stays "today", so the id
    does not change at midnight."""
    if isinstance(value, list | tuple):
        return tuple(_identity(v) for v in value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


# --- time_input ----------------------------------------------------------------------------


def _as_time(value: object) -> time:
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        try:
            return time.fromisoformat(value)
        except ValueError:
            pass
    raise RilletAPIException("The type of value should be one of datetime, time or None")


def _wire_time(value: time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


@command
def time_input(
    label: str,
    value: time | datetime | str | None = "now",
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    step: int | timedelta = DEFAULT_TIME_STEP,
    format: str = "24h",
    width: str | int = "stretch",
    bind: str | None = None,
    persist_state: str | None = None,
) -> time | None:
    """Show a time box; returns a ``datetime.time`` (or None).

    Parameters:
        label: What the time is for.
        value: The start time: "now" (default, to the minute), a time, a datetime (its time
            is used), an ISO string ("14:30"), or None for an empty box that returns None.
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: Called (with ``args``/``kwargs``) when the user sets a time.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        disabled: Show it but refuse changes.
        required: The user cannot clear the value: an emptied box gets its last value back,
            and the server refuses an empty value. With ``value=None`` it starts empty.
        label_visibility: "visible", "hidden" or "collapsed".
        step: The spacing of the offered times: seconds or a ``timedelta``, from 60 seconds
            to 23 hours (default 15 minutes).
        format: How the page shows hours: "24h" (default, 0 to 23), "12h" (1 to 12 with
            AM/PM) or "localized" (as the browser's language does). Display only: the value
            is a ``datetime.time`` either way.
        width: "stretch" or a number of pixels.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).
    """
    if value is None:
        parsed: time | None = None
    elif value == "now":
        parsed = datetime.now().time().replace(second=0, microsecond=0)
    else:
        parsed = _as_time(value)
    if isinstance(step, bool) or not isinstance(step, int | timedelta):
        raise RilletAPIException(
            f"`step` can only be `int` or `timedelta` but {type(step)} is provided."
        )
    seconds = int(step.total_seconds()) if isinstance(step, timedelta) else step
    if seconds < 60 or seconds > timedelta(hours=23).seconds:
        raise RilletAPIException(
            f"`step` must be between 60 seconds and 23 hours but is currently set to "
            f"{seconds} seconds."
        )
    allow_none = parsed is None and not check_bool("required", required)

    def decode(wire: Any) -> time | None:
        if wire is None:
            if allow_none:
                return None
            raise InvalidWidgetValue("this time input needs a time")
        match = _WIRE_TIME.match(wire) if isinstance(wire, str) else None
        if match is None:
            raise InvalidWidgetValue(f"expected HH:MM, got {wire!r}")
        hour, minute, second = (int(g) if g else 0 for g in match.groups())
        if hour > 23 or minute > 59 or second > 59:
            raise InvalidWidgetValue(f"{wire!r} is no time of day")
        return time(hour, minute, second)

    def encode(v: Any) -> str | None:
        return None if v is None else _wire_time(_as_time(v))

    props = widget_props(label, "time_input", help, disabled, label_visibility)
    if format not in ("12h", "24h", "localized"):
        raise value_error("format", ["'12h'", "'24h'", "'localized'"])
    props.update(step=seconds, width=width, clearable=allow_none, format=format)
    identity_value = parsed.isoformat() if isinstance(value, time | datetime) and parsed else value
    result: time | None = widget(
        "time_input",
        props,
        key=key,
        identity=(label, identity_value, help, seconds),
        default=parsed.replace(tzinfo=None) if parsed else None,
        decode=decode,
        encode=encode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        bind=bind,
        persist_state=persist_state,
    )
    return result


# --- sliders over dates and times ----------------------------------------------------------

_UTC_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_TIME_DAY = date(2000, 1, 1)
_KINDS = {datetime: "datetime", date: "date", time: "time"}
_DEFAULT_FORMATS = {"date": "YYYY-MM-DD", "datetime": "YYYY-MM-DD", "time": "HH:mm"}


def _kind_of(value: object) -> str | None:
    for cls, kind in _KINDS.items():  # datetime before date: a datetime is a date too
        if isinstance(value, cls):
            return kind
    return None


def is_temporal(min_value: object, max_value: object, value: object) -> bool:
    """Whether a slider's arguments are dates, times or datetimes."""
    values = list(value) if isinstance(value, list | tuple) else [value]
    return any(_kind_of(v) is not None for v in [min_value, max_value, *values])


def _to_micros(value: Any, kind: str) -> int:
    """Wall-clock microseconds since the epoch (time zones are kept aside and restored)."""
    if kind == "time":
        value = datetime.combine(_TIME_DAY, value)
    elif kind == "date":
        value = datetime.combine(value, time())
    delta = value.replace(tzinfo=UTC) - _UTC_EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _from_micros(micros: int, kind: str, tz: tzinfo | None) -> Any:
    moment = (_UTC_EPOCH + timedelta(microseconds=micros)).replace(tzinfo=None)
    if kind == "date":
        return moment.date()
    if kind == "time":
        return moment.time().replace(tzinfo=tz)
    return moment.replace(tzinfo=tz)


def temporal_slider(
    label: str,
    min_value: Any,
    max_value: Any,
    value: Any,
    step: Any,
    format: str | None,
    key: str | int | None,
    help: str | None,
    on_change: Callback,
    args: Sequence[Any] | None,
    kwargs: dict[str, Any] | None,
    *,
    disabled: bool,
    label_visibility: str,
    width: str | int,
    bind: str | None = None,
    persist_state: str | None = None,
) -> Any:
    """`slider` over dates, times or datetimes (same rules and messages as Streamlit's)."""
    is_range = isinstance(value, list | tuple)
    values: list[Any] = list(value) if is_range else ([] if value is None else [value])
    if is_range and len(values) != 2:
        raise RilletAPIException(
            "Slider value should either be a single value or a pair of values."
        )
    given = [v for v in (min_value, max_value) if v is not None]
    kinds = {_kind_of(v) for v in [*values, *given]}
    if len(kinds) != 1 or None in kinds:
        raise RilletAPIException(
            "Slider value arguments must be of matching types."
            f"\n`min_value` has {type(min_value).__name__} type."
            f"\n`max_value` has {type(max_value).__name__} type."
            f"\n`step` has {type(step).__name__} type."
        )
    kind = kinds.pop()
    assert kind is not None
    anchor = values[0] if values else given[0]
    if min_value is None:
        min_value = (
            time.min.replace(tzinfo=anchor.tzinfo)
            if kind == "time"
            else anchor - timedelta(days=14)
        )
    if max_value is None:
        max_value = (
            time.max.replace(tzinfo=anchor.tzinfo)
            if kind == "time"
            else anchor + timedelta(days=14)
        )
    if not values:
        values = [min_value]
    if step is None:
        step = timedelta(days=1) if kind != "time" else timedelta(minutes=15)
        if kind != "time" and max_value - min_value < timedelta(days=1):
            step = timedelta(minutes=15)
    if not isinstance(step, timedelta):
        raise RilletAPIException(
            "Slider value arguments must be of matching types."
            f"\n`min_value` has {type(min_value).__name__} type."
            f"\n`max_value` has {type(max_value).__name__} type."
            f"\n`step` has {type(step).__name__} type."
        )
    if step <= timedelta(0):
        raise RilletAPIException(
            "Slider components cannot be passed a `step` of 0."
            if step == timedelta(0)
            else "Slider components cannot be passed a negative `step`."
        )
    values, min_value, max_value = widen_to_default(values, min_value, max_value)
    tz = anchor.tzinfo if kind != "date" else None
    lo, hi = _to_micros(min_value, kind), _to_micros(max_value, kind)

    def decode_one(wire: Any) -> Any:
        if isinstance(wire, float) and wire.is_integer():
            wire = int(wire)
        if isinstance(wire, bool) or not isinstance(wire, int):
            raise InvalidWidgetValue(f"expected whole microseconds, got {wire!r}")
        if not lo <= wire <= hi:
            raise InvalidWidgetValue(f"{wire!r} is outside [{lo}, {hi}]")
        return _from_micros(wire, kind, tz)

    def decode(wire: Any) -> Any:
        return decode_pair(wire, decode_one) if is_range else decode_one(wire)

    def encode(v: Any) -> Any:
        if is_range:
            return [_to_micros(x, kind) for x in v]
        return _to_micros(v, kind)

    props = widget_props(label, "slider", help, disabled, label_visibility)
    props.update(
        min=lo,
        max=hi,
        step=_to_micros_delta(step),
        format=format or _DEFAULT_FORMATS[kind],
        dtype=kind,
    )
    if width != "stretch":
        props["width"] = width
    default = tuple(values) if is_range else values[0]
    return widget(
        "slider",
        props,
        key=key,
        identity=(label, repr(min_value), repr(max_value), repr(default), step, format, help),
        default=default,
        decode=decode,
        encode=encode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        bind=bind,
        persist_state=persist_state,
    )


def _to_micros_delta(step: timedelta) -> int:
    return (step.days * 86_400 + step.seconds) * 1_000_000 + step.microseconds
