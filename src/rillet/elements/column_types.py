"""The ``st.column_config`` factories: one per column type, each returning a plain dict in
Streamlit's shape (``{"label": ..., "type_config": {"type": "number", ...}}``), so a dict
written by hand works the same. `column_config.settings_for` validates them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from rillet.runtime.errors import RilletAPIException

_CHART_COLORS = (
    "auto", "auto-inverse", "red", "blue", "green", "yellow", "violet", "orange", "gray",
    "grey", "primary",
)


def _config(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _common(
    label: str | None,
    width: str | int | None,
    help: str | None,
    pinned: bool | None,
    *,
    disabled: bool | None = None,
    required: bool | None = None,
    alignment: str | None = None,
    default: Any = None,
    type_config: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return _config(
        label=label, width=width, help=help, disabled=disabled, required=required,
        pinned=pinned, alignment=alignment, default=default, type_config=type_config,
    )


def _iso(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    raise RilletAPIException(f"Expected a date, time or datetime, got {value!r}.")


def _seconds(step: object) -> float | int | None:
    if isinstance(step, datetime.timedelta):
        return step.total_seconds()
    return step  # type: ignore[return-value]


def _chart_color(color: str | None) -> str | None:
    if color is None or color in _CHART_COLORS or str(color).startswith(("#", "rgb")):
        return color
    raise RilletAPIException(
        f"Invalid `color` value: {color!r}. Expected one of {', '.join(_CHART_COLORS)}, "
        "a valid hex color, or an rgb() or rgba() color."
    )


def Column(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: str | None = None,
) -> dict[str, Any]:
    """Configure a column of any type, keeping the type its data gives it.

    Parameters:
        label: The header shown; the column's name when None.
        width: "small" (75 px), "medium" (200 px), "large" (400 px), pixels, or None to fit
            the content.
        help: A tooltip on the header.
        disabled: In `data_editor`, the column cannot be edited.
        required: In `data_editor`, an edited or added cell must not be empty.
        pinned: Keep the column on the left while scrolling sideways.
        alignment: "left", "center" or "right" (default: numbers right, the rest left).
    """
    return _common(label, width, help, pinned, disabled=disabled, required=required,
                   alignment=alignment)


def NumberColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: str | None = None,
    default: int | float | None = None,
    format: str | None = None,
    min_value: int | float | None = None,
    max_value: int | float | None = None,
    step: int | float | None = None,
) -> dict[str, Any]:
    """Configure a number column: how numbers show, and what an edit may enter.

    Parameters:
        label, width, help, disabled, required, pinned, alignment: As for `Column`.
        default: The value of this column in a row the user adds.
        format: A printf-style format ("%d", "%.2f", "$%.2f", "%d ⭐") or a preset: "plain",
            "localized", "percent", "dollar", "euro", "yen", "accounting", "compact",
            "scientific", "engineering".
        min_value: The smallest value an edit may enter.
        max_value: The largest value an edit may enter.
        step: The precision of entered values (1 makes the column whole numbers).
    """
    return _common(label, width, help, pinned, disabled=disabled, required=required,
                   alignment=alignment, default=default,
                   type_config=_config(type="number", format=format, min_value=min_value,
                                       max_value=max_value, step=step))


def TextColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: str | None = None,
    default: str | None = None,
    max_chars: int | None = None,
    validate: str | None = None,
) -> dict[str, Any]:
    """Configure a text column.

    Parameters:
        label, width, help, disabled, required, pinned, alignment: As for `Column`.
        default: The value of this column in a row the user adds.
        max_chars: The longest text an edit may enter.
        validate: A regular expression an edited value must match.
    """
    return _common(label, width, help, pinned, disabled=disabled, required=required,
                   alignment=alignment, default=default,
                   type_config=_config(type="text", max_chars=max_chars, validate=validate))


def LinkColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: str | None = None,
    default: str | None = None,
    max_chars: int | None = None,
    validate: str | None = None,
    display_text: str | None = None,
) -> dict[str, Any]:
    """Configure a column of URLs, shown as links.

    Parameters:
        label, width, help, disabled, required, pinned, alignment: As for `Column`.
        default: The value of this column in a row the user adds.
        max_chars: The longest URL an edit may enter.
        validate: A regular expression an edited URL must match.
        display_text: The text shown instead of the URL; a regular expression with a
            capturing group shows the group's match.
    """
    return _common(label, width, help, pinned, disabled=disabled, required=required,
                   alignment=alignment, default=default,
                   type_config=_config(type="link", max_chars=max_chars, validate=validate,
                                       display_text=display_text))


def CheckboxColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: str | None = None,
    default: bool | None = None,
) -> dict[str, Any]:
    """Configure a true/false column, shown as checkboxes.

    Parameters:
        label, width, help, disabled, required, pinned, alignment: As for `Column`.
        default: The value of this column in a row the user adds.
    """
    return _common(label, width, help, pinned, disabled=disabled, required=required,
                   alignment=alignment, default=default, type_config={"type": "checkbox"})


def _options(
    options: Iterable[Any] | None, format_func: Callable[[Any], str] | None
) -> list[Any] | None:
    if options is None:
        return None
    values = list(options)
    if format_func is None:
        return values
    return [{"value": v, "label": str(format_func(v))} for v in values]


def SelectboxColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    default: Any = None,
    options: Iterable[Any] | None = None,
    format_func: Callable[[Any], str] | None = None,
) -> dict[str, Any]:
    """Configure a column whose cells are one of a list of options.

    Parameters:
        label, width, help, disabled, required, pinned: As for `Column`.
        default: The value of this column in a row the user adds.
        options: The values a cell may take (text, numbers or booleans); by default the
            categories of a categorical column.
        format_func: How an option is shown (its ``str`` by default).
    """
    return _common(label, width, help, pinned, disabled=disabled, required=required,
                   default=default,
                   type_config=_config(type="selectbox", options=_options(options, format_func)))


def MultiselectColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    default: Iterable[str] | None = None,
    options: Iterable[str] | None = None,
    accept_new_options: bool | None = None,
    color: str | Iterable[str] | None = None,
    format_func: Callable[[str], str] | None = None,
) -> dict[str, Any]:
    """Configure a column whose cells are lists of options, shown as chips.

    Parameters:
        label, width, help, disabled, required, pinned: As for `Column`.
        default: The value of this column in a row the user adds.
        options: The values a cell may hold.
        accept_new_options: Whether an edit may add values that are not options.
        color: A colour for every chip, or one per option ("auto" picks them).
        format_func: How an option is shown (its ``str`` by default).
    """
    colors = color if color is None or isinstance(color, str) else list(color)
    return _common(label, width, help, pinned, disabled=disabled, required=required,
                   default=None if default is None else list(default),
                   type_config=_config(type="multiselect",
                                       options=_options(options, format_func),
                                       accept_new_options=accept_new_options, color=colors))


def ListColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    default: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Configure a column of lists, shown as chips.

    Parameters:
        label, width, help, disabled, required, pinned: As for `Column`.
        default: The value of this column in a row the user adds.
    """
    return _common(label, width, help, pinned, disabled=disabled, required=required,
                   default=None if default is None else list(default),
                   type_config={"type": "list"})


def _dates(kind: str, label: str | None, width: str | int | None, help: str | None,
           disabled: bool | None, required: bool | None, pinned: bool | None,
           alignment: str | None, default: Any, format: str | None, min_value: Any,
           max_value: Any, step: Any, **extra: Any) -> dict[str, Any]:
    return _common(label, width, help, pinned, disabled=disabled, required=required,
                   alignment=alignment, default=_iso(default),
                   type_config=_config(type=kind, format=format, min_value=_iso(min_value),
                                       max_value=_iso(max_value), step=_seconds(step),
                                       **extra))


def DatetimeColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: str | None = None,
    default: datetime.datetime | None = None,
    format: str | None = None,
    min_value: datetime.datetime | None = None,
    max_value: datetime.datetime | None = None,
    step: int | float | datetime.timedelta | None = None,
    timezone: str | None = None,
) -> dict[str, Any]:
    """Configure a date-and-time column.

    Parameters:
        label, width, help, disabled, required, pinned, alignment: As for `Column`.
        default: The value of this column in a row the user adds.
        format: A moment.js-style pattern ("YYYY-MM-DD HH:mm") or "localized", "distance",
            "calendar", "iso8601".
        min_value: The earliest value an edit may enter.
        max_value: The latest value an edit may enter.
        step: The precision of entered values, in seconds or a timedelta.
        timezone: The timezone values are shown in.
    """
    return _dates("datetime", label, width, help, disabled, required, pinned, alignment,
                  default, format, min_value, max_value, step, timezone=timezone)


def DateColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: str | None = None,
    default: datetime.date | None = None,
    format: str | None = None,
    min_value: datetime.date | None = None,
    max_value: datetime.date | None = None,
    step: int | None = None,
) -> dict[str, Any]:
    """Configure a date column.

    Parameters:
        label, width, help, disabled, required, pinned, alignment: As for `Column`.
        default: The value of this column in a row the user adds.
        format: A moment.js-style pattern ("MMM D, YYYY") or "localized", "distance",
            "iso8601".
        min_value: The earliest date an edit may enter.
        max_value: The latest date an edit may enter.
        step: The step between dates, in days.
    """
    return _dates("date", label, width, help, disabled, required, pinned, alignment,
                  default, format, min_value, max_value, step)


def TimeColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    disabled: bool | None = None,
    required: bool | None = None,
    pinned: bool | None = None,
    alignment: str | None = None,
    default: datetime.time | None = None,
    format: str | None = None,
    min_value: datetime.time | None = None,
    max_value: datetime.time | None = None,
    step: int | float | datetime.timedelta | None = None,
) -> dict[str, Any]:
    """Configure a time column.

    Parameters:
        label, width, help, disabled, required, pinned, alignment: As for `Column`.
        default: The value of this column in a row the user adds.
        format: A moment.js-style pattern ("HH:mm") or "localized", "iso8601".
        min_value: The earliest time an edit may enter.
        max_value: The latest time an edit may enter.
        step: The precision of entered values, in seconds or a timedelta.
    """
    return _dates("time", label, width, help, disabled, required, pinned, alignment,
                  default, format, min_value, max_value, step)


def ProgressColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    format: str | None = None,
    min_value: int | float | None = None,
    max_value: int | float | None = None,
    step: int | float | None = None,
    color: str | None = None,
) -> dict[str, Any]:
    """Configure a column of numbers shown as progress bars (read-only).

    Parameters:
        label, width, help, pinned: As for `Column`.
        format: The number format of the text beside the bar (as for `NumberColumn`).
        min_value: The value of an empty bar (default 0).
        max_value: The value of a full bar (default 100, or 1 for fractions).
        step: The precision of the shown number.
        color: "auto", a theme colour name, or a CSS colour.
    """
    return _common(label, width, help, pinned,
                   type_config=_config(type="progress", format=format, min_value=min_value,
                                       max_value=max_value, step=step,
                                       color=_chart_color(color)))


def _chart(kind: str, label: str | None, width: str | int | None, help: str | None,
           pinned: bool | None, y_min: float | None, y_max: float | None,
           color: str | None) -> dict[str, Any]:
    return _common(label, width, help, pinned,
                   type_config=_config(type=kind, y_min=y_min, y_max=y_max,
                                       color=_chart_color(color)))


def LineChartColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    y_min: int | float | None = None,
    y_max: int | float | None = None,
    color: str | None = None,
) -> dict[str, Any]:
    """Configure a column of number lists shown as small line charts (read-only).

    Parameters:
        label, width, help, pinned: As for `Column`.
        y_min: The bottom of every chart (default: each chart's smallest value).
        y_max: The top of every chart (default: each chart's largest value).
        color: "auto", "auto-inverse", a theme colour name, or a CSS colour.
    """
    return _chart("line_chart", label, width, help, pinned, y_min, y_max, color)


def BarChartColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    y_min: int | float | None = None,
    y_max: int | float | None = None,
    color: str | None = None,
) -> dict[str, Any]:
    """Configure a column of number lists shown as small bar charts (read-only).

    Parameters:
        label, width, help, pinned: As for `Column`.
        y_min: The bottom of every chart (default: each chart's smallest value).
        y_max: The top of every chart (default: each chart's largest value).
        color: "auto", "auto-inverse", a theme colour name, or a CSS colour.
    """
    return _chart("bar_chart", label, width, help, pinned, y_min, y_max, color)


def AreaChartColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    y_min: int | float | None = None,
    y_max: int | float | None = None,
    color: str | None = None,
) -> dict[str, Any]:
    """Configure a column of number lists shown as small area charts (read-only).

    Parameters:
        label, width, help, pinned: As for `Column`.
        y_min: The bottom of every chart (default: each chart's smallest value).
        y_max: The top of every chart (default: each chart's largest value).
        color: "auto", "auto-inverse", a theme colour name, or a CSS colour.
    """
    return _chart("area_chart", label, width, help, pinned, y_min, y_max, color)


def ImageColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: str | None = None,
) -> dict[str, Any]:
    """Configure a column of image URLs (http(s) or data: URLs), shown as thumbnails.

    Parameters:
        label, width, help, pinned, alignment: As for `Column`.
    """
    return _common(label, width, help, pinned, alignment=alignment,
                   type_config={"type": "image"})


def JsonColumn(
    label: str | None = None,
    *,
    width: str | int | None = None,
    help: str | None = None,
    pinned: bool | None = None,
    alignment: str | None = None,
) -> dict[str, Any]:
    """Configure a column of JSON-like values (dicts, lists, JSON text), shown compactly.

    Parameters:
        label, width, help, pinned, alignment: As for `Column`.
    """
    return _common(label, width, help, pinned, alignment=alignment,
                   type_config={"type": "json"})
