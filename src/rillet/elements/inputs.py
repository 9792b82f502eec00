"""Input widgets: button, checkbox, slider, text_input, number_input, text_area.

Sliders over dates and times are built in `datetime_inputs`, beside date_input and time_input.

Each widget decodes what the browser proposes and rejects what does not fit its spec
(`InvalidWidgetValue`), so the app never sees a forged or out-of-range value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from rillet.elements.base import (
    command,
    decode_bool,
    decode_pair,
    decode_trigger,
    target,
    widget,
    widget_props,
)
from rillet.elements.files import button_look
from rillet.elements.text_rules import rule_props
from rillet.elements.unbuilt import wrap_prop
from rillet.elements.validate import check_bool, widen_to_default
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue

Callback = Callable[..., Any] | str | None


@command
def button(
    label: str,
    key: str | int | None = None,
    help: str | None = None,
    on_click: Callback = None,
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    type: str = "secondary",
    icon: str | None = None,
    icon_position: str = "left",
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: str | int = "content",
    shortcut: str | None = None,
    wrap: bool | None = None,
) -> bool:
    """Show a button; returns True in the run that follows a click, False otherwise.

    Parameters:
        label: The text on the button.
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_click: Called (with ``args``/``kwargs``) before the rerun the click causes.
        args: Positional arguments for ``on_click``.
        kwargs: Keyword arguments for ``on_click``.
        type: "primary", "secondary" or "tertiary" emphasis.
        icon: An emoji shown before the label.
        icon_position: "left" (default) or "right" of the label.
        disabled: Show the button but refuse clicks.
        use_container_width: Stretch the button to its container's width.
        width: "content", "stretch" or a number of pixels.
        shortcut: A key that presses it, with optional modifiers: "K", "Ctrl+K",
            "Shift+Enter", "F2" ... ("Mod" is Ctrl; "C" and "R" are reserved). Without Ctrl,
            Cmd or Alt it does nothing while the user types in a text field.
        wrap: None (default) lets the layout decide: one line cut with an ellipsis in a
            horizontal row or straight in a column, else as many lines as the label needs;
            True always wraps, False always keeps one line.
    """
    if type not in ("primary", "secondary", "tertiary"):
        raise RilletAPIException(
            f'The type argument to st.button must be "primary", "secondary", or "tertiary". '
            f'\nThe argument passed was "{type}".'
        )
    if target().form_id is not None:
        raise RilletAPIException("`st.button()` can't be used in an `st.form()`.")
    props = widget_props(label, "button", help, disabled, "visible")
    props.update(type=type, icon=icon, use_container_width=bool(use_container_width))
    props.update(button_look(icon_position, wrap, shortcut))
    if width != "content":
        props["width"] = width

    return bool(
        widget(
            "button",
            props,
            key=key,
            identity=(label, help, type, icon),
            default=False,
            decode=decode_trigger,
            on_change=on_click,
            args=args,
            kwargs=kwargs,
            disabled=disabled,
            trigger=True,
        )
    )


@command
def checkbox(
    label: str,
    value: bool = False,
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: str | int = "content",
    wrap: bool | None = None,
    bind: str | None = None,
    persist_state: str | None = None,
) -> bool:
    """Show a checkbox; returns whether it is checked.

    Parameters:
        label: The text beside the box.
        value: Checked at first.
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: Called (with ``args``/``kwargs``) when the user toggles it.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        disabled: Show it but refuse changes.
        label_visibility: "visible", "hidden" (kept for screen readers) or "collapsed".
        width: "content", "stretch" or a number of pixels.
        wrap: None (default) lets the layout decide: a label cut to one line in a horizontal
            row or straight in a column, else wrapped; True or False forces it.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).
    """
    props = widget_props(label, "checkbox", help, disabled, label_visibility, width=width)
    props.update(wrap_prop(wrap))
    return bool(
        widget(
            "checkbox",
            props,
            key=key,
            identity=(label, bool(value), help),
            default=bool(value),
            decode=decode_bool,
            on_change=on_change,
            args=args,
            kwargs=kwargs,
            disabled=disabled,
            bind=bind,
            persist_state=persist_state,
        )
    )


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


@command
def slider(
    label: str,
    min_value: float | None = None,
    max_value: float | None = None,
    value: float | Sequence[float] | None = None,
    step: float | None = None,
    format: str | None = None,
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: str | int = "stretch",
    bind: str | None = None,
    persist_state: str | None = None,
) -> Any:
    """Show a slider over ints or floats; a two-item ``value`` makes it a range slider.

    Parameters:
        label: What the slider controls.
        min_value: The lowest value (default 0, or 0.0 for floats).
        max_value: The highest value (default 100, or 1.0 for floats).
        value: The start value, or a (low, high) pair for a range (default ``min_value``).
        step: The increment (default 1, or 0.01 for floats).
        format: A printf-style format for the shown value, such as "%d" or "%.1f%%".
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: Called (with ``args``/``kwargs``) when the user moves it.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        disabled: Show it but refuse changes.
        label_visibility: "visible", "hidden" or "collapsed".
        width: "stretch" or a number of pixels.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).

    Dates, times and datetimes work too (see `datetime_inputs.temporal_slider`): their
    ``step`` is a ``timedelta`` and ``format`` uses Moment.js tokens such as "YYYY-MM-DD".

    Returns the current value (a tuple for a range slider).
    """
    # Imported here: datetime_inputs builds on this module's helpers.
    from rillet.elements import datetime_inputs

    if datetime_inputs.is_temporal(min_value, max_value, value):
        return datetime_inputs.temporal_slider(
            label,
            min_value,
            max_value,
            value,
            step,
            format,
            key,
            help,
            on_change,
            args,
            kwargs,
            disabled=disabled,
            label_visibility=label_visibility,
            width=width,
            bind=bind,
            persist_state=persist_state,
        )
    is_range = isinstance(value, list | tuple)
    values: list[Any] = list(value) if is_range else ([] if value is None else [value])  # type: ignore[arg-type]
    if is_range and len(values) != 2:
        raise RilletAPIException(
            "Slider value should either be a single value or a pair of values."
        )
    if step == 0:
        raise RilletAPIException("Slider components cannot be passed a `step` of 0.")
    first = values[0] if values else (min_value if min_value is not None else max_value)
    if step is None and _is_number(first):
        step = 0.01 if isinstance(first, float) else 1
    given_args = [v for v in (min_value, max_value, step) if v is not None]
    numbers = given_args + [v for v in values if v is not None]
    for v in numbers:
        if not _is_number(v):
            raise RilletAPIException(
                f"Slider value arguments must be of matching types. {v!r} is a "
                f"{type(v).__name__}; only int and float are supported here."
            )
    is_float = any(isinstance(v, float) for v in numbers)
    if len({isinstance(v, float) for v in given_args}) > 1:
        raise RilletAPIException(
            "Slider value arguments must be of matching types."
            f"\n`min_value` has {type(min_value).__name__} type."
            f"\n`max_value` has {type(max_value).__name__} type."
            f"\n`step` has {type(step).__name__} type."
        )
    if given_args and values and isinstance(given_args[0], float) != isinstance(values[0], float):
        raise RilletAPIException(
            "Both value and arguments must be of the same type."
            f"\n`value` has {type(value).__name__} type."
            f"\n`min_value` has {type(min_value).__name__} type."
            f"\n`max_value` has {type(max_value).__name__} type."
        )
    lo_default, hi_default = (0.0, 1.0) if is_float else (0, 100)
    if min_value is None:
        min_value = min([lo_default, *values])
    if max_value is None:
        max_value = max([hi_default, *values])
    if step is None:
        step = 0.01 if is_float else 1
    if not values:
        values = [min_value]
    values, min_value, max_value = widen_to_default(values, min_value, max_value)
    if step < 0:
        raise RilletAPIException("Slider components cannot be passed a negative `step`.")
    lo, hi = min_value, max_value

    def decode_one(wire: Any) -> float | int:
        if not _is_number(wire) or (isinstance(wire, float) and not math.isfinite(wire)):
            raise InvalidWidgetValue(f"expected a number, got {wire!r}")
        if not is_float:
            if isinstance(wire, float) and not wire.is_integer():
                raise InvalidWidgetValue(f"expected an integer, got {wire!r}")
            wire = int(wire)
        else:
            wire = float(wire)
        if not lo <= wire <= hi:
            raise InvalidWidgetValue(f"{wire!r} is outside [{lo}, {hi}]")
        return wire

    def decode(wire: Any) -> Any:
        return decode_pair(wire, decode_one) if is_range else decode_one(wire)

    def encode(v: Any) -> Any:
        return list(v) if is_range else v

    props = widget_props(label, "slider", help, disabled, label_visibility)
    props.update(min=lo, max=hi, step=step, format=format, dtype="float" if is_float else "int")
    if width != "stretch":
        props["width"] = width
    default = tuple(values) if is_range else values[0]
    return widget(
        "slider",
        props,
        key=key,
        identity=(label, lo, hi, default, step, format, help),
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


def _refusing_blank(decode: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``decode`` that refuses an empty or blank text (a required field): the widget keeps
    its value, as the page does."""

    def strict(wire: Any) -> Any:
        if wire is None or (isinstance(wire, str) and not wire.strip()):
            raise InvalidWidgetValue("this field is required")
        return decode(wire)

    return strict


@command
def text_input(
    label: str,
    value: str | None = "",
    max_chars: int | None = None,
    key: str | int | None = None,
    type: str = "default",
    help: str | None = None,
    autocomplete: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    icon: str | None = None,
    validate: str | tuple[str, str] | None = None,
    live: str | bool = False,
    width: str | int = "stretch",
    bind: str | None = None,
    persist_state: str | None = None,
) -> str | None:
    """Show a single-line text box; returns its text (None while empty if ``value=None``).

    Parameters:
        label: What the text is for.
        value: The start text; None shows an empty box and returns None until filled.
        max_chars: The longest text allowed.
        key: A unique key; also names the widget in ``session_state``.
        type: "default", or "password" to mask the text.
        help: A tooltip.
        autocomplete: The browser's autocomplete hint.
        on_change: Called (with ``args``/``kwargs``) when the user applies new text
            (Enter, or leaving the box).
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        placeholder: Shown while the box is empty.
        disabled: Show it but refuse changes.
        required: True refuses an empty (or blank) value: the page keeps the last applied
            text and says "This field is required."; in a form the submit waits for it.
        label_visibility: "visible", "hidden" or "collapsed".
        icon: An emoji shown in the box.
        validate: A JavaScript regular expression the text must match before it is applied
            (not anchored: use ^ and $), or a (pattern, message) pair whose message the
            page shows when it does not. Empty text is not checked. Checked in the browser
            only, as in Streamlit: check values that matter in the app too.
        live: Apply the text while the user types, after a pause: True (250 ms) or a
            duration such as "300ms", "0.5s" ("0ms": every change), up to "1m". False
            (default) applies it on Enter or leaving the box. No effect inside a form.
        width: "stretch" or a number of pixels.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).
    """
    if type not in ("default", "password"):
        raise RilletAPIException(
            f"'{type}' is not a valid text_input type. Valid types are 'default' and 'password'."
        )
    value = _text_default(value, max_chars)
    decode = _text_decoder(max_chars, allow_none=value is None)

    props = widget_props(label, "text_input", help, disabled, label_visibility)
    props.update(
        max_chars=max_chars,
        type=type,
        placeholder=placeholder,
        autocomplete=autocomplete,
        icon=icon,
        **rule_props(required, validate, live),
    )
    if required:
        decode = _refusing_blank(decode)
    result: str | None = widget(
        "text_input",
        props,
        key=key,
        identity=(label, value, max_chars, type, help, placeholder),
        default=value,
        decode=decode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        bind=bind,
        persist_state=persist_state,
    )
    return result


# --- number_input ----------------------------------------------------------------------------

# Integers beyond this cannot cross into JavaScript exactly.
MAX_SAFE_INTEGER = (1 << 53) - 1
_MAX_FLOAT = 1.7976931348623157e308


def _check_js_bounds(name: str, value: float | None, as_int: bool) -> None:
    """Streamlit's checks that a number survives the trip to the browser."""
    if value is None:
        return
    if as_int:
        if value < -MAX_SAFE_INTEGER:
            raise RilletAPIException(f"{name} ({value}) must be >= -((1 << 53) - 1)")
        if value > MAX_SAFE_INTEGER:
            raise RilletAPIException(f"{name} ({value}) must be <= (1 << 53) - 1")
    elif value < -_MAX_FLOAT:
        raise RilletAPIException(f"{name} ({value}) must be >= -1.797e+308")
    elif value > _MAX_FLOAT:
        raise RilletAPIException(f"{name} ({value}) must be <= 1.797e+308")


def _mixed_types_message(value: Any, min_value: Any, max_value: Any, step: Any) -> str:
    message = "All numerical arguments must be of the same type."
    for name, arg in (
        ("value", value),
        ("min_value", min_value),
        ("max_value", max_value),
        ("step", step),
    ):
        if arg:
            message += f"\n`{name}` has {type(arg).__name__} type."
    return message


@command
def number_input(
    label: str,
    min_value: float | None = None,
    max_value: float | None = None,
    value: float | str | None = "min",
    step: float | None = None,
    format: str | None = None,
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    icon: str | None = None,
    width: str | int = "stretch",
    bind: str | None = None,
    persist_state: str | None = None,
) -> Any:
    """Show a number box with - and + steppers; returns an int or a float (or None).

    The type follows the arguments: all ints give an int widget, any float a float one.

    Parameters:
        label: What the number is for.
        min_value: The lowest value allowed; None for no minimum.
        max_value: The highest value allowed; None for no maximum.
        value: The start value; "min" (default) starts at ``min_value`` (or 0); None shows an
            empty box and returns None until the user types a number.
        step: What - and + add or take away (default 1 for ints, 0.01 for floats).
        format: A printf-style format for the shown number, such as "%d" or "%0.3f".
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: Called (with ``args``/``kwargs``) when the user applies a new number.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        placeholder: Shown while the box is empty.
        disabled: Show it but refuse changes.
        required: The user cannot clear the number: an emptied box gets its last number
            back, and the server refuses an empty value. With ``value=None`` it starts empty.
        label_visibility: "visible", "hidden" or "collapsed".
        icon: An emoji shown in the box.
        width: "stretch" or a number of pixels.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).
    """
    numbers = [a for a in (min_value, max_value, value, step) if a is not None and a != "min"]
    for arg in numbers:
        if not _is_number(arg):
            raise RilletAPIException(
                f"st.number_input takes int or float arguments, not {type(arg).__name__} ({arg!r})."
            )
    all_ints = all(isinstance(a, int) for a in numbers)
    all_floats = all(isinstance(a, float) for a in numbers)
    if not all_ints and not all_floats:
        raise RilletAPIException(_mixed_types_message(value, min_value, max_value, step))
    if value == "min":
        if min_value is not None:
            value = min_value
        else:
            value = 0.0 if all_floats else 0  # no numbers at all: a float widget, as Streamlit
    start: float | None = value  # type: ignore[assignment]  # "min" is resolved above
    is_int = isinstance(start, int) if start is not None else (all_ints and not all_floats)
    if format is None:
        format = "%d" if is_int else "%0.2f"
    if not isinstance(format, str):
        raise RilletAPIException(f"`format` must be a string, not {type(format).__name__}.")
    if format in ("%d", "%u", "%i") and not is_int:
        _warn(
            f"Warning: NumberInput value below has type float, but format {format} displays "
            "as integer."
        )
    elif format.endswith("f") and is_int:
        _warn(
            f"Warning: NumberInput value below has type int so is displayed as int despite "
            f"format string {format}."
        )
    if step is None:
        step = 1 if is_int else 0.01
    try:
        float(format % 2)
    except (TypeError, ValueError):
        raise RilletAPIException(
            f"Format string for `st.number_input` contains invalid characters: {format}"
        ) from None
    if min_value is not None and start is not None and min_value > start:
        raise RilletAPIException(f"The `value` {start} is less than the `min_value` {min_value}.")
    if max_value is not None and start is not None and max_value < start:
        raise RilletAPIException(
            f"The `value` {start} is greater than the `max_value` {max_value}."
        )
    for bound_name, bound in (
        ("`min_value`", min_value),
        ("`max_value`", max_value),
        ("`step`", step),
        ("`value`", start),
    ):
        _check_js_bounds(bound_name, bound, is_int)
    allow_none = start is None
    lo, hi = min_value, max_value

    def decode(wire: Any) -> float | int | None:
        if wire is None:
            if allow_none and not required:
                return None
            raise InvalidWidgetValue("this number input needs a number")
        if not _is_number(wire) or (isinstance(wire, float) and not math.isfinite(wire)):
            raise InvalidWidgetValue(f"expected a number, got {wire!r}")
        if is_int:
            if isinstance(wire, float) and not wire.is_integer():
                raise InvalidWidgetValue(f"expected an integer, got {wire!r}")
            wire = int(wire)
            if abs(wire) > MAX_SAFE_INTEGER:
                raise InvalidWidgetValue(f"{wire} is beyond what the browser holds exactly")
        else:
            wire = float(wire)
        if (lo is not None and wire < lo) or (hi is not None and wire > hi):
            raise InvalidWidgetValue(f"{wire!r} is outside [{lo}, {hi}]")
        return wire

    props = widget_props(label, "number_input", help, disabled, label_visibility)
    props.update(
        min=min_value,
        max=max_value,
        step=step,
        format=format,
        dtype="int" if is_int else "float",
        placeholder=placeholder,
        icon=icon,
        width=width,
        clearable=allow_none and not check_bool("required", required),
    )
    return widget(
        "number_input",
        props,
        key=key,
        identity=(label, min_value, max_value, start, step, format, help, placeholder),
        default=start,
        decode=decode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        bind=bind,
        persist_state=persist_state,
    )


def _warn(message: str) -> None:
    """Streamlit shows misused formats as a warning element above the widget."""
    from rillet.elements.status import warning

    warning(message)


# --- text_area -------------------------------------------------------------------------------

MIN_TEXT_AREA_HEIGHT = 68


@command
def text_area(
    label: str,
    value: str | None = "",
    height: int | str | None = None,
    max_chars: int | None = None,
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    placeholder: str | None = None,
    disabled: bool = False,
    required: bool = False,
    label_visibility: str = "visible",
    width: str | int = "stretch",
    bind: str | None = None,
    persist_state: str | None = None,
) -> str | None:
    """Show a multi-line text box; returns its text (None while empty if ``value=None``).

    The text is applied when the box loses focus or on Ctrl+Enter (⌘+Enter on a Mac); Enter
    alone starts a new line.

    Parameters:
        label: What the text is for.
        value: The start text; None shows an empty box and returns None until filled.
        height: The box's height in pixels (at least 68), "content" to fit the text,
            "stretch" to fill its container, or None for about three lines.
        max_chars: The longest text allowed.
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: Called (with ``args``/``kwargs``) when the user applies new text.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        placeholder: Shown while the box is empty.
        disabled: Show it but refuse changes.
        required: True refuses an empty (or blank) text: the page says "This field is
            required." and keeps the last applied text (the server refuses it too).
        label_visibility: "visible", "hidden" or "collapsed".
        width: "stretch" or a number of pixels.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).
    """
    if height is not None and height not in ("content", "stretch"):
        if isinstance(height, bool) or not isinstance(height, int):
            raise RilletAPIException(
                f"Invalid height value: {height!r}. Height must be an integer number of pixels, "
                '"content", "stretch" or None.'
            )
        if height < MIN_TEXT_AREA_HEIGHT:
            raise RilletAPIException(
                f"Invalid height {height}px for `st.text_area` - must be at least "
                f"{MIN_TEXT_AREA_HEIGHT} pixels."
            )
    value = _text_default(value, max_chars)
    decode = _text_decoder(max_chars, allow_none=value is None)

    props = widget_props(label, "text_area", help, disabled, label_visibility)
    props.update(height=height, max_chars=max_chars, placeholder=placeholder, width=width)
    props.update(rule_props(check_bool("required", required), None, False))
    if required:
        decode = _refusing_blank(decode)
    result: str | None = widget(
        "text_area",
        props,
        key=key,
        identity=(label, value, height, max_chars, help, placeholder),
        default=value,
        decode=decode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        bind=bind,
        persist_state=persist_state,
    )
    return result


def _text_default(value: object, max_chars: int | None) -> str | None:
    """A text widget's starting value as text (None stays None), within ``max_chars``."""
    text = None if value is None else str(value)
    if max_chars is not None and text is not None and len(text) > max_chars:
        raise RilletAPIException(
            f"The default value '{text}' is longer than the max_chars of {max_chars}."
        )
    return text


def _text_decoder(max_chars: int | None, allow_none: bool) -> Callable[[Any], str | None]:
    """The check of a text widget's value from the browser; a box that started empty (None)
    may be emptied again."""

    def decode(wire: Any) -> str | None:
        if wire is None and allow_none:
            return None
        if not isinstance(wire, str):
            raise InvalidWidgetValue(f"expected text, got {wire!r}")
        if max_chars is not None and len(wire) > max_chars:
            raise InvalidWidgetValue(
                f"text of {len(wire)} characters exceeds max_chars={max_chars}"
            )
        if allow_none and wire == "":
            return None
        return wire

    return decode
