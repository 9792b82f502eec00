"""``st.datetime_input``: one field for a date and a time of day, with a calendar picker.

On the wire a value is "YYYY-MM-DDTHH:MM" (wall-clock time, no zone), as in Streamlit; values
are whole minutes. Every value from the browser is parsed strictly and checked against the
bounds before the app sees it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from rillet.elements.base import command, widget, widget_props
from rillet.elements.validate import range_error, type_error, value_error
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue

DATE_FORMATS = (
    "YYYY/MM/DD", "DD/MM/YYYY", "MM/DD/YYYY",
    "YYYY.MM.DD", "DD.MM.YYYY", "MM.DD.YYYY",
    "YYYY-MM-DD", "DD-MM-YYYY", "MM-DD-YYYY",
)  # fmt: skip
_WIRE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")
_TEXT_FORMATS = ("%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")
_DAY_START = time(0, 0)
_DAY_END = time(23, 59)
_VALUE_TYPES = ["datetime", "date", "time", "ISO string", '"now"']


def _minute(value: datetime) -> datetime:
    """A datetime as the widget holds it: whole minutes, no zone (the wall-clock time)."""
    return value.replace(second=0, microsecond=0, tzinfo=None)


def _years_from(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # Feb 29 in a common year
        return day.replace(year=day.year + years, day=28)


def as_datetime(value: object, day: date, clock: time) -> datetime:
    """A datetime from what Streamlit accepts: a datetime, a date (at ``clock``), a time (on
    ``day``), an ISO or "YYYY/MM/DD HH:MM" string, or "now"."""
    clock = clock.replace(second=0, microsecond=0, tzinfo=None)
    if value == "now":
        return _minute(datetime.now())
    if isinstance(value, datetime):
        return _minute(value)
    if isinstance(value, date):
        return datetime.combine(value, clock)
    if isinstance(value, time):
        return datetime.combine(day, value.replace(second=0, microsecond=0, tzinfo=None))
    if isinstance(value, str):
        text = value.strip()
        try:
            return _minute(datetime.fromisoformat(text))
        except ValueError:
            pass
        for pattern in _TEXT_FORMATS:
            try:
                return _minute(datetime.strptime(text, pattern))
            except ValueError:
                pass
        try:
            return datetime.combine(date.fromisoformat(text), clock)
        except ValueError:
            pass
        try:
            return as_datetime(time.fromisoformat(text), day, clock)
        except ValueError:
            pass
    raise type_error("value", value, _VALUE_TYPES)


def to_wire(value: datetime) -> str:
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:{value.minute:02d}"


def from_wire(wire: object) -> datetime:
    if not isinstance(wire, str) or not _WIRE.match(wire):
        raise InvalidWidgetValue(f"expected a YYYY-MM-DDTHH:MM datetime, got {wire!r}")
    try:
        return datetime.strptime(wire, "%Y-%m-%dT%H:%M")
    except ValueError:
        raise InvalidWidgetValue(f"{wire!r} is no datetime") from None


def _step_seconds(step: object) -> int:
    if isinstance(step, bool) or not isinstance(step, int | timedelta):
        raise type_error("step", step, ["int", "timedelta"])
    seconds = int(step.total_seconds()) if isinstance(step, timedelta) else step
    if not 60 <= seconds <= 23 * 3600:
        raise range_error("step", f"{seconds} seconds", "60 seconds", "23 hours")
    return seconds


@command
def datetime_input(
    label: str,
    value: Any = "now",
    min_value: Any = None,
    max_value: Any = None,
    *,
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callable[..., Any] | str | None = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    format: str = "YYYY/MM/DD",
    step: int | timedelta = timedelta(minutes=15),
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    width: str | int = "stretch",
    bind: str | None = None,
    persist_state: str | None = None,
) -> datetime | None:
    """Show a date-and-time field with a calendar; returns a ``datetime`` (or None).

    The value has no time zone and whole minutes. The user types it in ``format`` followed by
    the time ("2025/03/14 09:30") or picks it in the calendar.

    Parameters:
        label: What the field is for, shown above it.
        value: The value at first: "now" (default), a datetime, a date (at midnight), a time
            (today), an ISO string, or None for an empty field.
        min_value: The earliest value allowed (same kinds as ``value``; a date means its
            00:00). Default: ten years before ``value``, at 00:00.
        max_value: The latest value allowed (a date means its 23:59). Default: ten years
            after ``value``, at 23:59.
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: A callback run (with ``args``/``kwargs``) before the rerun a change causes;
            "rerun" (default) or None just rerun; "ignore": the page holds the change for the
            next rerun something else asks for.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        format: How the date part shows: "YYYY/MM/DD" (default), "DD/MM/YYYY" or
            "MM/DD/YYYY", with "/", "." or "-" between the parts.
        step: The spacing of the times the picker offers: seconds or a ``timedelta``, from
            60 seconds to 23 hours (default 15 minutes). Typed times need not fall on it.
        disabled: Show it but refuse changes.
        required: Refuse an empty field: clearing it keeps the last value. With
            ``value=None`` the widget still returns None until the user picks a value.
        label_visibility: "visible", "hidden" or "collapsed".
        width: "stretch" (default) or pixels.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).
    """
    today = date.today()
    start = None if value is None else as_datetime(value, today, _DAY_START)
    base = start.date() if start is not None else today
    lo = (
        datetime.combine(_years_from(base, -10), _DAY_START)
        if min_value is None
        else as_datetime(min_value, base, _DAY_START)
    )
    hi = (
        datetime.combine(_years_from(base, 10), _DAY_END)
        if max_value is None
        else as_datetime(max_value, base, _DAY_END)
    )
    if lo > hi:
        raise RilletAPIException(
            f"The `min_value`, set to {lo}, cannot be greater than the `max_value`, set to {hi}."
        )
    if start is not None and start < lo:
        raise RilletAPIException(f"The `value` {start} is less than the `min_value` {lo}.")
    if start is not None and start > hi:
        raise RilletAPIException(f"The `value` {start} is greater than the `max_value` {hi}.")
    if not isinstance(format, str):
        raise type_error("format", format, ["str"])
    if format not in DATE_FORMATS:
        raise value_error("format", [repr(f) for f in DATE_FORMATS], f"Provided value: {format!r}.")
    seconds = _step_seconds(step)
    clearable = start is None and not required

    def decode(wire: Any) -> datetime | None:
        if wire is None and clearable:
            return None
        moment = from_wire(wire)
        if not lo <= moment <= hi:
            raise InvalidWidgetValue(f"{moment} is outside [{lo}, {hi}]")
        return moment

    def encode(v: Any) -> str | None:
        if v is None:
            return None
        return to_wire(as_datetime(v, today, _DAY_START))

    props = widget_props(label, "datetime_input", help, disabled, label_visibility, width=width)
    props.update(
        min=to_wire(lo),
        max=to_wire(hi),
        format=format,
        step=seconds,
        clearable=clearable,
        required=bool(required),
    )
    # "now" stays "now" in the identity, so the id does not change as the clock moves.
    identity_value = value if isinstance(value, str) or start is None else to_wire(start)
    return widget(
        "datetime_input",
        props,
        key=key,
        identity=(
            label,
            identity_value,
            to_wire(lo),
            to_wire(hi),
            help,
            format,
            seconds,
            width,
            bool(required),
        ),
        default=start,
        decode=decode,
        encode=encode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        bind=bind,
        persist_state=persist_state,
    )
