"""Button-group choice widgets: pills, segmented_control and feedback.

Split from `choices` (the same family: options checked on the server, the browser answering
with option indices); they share `_button_group`, which draws a row of toggle buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rillet.elements.base import command, widget
from rillet.elements.choices import (
    Callback,
    _canonical,
    _choices,
    _defaults,
    _index_or_none,
    _one_of,
    _props,
)
from rillet.elements.options import (
    index_from_browser,
    index_of,
    option_list,
)
from rillet.elements.unbuilt import wrap_prop
from rillet.elements.validate import (
    check_bool,
    check_width,
    incompatible_error,
)
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue

_FEEDBACK_SIZES = {"thumbs": 2, "faces": 5, "stars": 5}


def _button_group(
    kind: str,
    label: str,
    options: Any,
    selection_mode: str,
    default: Any,
    format_func: Callable[[Any], Any] | None,
    key: str | int | None,
    help: str | None,
    on_change: Callback,
    args: Sequence[Any] | None,
    kwargs: dict[str, Any] | None,
    disabled: bool,
    label_visibility: str,
    width: str | int,
    wrap: bool | None,
    required: bool,
    bind: str | None,
    persist_state: str | None,
) -> Any:
    """pills and segmented_control: one row of toggle buttons, one choice or several."""
    if selection_mode not in ("single", "multi"):
        raise RilletAPIException(
            "The selection_mode argument must be one of ['single', 'multi']. "
            f"The argument passed was '{selection_mode}'."
        )
    opts, labels = _choices(options, format_func or str)
    chosen = _defaults(opts, default, labels, format_func or str)
    single = selection_mode == "single"
    required = check_bool("required", required)
    look = {**wrap_prop(wrap), **({"required": True} if required else {})}
    if required and not single:
        raise incompatible_error(
            "required=True",
            "selection_mode='multi'",
            explanation="`required` is only supported for single-select mode.",
        )
    if single and len(chosen) > 1:
        raise RilletAPIException(
            f"The default argument to `st.{kind}` must be a single value when "
            "`selection_mode='single'`."
        )
    pick = _one_of(opts, allow_none=True)
    index_or_none = _index_or_none(opts, labels, format_func or str)

    def decode(wire: Any) -> Any:
        if single:
            if wire is None and required:
                raise InvalidWidgetValue("a required choice cannot be cleared")
            return pick(wire)
        if not isinstance(wire, list):
            raise InvalidWidgetValue(f"expected a list of choices, got {wire!r}")
        indices = [index_from_browser(w, len(opts)) for w in wire]
        if len(set(indices)) != len(indices):
            raise InvalidWidgetValue(f"{wire!r} chooses an option twice")
        return [opts[i] for i in indices]

    def encode(value: Any) -> Any:
        if single:
            return index_or_none(value)
        return [index_of(opts, v, labels, format_func or str) for v in option_list(value)]

    props = {**_props(kind, label, help, disabled, label_visibility, width), **look}
    props.update(options=labels, selection_mode=selection_mode)
    initial = (chosen[0] if chosen else None) if single else chosen
    chosen_at = tuple(index_of(opts, v, labels, format_func or str) for v in chosen)
    value = widget(
        kind,
        props,
        key=key,
        identity=(label, tuple(labels), chosen_at, selection_mode, help),
        default=initial,
        decode=decode,
        encode=encode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        bind=bind,
        persist_state=persist_state,
    )
    if single:
        return _canonical(opts, value, encode)
    return list(_canonical(opts, list(value), encode))


@command
def pills(
    label: str,
    options: Any,
    *,
    selection_mode: str = "single",
    default: Any = None,
    required: bool = False,
    format_func: Callable[[Any], Any] | None = None,
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: str | int = "content",
    wrap: bool | None = None,
    bind: str | None = None,
    persist_state: str | None = None,
) -> Any:
    """Show options as a row of pill-shaped toggle buttons; returns the choice (single mode:
    an option or None) or the choices (multi mode: a list).

    Pills keep every option one click away, like tags.

    Parameters:
        label: What the choice is about.
        options: The options: a list, tuple, set, dict (its keys), Enum, pandas Series or
            Index, numpy array, or a dataframe (its first column).
        selection_mode: "single" (clicking the chosen pill again clears it) or "multi".
        default: The option chosen at first, or (multi) a list of options.
        required: With ``selection_mode="single"``, once an option is chosen the user
            cannot unchoose it (clicking it again does nothing); not with "multi".
        format_func: Turns an option into the text shown for it (default ``str``); the
            return value is still the option itself.
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: Called (with ``args``/``kwargs``) when the choice changes.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        disabled: Show it but refuse changes.
        label_visibility: "visible", "hidden" or "collapsed".
        width: "content", "stretch" or a number of pixels.
        wrap: None (default) lets the layout decide: the options stay on one row, scrolling
            sideways, in a horizontal row or straight in a column, else wrap onto more rows;
            True or False forces it.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).
    """
    return _button_group(
        "pills", label, options, selection_mode, default, format_func, key, help,
        on_change, args, kwargs, disabled, label_visibility, width, wrap, required,
        bind, persist_state,
    )  # fmt: skip


@command
def segmented_control(
    label: str,
    options: Any,
    *,
    selection_mode: str = "single",
    default: Any = None,
    required: bool = False,
    format_func: Callable[[Any], Any] | None = None,
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: str | int = "content",
    wrap: bool | None = None,
    bind: str | None = None,
    persist_state: str | None = None,
) -> Any:
    """Show options as one joined bar of toggle buttons; returns the choice (single mode: an
    option or None) or the choices (multi mode: a list).

    A segmented control reads as one control with a few modes, such as a view switch.

    Parameters:
        label: What the choice is about.
        options: The options: a list, tuple, set, dict (its keys), Enum, pandas Series or
            Index, numpy array, or a dataframe (its first column).
        selection_mode: "single" (clicking the chosen segment again clears it) or "multi".
        default: The option chosen at first, or (multi) a list of options.
        required: With ``selection_mode="single"``, once an option is chosen the user
            cannot unchoose it (clicking it again does nothing); not with "multi".
        format_func: Turns an option into the text shown for it (default ``str``); the
            return value is still the option itself.
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: Called (with ``args``/``kwargs``) when the choice changes.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        disabled: Show it but refuse changes.
        label_visibility: "visible", "hidden" or "collapsed".
        width: "content", "stretch" or a number of pixels.
        wrap: None (default) lets the layout decide: the options stay on one row, scrolling
            sideways, in a horizontal row or straight in a column, else wrap onto more rows;
            True or False forces it.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).
    """
    return _button_group(
        "segmented_control", label, options, selection_mode, default, format_func, key, help,
        on_change, args, kwargs, disabled, label_visibility, width, wrap, required,
        bind, persist_state,
    )  # fmt: skip


@command
def feedback(
    options: str = "thumbs",
    *,
    key: str | int | None = None,
    default: int | None = None,
    disabled: bool = False,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    width: str | int = "content",
    bind: str | None = None,
    persist_state: str | None = None,
) -> int | None:
    """Show a rating row (thumbs, faces or stars); returns the rating, 0 being the lowest,
    or None while the user has not rated.

    Made for rating answers in chat and AI apps: one click, and a second click takes it back.

    Parameters:
        options: "thumbs" (up is 1, down is 0), "faces" (five faces, 0 to 4) or "stars"
            (one to five stars, returned as 0 to 4).
        key: A unique key; also names the widget in ``session_state``.
        default: The rating shown at first: 0 or 1 for thumbs, 0 to 4 for faces and stars.
        disabled: Show it but refuse changes.
        on_change: Called (with ``args``/``kwargs``) when the rating changes.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        width: "content", "stretch" or a number of pixels.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).
    """
    if options not in _FEEDBACK_SIZES:
        raise RilletAPIException(
            "The options argument to st.feedback must be one of "
            f"['thumbs', 'faces', 'stars']. The argument passed was '{options}'."
        )
    count = _FEEDBACK_SIZES[options]
    if default is not None and (
        isinstance(default, bool) or not isinstance(default, int) or not 0 <= default < count
    ):
        raise RilletAPIException(
            f"The default value in '{options}' must be a number between 0 and {count - 1}. "
            f"The passed default value is {default}"
        )

    def decode(wire: Any) -> int | None:
        return None if wire is None else index_from_browser(wire, count)

    rating: int | None = widget(
        "feedback",
        {
            "options": options,
            "disabled": bool(disabled),
            "width": check_width(width, allow_content=True),
        },
        key=key,
        identity=(options, default),
        default=default,
        decode=decode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        bind=bind,
        persist_state=persist_state,
    )
    return rating
