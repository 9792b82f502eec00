"""``st.menu_button``: a button that opens a menu of options; the option clicked is the value.

Like ``st.button`` it is a trigger: the clicked option is returned in the one run that follows
the click, and None in every other run. The browser sends the index of the option clicked;
any other value is refused before the app sees it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rillet.elements.base import command, target, widget, widget_props
from rillet.elements.options import check_comparable, index_from_browser, labels_of, option_list
from rillet.elements.validate import check_icon, check_width, missing_error, value_error
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import widget_id

_TYPES = ("primary", "secondary", "tertiary")
_SEEN_KEY = "rillet.menu_button.seen"
# Menu buttons whose current option came from the browser (a click), not yet read by a run. A
# click stays here until a run reads it, even across an interrupted run that never got to it.
_DELIVERED_KEY = "rillet.menu_button.delivered"
# The widget being registered: the check of a kept value decodes it too, and that is no click.
_REGISTERING_KEY = "rillet.menu_button.registering"
# What each menu button returned in its latest run, for AppTest's ``.value`` (as Streamlit's).
LAST_KEY = "rillet.menu_button.last"


def _read_only(key: str) -> RilletAPIException:
    return RilletAPIException(
        f"`st.session_state['{key}']` is read-only and cannot be assigned through session "
        "state. Use a different session state key for values you need to set."
    )


def _once(wid: str, key: str | None, value: Any) -> Any:
    """The clicked option, seen by one run only.

    A run that completes puts the widget back to None as it ends; a run that raised or was
    interrupted after reading a click leaves it, so the next run recognises the click it
    already saw and answers None. A value that came from neither (the script wrote it through
    ``session_state``) is refused with Streamlit's error.
    """
    ctx = context.current()
    if ctx is None or value is None:
        return value
    state = ctx.session.state
    seen: dict[str, int] = ctx.session.extras.setdefault(_SEEN_KEY, {})
    if seen.get(wid, ctx.run_id) != ctx.run_id:
        seen.pop(wid, None)
        state.reset_to_default(wid)
        return None
    delivered: set[str] = ctx.session.extras.setdefault(_DELIVERED_KEY, set())
    if wid not in seen and wid not in delivered:
        state.reset_to_default(wid)
        raise _read_only(key or wid)
    delivered.discard(wid)
    seen[wid] = ctx.run_id

    def spend() -> None:
        seen.pop(wid, None)
        if state.widget_spec(wid) is not None:
            state.reset_to_default(wid)

    ctx.finishers.append(spend)
    return value


@command
def menu_button(
    label: str,
    options: Sequence[Any],
    *,
    key: str | int | None = None,
    help: str | None = None,
    on_click: Callable[..., Any] | None = None,
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    type: str = "secondary",
    icon: str | None = None,
    disabled: bool = False,
    width: str | int = "content",
    format_func: Callable[[Any], str] = str,
    wrap: bool | None = None,
) -> Any:
    """Show a button that opens a menu; returns the option clicked, in the run that follows
    the click, and None otherwise.

    Parameters:
        label: The text on the button.
        options: The menu's entries: a list, tuple, set, dict (its keys), Enum, or a column of
            a dataframe. At least one.
        key: A unique key; also names the widget in ``session_state`` (read-only there).
        help: A tooltip.
        on_click: Called (with ``args``/``kwargs``) before the rerun an option's click causes;
            the clicked option is then in ``session_state`` under ``key``.
        args: Positional arguments for ``on_click``.
        kwargs: Keyword arguments for ``on_click``.
        type: "secondary" (default), "primary" or "tertiary" emphasis.
        icon: An emoji (or "spinner") shown before the label.
        disabled: Show the button but refuse to open it.
        width: "content" (default), "stretch" or pixels.
        format_func: Turns an option into the text shown in the menu (default ``str``). The
            texts must be unique.
        wrap: Whether a long label may wrap onto more lines (True), or stays on one line cut
            with an ellipsis (False). None (default) wraps except in a horizontal row.
    """
    if on_click is not None and not callable(on_click):
        raise RilletAPIException("Invalid `on_click` value. Supported values: a callback function.")
    if target().form_id is not None:
        raise RilletAPIException("`st.menu_button()` can't be used in an `st.form()`.")
    if type not in _TYPES:
        raise value_error("type", [f"'{t}'" for t in _TYPES])
    check_width(width, allow_content=True)
    items = option_list(options)
    if not items:
        raise missing_error("options", "Provide at least one option.")
    check_comparable(items)
    labels = labels_of(items, format_func)
    if len(set(labels)) != len(labels):
        raise RilletAPIException(
            "The `format_func` produced duplicate labels for the menu button options. Each "
            "formatted option label must be unique."
        )
    if wrap is not None and not isinstance(wrap, bool):
        raise value_error("wrap", ["True", "False", "None"])
    props = widget_props(
        "" if label is None else str(label), "menu_button", help, disabled, "visible"
    )
    props.update(options=labels, type=type)
    optional = {"icon": check_icon(icon), "wrap": wrap, "width": width}
    props.update({k: v for k, v in optional.items() if v is not None})

    ctx = context.current()
    ukey = None if key is None else str(key)
    wid = widget_id("menu_button", ukey, (label, tuple(labels), help, type, icon, width), None)
    extras: dict[str, Any] = ctx.session.extras if ctx is not None else {}

    def decode(wire: Any) -> Any:
        option = items[index_from_browser(wire, len(items))]
        if extras.get(_REGISTERING_KEY) != wid:
            # A new click: whatever an earlier run saw, this one is still to be read.
            extras.setdefault(_DELIVERED_KEY, set()).add(wid)
            extras.get(_SEEN_KEY, {}).pop(wid, None)
        return option

    def encode(value: Any) -> Any:
        if value is None:
            return None
        for i, item in enumerate(items):
            if item is value or item == value:
                return i
        raise ValueError(f"{value!r} is not an option")

    if ctx is not None and ukey is not None:
        if ctx.session.state.widget_spec(wid) is None and ukey in ctx.session.state:
            raise _read_only(ukey)  # set before the widget ever existed
    extras[_REGISTERING_KEY] = wid
    try:
        value = widget(
            "menu_button",
            props,
            key=key,
            identity=(label, tuple(labels), help, type, icon, width),
            default=None,
            decode=decode,
            encode=encode,
            on_change=on_click,
            args=args,
            kwargs=kwargs,
            disabled=disabled,
            value_in_props=False,
        )
    finally:
        extras.pop(_REGISTERING_KEY, None)
    if ctx is None:
        return None
    result = _once(wid, ukey, value)
    ctx.session.extras.setdefault(LAST_KEY, {})[wid] = result
    return result
