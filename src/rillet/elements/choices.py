"""Choice widgets: toggle, radio, selectbox, multiselect, select_slider and color_picker
(pills, segmented_control and feedback are in `choices_groups`).

Options may be any collection (see `options.option_list`). The browser receives each option's
label as text and answers with option indices (or, with ``accept_new_options``, the text the
user typed); every answer is checked here against the widget's options, so the app only ever
sees one of its own option objects, never a forged value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from textwrap import dedent
from typing import Any

from rillet.elements.base import check_key, command, decode_bool, widget, widget_props
from rillet.elements.options import (
    check_comparable,
    index_from_browser,
    index_of,
    labels_of,
    match_label,
    new_option_from_browser,
    option_list,
)
from rillet.elements.unbuilt import wrap_prop
from rillet.elements.validate import (
    check_bool,
    check_icon,
    incompatible_error,
    type_error,
    value_error,
)
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue

Callback = Callable[..., Any] | str | None
_HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


def _props(
    kind: str,
    label: str,
    help: str | None,
    disabled: bool,
    label_visibility: str,
    width: object,
    allow_content: bool = True,
) -> dict[str, Any]:
    return widget_props(
        label,
        kind,
        dedent(help) if help is not None else None,
        disabled,
        label_visibility,
        width=width,
        allow_content=allow_content,
    )


def _held_by_key(key: object) -> tuple[bool, Any]:
    """Whether ``session_state`` holds a value under the widget's key, and that value.

    Not a read of the script's: a reactive fragment must not come to depend on its own
    widget's key through it.
    """
    ctx = context.current()
    ukey = check_key(key)
    if ctx is None or ukey is None:
        return False, None
    state = ctx.session.state
    recorder = state.record_reads(None)
    try:
        return (True, state[ukey]) if ukey in state else (False, None)
    finally:
        state.record_reads(recorder)


def _choices(options: object, format_func: Callable[[Any], Any]) -> tuple[list[Any], list[str]]:
    opts = option_list(options)
    check_comparable(opts)
    return opts, labels_of(opts, format_func)


def _canonical(opts: Sequence[Any], value: Any, encode: Callable[[Any], Any]) -> Any:
    """The current run's option object for a value kept from an earlier run: the script
    defines its Enum classes anew each run, and the app compares with the new ones."""
    try:
        wire = encode(value)
    except (ValueError, TypeError):
        return value
    if isinstance(wire, int) and not isinstance(wire, bool):
        return opts[wire]
    if isinstance(wire, list) and isinstance(value, list | tuple):
        items = [opts[w] if isinstance(w, int) else v for w, v in zip(wire, value, strict=False)]
        return tuple(items) if isinstance(value, tuple) else items
    return value


def _check_index(index: object, count: int, kind: str) -> int | None:
    """Validate ``index`` of a radio or selectbox with Streamlit's messages."""
    name = "Radio" if kind == "radio" else "Selectbox"
    if index is not None and not isinstance(index, int):
        raise RilletAPIException(f"{name} Value has invalid type: {type(index).__name__}")
    if index is not None and count > 0 and not 0 <= index < count:
        if kind == "radio":
            raise RilletAPIException("Radio index must be between 0 and length of options")
        raise RilletAPIException(
            "Selectbox index must be greater than or equal to 0 and less than the length "
            "of options."
        )
    return index


def _one_of(opts: Sequence[Any], allow_none: bool) -> Callable[[Any], Any]:
    """Decode an option index from the browser (null only where the widget may be empty)."""

    def decode(wire: Any) -> Any:
        if wire is None:
            if allow_none:
                return None
            raise InvalidWidgetValue("this widget always has a selection")
        return opts[index_from_browser(wire, len(opts))]

    return decode


def _index_or_none(
    opts: Sequence[Any], labels: Sequence[str], format_func: Callable[[Any], Any]
) -> Callable[[Any], Any]:
    def encode(value: Any) -> int | None:
        return None if value is None else index_of(opts, value, labels, format_func)

    return encode


def _defaults(
    opts: Sequence[Any],
    default: object,
    labels: Sequence[str],
    format_func: Callable[[Any], Any],
    accept_new_options: bool = False,
) -> list[Any]:
    """The default selection as option objects; unknown values are Streamlit's error (or new
    options, where the widget accepts them)."""
    chosen = []
    for value in option_list(default):
        try:
            chosen.append(opts[index_of(opts, value, labels, format_func)])
        except ValueError:
            if accept_new_options and isinstance(value, str) and value.strip():
                chosen.append(value)
                continue
            raise RilletAPIException(
                f"The default value '{value}' is not part of the options. Please make sure "
                "that every default values also exists in the options."
            ) from None
    return chosen


@command
def toggle(
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
    """Show an on/off switch; returns whether it is on.

    A switch reads as a setting that takes effect at once, where a checkbox reads as a choice.

    Parameters:
        label: What the switch turns on.
        value: On at first.
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: Called (with ``args``/``kwargs``) when the user flips it.
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
    look = wrap_prop(wrap)
    props = {**_props("toggle", label, help, disabled, label_visibility, width), **look}

    return bool(
        widget(
            "toggle",
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


@command
def radio(
    label: str,
    options: Any,
    index: int | None = 0,
    format_func: Callable[[Any], Any] = str,
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    disabled: bool = False,
    horizontal: bool = False,
    captions: Sequence[str | None] | None = None,
    label_visibility: str = "visible",
    width: str | int = "content",
    bind: str | None = None,
    persist_state: str | None = None,
) -> Any:
    """Show a group of radio buttons; returns the chosen option (None while none is chosen).

    Every option stays in view, which suits a handful of choices the user should compare.

    Parameters:
        label: What the choice is about.
        options: The options: a list, tuple, set, dict (its keys), Enum, pandas Series or
            Index, numpy array, or a dataframe (its first column).
        index: The option chosen at first; None starts with nothing chosen.
        format_func: Turns an option into the text shown for it (default ``str``); the
            return value is still the option itself.
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: Called (with ``args``/``kwargs``) when the user picks another option.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        disabled: Show it but refuse changes.
        horizontal: Lay the options out in a row instead of a column.
        captions: A text shown under each option, in option order (None for none).
        label_visibility: "visible", "hidden" or "collapsed".
        width: "content", "stretch" or a number of pixels.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).
    """
    opts, labels = _choices(options, format_func)
    index = _check_index(index, len(opts), "radio")
    caption_texts = None
    if captions is not None:
        caption_texts = []
        for caption in captions:
            if caption is not None and not isinstance(caption, str):
                raise RilletAPIException(
                    f"Radio captions must be strings. Passed type: {type(caption).__name__}"
                )
            caption_texts.append(caption or "")
    identity = (label, tuple(labels), index, help, bool(horizontal), tuple(caption_texts or ()))
    held, current = _held_by_key(key)
    if held and current is None:
        index = None  # set to None through session_state: shown with nothing chosen
    encode = _index_or_none(opts, labels, format_func)
    props = _props("radio", label, help, disabled, label_visibility, width)
    props.update(options=labels, captions=caption_texts, horizontal=bool(horizontal))
    value = widget(
        "radio",
        props,
        key=key,
        identity=identity,
        default=opts[index] if index is not None and opts else None,
        decode=_one_of(opts, allow_none=index is None or not opts),
        encode=encode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        bind=bind,
        persist_state=persist_state,
    )
    return _canonical(opts, value, encode)


@command
def selectbox(
    label: str,
    options: Any,
    index: int | None = 0,
    format_func: Callable[[Any], Any] = str,
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
    accept_new_options: bool = False,
    filter_mode: str | None = "fuzzy",
    width: str | int = "stretch",
    bind: str | None = None,
    persist_state: str | None = None,
) -> Any:
    """Show a drop-down list; returns the chosen option (None while none is chosen).

    A drop-down keeps a long list of options out of the way until the user wants it.

    Parameters:
        label: What the choice is about.
        options: The options: a list, tuple, set, dict (its keys), Enum, pandas Series or
            Index, numpy array, or a dataframe (its first column).
        index: The option chosen at first; None starts empty (the user may then clear it).
        format_func: Turns an option into the text shown for it (default ``str``); the
            return value is still the option itself.
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: Called (with ``args``/``kwargs``) when the user picks another option.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        placeholder: Shown while nothing is chosen; None picks a text that fits ("Choose an
            option", "Choose or add an option", "Add an option", "No options to select").
        disabled: Show it but refuse changes. Without options (and new ones not accepted)
            it is always disabled.
        required: Once an option is chosen the user cannot clear it (no clear button, and a
            cleared value from the page is refused); with ``index=None`` it starts empty.
        label_visibility: "visible", "hidden" or "collapsed".
        icon: An emoji or ``:material/name:`` icon shown at the start of the field.
        accept_new_options: Let the user type an option that is not in ``options``; it is
            returned as a string. Typed text that matches an option's label (ignoring case)
            picks that option.
        filter_mode: How typing filters the options: "fuzzy" (default: the typed letters in
            order, best matches first), "contains", "prefix" (ignoring case), or None (no
            typing; not with ``accept_new_options``).
        width: "stretch" or a number of pixels.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).
    """
    opts, labels = _choices(options, format_func)
    index = _check_index(index, len(opts), "selectbox")
    accept_new = bool(accept_new_options)
    identity = (label, tuple(labels), index, help, placeholder, accept_new)
    held, current = _held_by_key(key)
    if held and current is None:
        index = None
    if placeholder is None:
        if opts:
            placeholder = "Choose or add an option" if accept_new else "Choose an option"
        else:
            placeholder = "Add an option" if accept_new else "No options to select"
    disabled = bool(disabled) or (not opts and not accept_new)
    pick = _one_of(opts, allow_none=index is None or not opts)

    def decode(wire: Any) -> Any:
        if wire is None and required:
            raise InvalidWidgetValue("a required choice cannot be cleared")
        if isinstance(wire, str):
            if not accept_new:
                raise InvalidWidgetValue("this selectbox does not accept new options")
            text = new_option_from_browser(wire)
            found = match_label(text, labels)
            return opts[found] if found is not None else text
        return pick(wire)

    def encode(value: Any) -> int | str | None:
        if value is None:
            return None
        try:
            return index_of(opts, value, labels, format_func)
        except ValueError:
            if accept_new and isinstance(value, str) and value.strip():
                return value
            raise

    props = _props("selectbox", label, help, disabled, label_visibility, width, False)
    props.update(
        options=labels,
        placeholder=placeholder,
        accept_new_options=accept_new,
        clearable=index is None and not check_bool("required", required),
        filter_mode=check_filter_mode(filter_mode, accept_new),
    )
    shown_icon = check_icon(icon)
    if shown_icon is not None:
        props["icon"] = shown_icon
    value = widget(
        "selectbox",
        props,
        key=key,
        identity=identity,
        default=opts[index] if index is not None and opts else None,
        decode=decode,
        encode=encode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        bind=bind,
        persist_state=persist_state,
    )
    return _canonical(opts, value, encode)


def _too_many(count: int, limit: int) -> RilletAPIException:
    return RilletAPIException(
        f"Multiselect has {count} {'option' if count == 1 else 'options'} selected but "
        f"`max_selections` is set to {limit}. This happened because you either gave too many "
        "options to `default` or you manipulated the widget's state through "
        "`st.session_state`. Note that the latter can happen before the line indicated in "
        f"the traceback. Please select at most {limit} {'option' if limit == 1 else 'options'}."
    )


FILTER_MODES = ("fuzzy", "contains", "prefix", None)


def check_filter_mode(filter_mode: object, accept_new_options: bool) -> str | None:
    """``filter_mode`` of a selectbox or multiselect, checked with Streamlit's errors."""
    if not (filter_mode is None or (isinstance(filter_mode, str) and filter_mode in FILTER_MODES)):
        raise value_error("filter_mode", ["fuzzy", "contains", "prefix", "None"])
    if filter_mode is None and accept_new_options:
        raise incompatible_error(
            "filter_mode=None",
            "accept_new_options=True",
            explanation="`filter_mode` cannot be `None` when `accept_new_options=True`. Set "
            "`filter_mode` to `fuzzy`, `contains`, or `prefix`.",
        )
    return filter_mode


def check_select_all(select_all: object) -> bool | int:
    """``select_all``: True (always offer "Select all"), False (never), or the most
    selectable options for which it is offered."""
    if isinstance(select_all, bool):
        return select_all
    if isinstance(select_all, int):
        if select_all < 0:
            raise value_error(
                "select_all",
                ["True", "False", "a non-negative integer"],
                "When using an int, `select_all` must be a non-negative integer.",
            )
        return select_all
    raise type_error("select_all", select_all, ["bool", "int"])


@command
def multiselect(
    label: str,
    options: Any,
    default: Any = None,
    format_func: Callable[[Any], Any] = str,
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    max_selections: int | None = None,
    placeholder: str | None = None,
    disabled: bool = False,
    label_visibility: str = "visible",
    accept_new_options: bool = False,
    filter_mode: str | None = "fuzzy",
    select_all: bool | int = 1000,
    width: str | int = "stretch",
    wrap: bool | None = None,
    bind: str | None = None,
    persist_state: str | None = None,
) -> list[Any]:
    """Show a list box that holds several choices; returns the chosen options, in the order
    they were chosen.

    Each choice shows as a removable chip, so the user sees at a glance what is chosen.

    Parameters:
        label: What the choice is about.
        options: The options: a list, tuple, set, dict (its keys), Enum, pandas Series or
            Index, numpy array, or a dataframe (its first column).
        default: The options chosen at first: a list of options, or a single one.
        format_func: Turns an option into the text shown for it (default ``str``); the
            returned values are still the options themselves.
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: Called (with ``args``/``kwargs``) when the user adds or removes a choice.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        max_selections: The most choices allowed at once (None or 0: no limit).
        placeholder: Shown while nothing is chosen; None picks a text that fits ("Choose
            options", "Choose or add options", "Add options", "No options to select").
        disabled: Show it but refuse changes.
        label_visibility: "visible", "hidden" or "collapsed".
        accept_new_options: Let the user type options that are not in ``options``; they are
            returned as strings. Typed text that matches an option's label (ignoring case)
            picks that option.
        filter_mode: How typing filters the options: "fuzzy" (default: the typed letters in
            order, best matches first), "contains", "prefix" (ignoring case), or None (no
            typing, nothing filtered; not with ``accept_new_options``).
        select_all: When the list offers "Select all" (or "Select N matches" while
            filtering): at most this many selectable options (default 1000), True always,
            False never; never for fewer than two.
        width: "stretch" or a number of pixels.
        wrap: None (default) lets the layout decide: the chips stay on one row, scrolling
            sideways, in a horizontal row or straight in a column, else wrap onto more rows;
            True or False forces it.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).
    """
    look = wrap_prop(wrap)
    if max_selections is not None and (
        isinstance(max_selections, bool) or not isinstance(max_selections, int)
    ):
        raise RilletAPIException(
            f"max_selections must be an integer, not {type(max_selections).__name__}."
        )
    limit = max_selections if max_selections and max_selections > 0 else None
    opts, labels = _choices(options, format_func)
    accept_new = bool(accept_new_options)
    chosen = _defaults(opts, default, labels, format_func, accept_new)
    if limit is not None and len(chosen) > limit:
        raise _too_many(len(chosen), limit)
    held, current = _held_by_key(key)
    if limit is not None and held and isinstance(current, list | tuple) and len(current) > limit:
        raise _too_many(len(current), limit)
    if placeholder is None:
        if opts:
            placeholder = "Choose or add options" if accept_new else "Choose options"
        else:
            placeholder = "Add options" if accept_new else "No options to select"

    def decode(wire: Any) -> list[Any]:
        if not isinstance(wire, list):
            raise InvalidWidgetValue(f"expected a list of choices, got {wire!r}")
        if limit is not None and len(wire) > limit:
            raise InvalidWidgetValue(f"{len(wire)} choices exceed max_selections={limit}")
        picked: list[Any] = []
        seen: set[object] = set()
        for item in wire:
            if isinstance(item, str) and accept_new:
                text = new_option_from_browser(item)
                found = match_label(text, labels)
                mark: object = found if found is not None else ("new", text)
                picked.append(opts[found] if found is not None else text)
            else:
                found = index_from_browser(item, len(opts))
                mark = found
                picked.append(opts[found])
            if mark in seen:
                raise InvalidWidgetValue(f"{item!r} is chosen twice")
            seen.add(mark)
        return picked

    def encode(values: Any) -> list[int | str]:
        wire: list[int | str] = []
        for value in option_list(values):
            try:
                wire.append(index_of(opts, value, labels, format_func))
            except ValueError:
                if accept_new and isinstance(value, str) and value.strip():
                    wire.append(value)
                else:
                    raise
        return wire

    props = {**_props("multiselect", label, help, disabled, label_visibility, width, False), **look}
    props.update(
        options=labels,
        placeholder=placeholder,
        max_selections=limit,
        accept_new_options=accept_new,
        filter_mode=check_filter_mode(filter_mode, accept_new),
        select_all=check_select_all(select_all),
    )
    value = widget(
        "multiselect",
        props,
        key=key,
        identity=(label, tuple(labels), tuple(encode(chosen)), help, limit, placeholder),
        default=chosen,
        decode=decode,
        encode=encode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        bind=bind,
        persist_state=persist_state,
    )
    return list(_canonical(opts, list(value), encode))


@command
def select_slider(
    label: str,
    options: Any = (),
    value: Any = None,
    format_func: Callable[[Any], Any] = str,
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
    """Show a slider over a list of options; a two-item ``value`` makes it a range.

    Suits ordered options that are not numbers: sizes, grades, months.

    Parameters:
        label: What the slider controls.
        options: The options, in order: a list, tuple, dict (its keys), Enum, pandas Series
            or Index, numpy array, or a dataframe (its first column). Must not be empty.
        value: The option chosen at first (default the first), or a (low, high) pair of
            options for a range.
        format_func: Turns an option into the text shown for it (default ``str``); the
            return value is still the option itself.
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

    Returns the chosen option, or a (low, high) tuple for a range.
    """
    opts, labels = _choices(options, format_func)
    if not opts:
        raise RilletAPIException("The `options` argument needs to be non-empty")
    is_range = isinstance(value, list | tuple)
    if is_range and len(value) != 2:
        raise RilletAPIException(
            "Select slider value should either be a single option or a pair of options."
        )

    def locate(option: Any) -> int:
        try:
            return index_of(opts, option, labels, format_func)
        except ValueError as exc:
            raise RilletAPIException(str(exc)) from None

    if is_range:
        start = sorted(locate(v) for v in value)
    else:
        start = [0 if value is None else locate(value)]

    def decode(wire: Any) -> Any:
        if not is_range:
            return opts[index_from_browser(wire, len(opts))]
        if not isinstance(wire, list) or len(wire) != 2:
            raise InvalidWidgetValue(f"expected a [low, high] pair, got {wire!r}")
        low, high = (index_from_browser(w, len(opts)) for w in wire)
        if low > high:
            raise InvalidWidgetValue(f"range {wire!r} is reversed")
        return (opts[low], opts[high])

    def encode(chosen: Any) -> int | list[int]:
        if not is_range:
            return index_of(opts, chosen, labels, format_func)
        if not isinstance(chosen, list | tuple) or len(chosen) != 2:
            raise ValueError(f"expected a (low, high) pair, got {chosen!r}")
        return sorted(index_of(opts, v, labels, format_func) for v in chosen)

    props = _props("select_slider", label, help, disabled, label_visibility, width, False)
    props.update(options=labels)
    result = widget(
        "select_slider",
        props,
        key=key,
        identity=(label, tuple(labels), tuple(start), help),
        default=(opts[start[0]], opts[start[1]]) if is_range else opts[start[0]],
        decode=decode,
        encode=encode,
        on_change=on_change,
        args=args,
        kwargs=kwargs,
        disabled=disabled,
        bind=bind,
        persist_state=persist_state,
    )
    if is_range:
        return tuple(_canonical(opts, list(result), encode))
    return _canonical(opts, result, encode)


@command
def color_picker(
    label: str,
    value: str | None = None,
    key: str | int | None = None,
    help: str | None = None,
    on_change: Callback = "rerun",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    *,
    disabled: bool = False,
    label_visibility: str = "visible",
    width: str | int = "content",
    bind: str | None = None,
    persist_state: str | None = None,
) -> str:
    """Show a colour swatch that opens the system colour picker; returns the colour as a hex
    string such as "#ff4b4b".

    Parameters:
        label: What the colour is for.
        value: The colour at first, "#rgb" or "#rrggbb" (default black, "#000000").
        key: A unique key; also names the widget in ``session_state``.
        help: A tooltip.
        on_change: Called (with ``args``/``kwargs``) when the user picks another colour.
        args: Positional arguments for ``on_change``.
        kwargs: Keyword arguments for ``on_change``.
        disabled: Show it but refuse changes.
        label_visibility: "visible", "hidden" or "collapsed".
        width: "content", "stretch" or a number of pixels.
        bind: "query-params" keeps the value in the page address under the widget's key
            (which it needs), and a shared address sets it (docs/session-state.md).
        persist_state: "page" (while the session stays on this page) or "session" keeps
            the value under the key while a run does not draw the widget (needs ``key``).
    """
    identity = (label, str(value), help)
    if value is None:
        value = "#000000"
    if not isinstance(value, str):
        raise RilletAPIException(
            f"Color Picker Value has invalid type: {type(value).__name__}. Expects a hex "
            "string like '#00FFAA' or '#000'."
        )
    if not _HEX_COLOR.match(value):
        raise RilletAPIException(
            f"'{value}' is not a valid hex code for colors. Valid ones are like '#00FFAA' or "
            "'#000'."
        )

    def decode(wire: Any) -> str:
        if not isinstance(wire, str) or not _HEX_COLOR.match(wire):
            raise InvalidWidgetValue(f"expected a hex colour such as '#00ffaa', got {wire!r}")
        return wire

    return str(
        widget(
            "color_picker",
            _props("color_picker", label, help, disabled, label_visibility, width),
            key=key,
            identity=identity,
            default=value,
            decode=decode,
            on_change=on_change,
            args=args,
            kwargs=kwargs,
            disabled=disabled,
            bind=bind,
            persist_state=persist_state,
        )
    )
