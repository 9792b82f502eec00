"""Tabs, expanders and popovers: containers the user opens, closes or switches.

By default what the user does with them is browser state, as in Streamlit: the tab shown or an
expander or popover opened stays as the user left it across reruns, and every body is computed.
With ``on_change="rerun"`` or a callback (Streamlit 1.67), or ``bind="query-params"`` for tabs and
expanders, they are widgets too: the page sends the selected tab's label or the open state, and
the script reads it from ``.open`` and ``session_state[key]`` and may set it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rillet.elements.base import Container, block_widget, command, decode_bool, emit_block
from rillet.elements.bound import check_bind, seed_from_address, write_to_address
from rillet.elements.validate import (
    check_height,
    check_icon,
    check_width,
    check_wrap,
    key_prop,
    missing_error,
    quoted,
    type_error,
    value_error,
)
from rillet.runtime.state import InvalidWidgetValue

_EXPANDER_TYPES = ("default", "compact", "step")
_BUTTON_TYPES = ("primary", "secondary", "tertiary")

OnChange = str | Callable[..., Any] | None


class _PanelContainer(Container):
    """A container the user opens and closes; ``open`` is its state when the script tracks
    it (``on_change`` "rerun" or a callback), else None."""

    __slots__ = ("open",)

    def __init__(self, written: Container, open: bool | None) -> None:
        super().__init__(written.path, written.slot, written.form_id)
        self.open = open


class TabContainer(_PanelContainer):
    """One tab of ``st.tabs``: ``open`` says whether it is the selected tab."""

    __slots__ = ()


class ExpanderContainer(_PanelContainer):
    """``st.expander``'s container: ``open`` says whether it is expanded."""

    __slots__ = ()


class PopoverContainer(_PanelContainer):
    """``st.popover``'s container: ``open`` says whether its panel is open."""

    __slots__ = ()


def _tracking(on_change: OnChange) -> bool:
    """Whether the block is a widget: "rerun" or a callback track its state, "ignore" (the
    default) leaves it to the browser. None is refused, as Streamlit refuses it here."""
    if callable(on_change):
        return True
    if isinstance(on_change, str) and on_change in ("rerun", "ignore"):
        return on_change == "rerun"
    raise value_error("on_change", ["'rerun'", "'ignore'", "a callback function"])


def _parse_open(text: str) -> bool | None:
    """An expander's state as the address holds it: "true" or "false", in any case."""
    return {"true": True, "false": False}.get(text.lower())


def _decode_label(labels: list[str]) -> Callable[[Any], str]:
    def decode(wire: Any) -> str:
        if not isinstance(wire, str) or wire not in labels:
            raise InvalidWidgetValue(f"{wire!r} is not one of the tabs")
        return wire

    return decode


@command
def tabs(
    tabs: Sequence[str],
    *,
    width: str | int = "stretch",
    height: str | int = "content",
    default: str | None = None,
    key: str | int | None = None,
    on_change: OnChange = "ignore",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    bind: str | None = None,
) -> tuple[TabContainer, ...]:
    """Insert tabs: a row of tab buttons and one container per tab, one shown at a time.

    Every tab's content is computed and sent. With the default ``on_change="ignore"`` which
    tab shows is the browser's business, so switching tabs does not rerun; with "rerun" or a
    callback the selected tab is script state: switching reruns, each tab's ``.open`` says
    whether it is selected (so hidden tabs can skip expensive work) and
    ``session_state[key]`` holds the selected label.

    Parameters:
        tabs: The tab labels, shown as text. The first tab is selected unless ``default``
            says otherwise.
        width: "stretch" (default) or pixels.
        height: "content" (default), "stretch", or pixels: the shown tab's content then
            scrolls inside it.
        default: The label of the tab selected at first (the first tab with that label).
        key: A name for the tab group: the browser gives it the CSS class ``st-key-<key>``;
            when the tabs track state, ``session_state[key]`` is the selected tab's label,
            and setting it before the tabs are created selects that tab.
        on_change: "ignore" (default): the browser keeps the selection and ``.open`` is
            None; "rerun": switching tabs reruns the app (or the fragment holding them);
            a callable: the same, with the callback run first.
        args: Arguments for an ``on_change`` callback.
        kwargs: Keyword arguments for an ``on_change`` callback.
        bind: None (default), or "query-params": the selected tab's label is kept in the
            page address under the parameter ``key`` (required; labels must then be unique and
            non-empty), left out while the default tab is selected, and a label in the address
            selects its tab. Bound tabs track their state even with ``on_change="ignore"``.
    """
    if isinstance(tabs, str) or not isinstance(tabs, Sequence) or len(tabs) == 0:
        raise missing_error("tabs", "Provide at least one tab label.")
    if default and default not in tabs:
        raise value_error(
            "default", ["a tab label from `tabs`"], f"`{default}` is not in the list of tabs."
        )
    for tab in tabs:
        if not isinstance(tab, str):
            raise type_error("tabs", tab, ["a string for each tab label"])
    tracked = _tracking(on_change)
    bound = check_bind(bind, key)
    if bound and any(not label for label in tabs):
        raise value_error(
            "tabs", ["non-empty labels"], "Tab labels must be non-empty when bind='query-params'."
        )
    if bound and len(set(tabs)) != len(tabs):
        raise value_error(
            "tabs", ["unique labels"], "Tab labels must be unique when bind='query-params'."
        )
    check_width(width)
    check_height(height, allow_content=True)
    labels = list(tabs)
    props: dict[str, Any] = {"type": "tabs", "labels": labels}
    if default:
        props["default"] = labels.index(default)
    if width != "stretch":
        props["width"] = width
    if height != "content":
        props["height"] = height
    if key is not None:
        props["key"] = key_prop(key)
    if not (tracked or bound):
        group = emit_block(props)
        return tuple(
            TabContainer(group._write_block({"type": "tab", "label": label}), None)
            for label in labels
        )
    first = default or labels[0]
    if bound:
        seed_from_address(str(key), lambda text: text if text in labels else None, first)
    group, selected = block_widget(
        "tabs",
        props,
        key=key,
        identity=(tuple(labels), width, height, default),
        default=first,
        decode=_decode_label(labels),
        callback=on_change if callable(on_change) else None,
        args=args,
        kwargs=kwargs,
    )
    if bound:
        write_to_address(str(key), None if selected == first else selected)
    return tuple(
        TabContainer(group._write_block({"type": "tab", "label": label}), label == selected)
        for label in labels
    )


@command
def expander(
    label: str,
    expanded: bool = False,
    *,
    key: str | int | None = None,
    icon: str | None = None,
    type: str = "default",
    width: str | int = "stretch",
    on_change: OnChange = "ignore",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    bind: str | None = None,
) -> ExpanderContainer:
    """Insert a container the user can expand and collapse; collapsed, only its label shows.

    Its content is computed and sent even while collapsed. With the default
    ``on_change="ignore"`` opening it does not rerun the script and a rerun leaves it as the
    user left it; with "rerun" or a callback the open state is script state: opening or
    closing reruns, ``.open`` says whether it is expanded and ``session_state[key]`` holds
    it.

    Parameters:
        label: The header, shown as text.
        expanded: Start expanded (default: collapsed). Untracked, a rerun that changes this
            value opens or closes it; one that repeats it leaves the user's choice alone.
        key: A name for the expander: the browser gives it the CSS class ``st-key-<key>``;
            when it tracks state, ``session_state[key]`` is True while it is expanded, and
            setting it before the expander is created opens or closes it.
        icon: An emoji (or "spinner") shown before the label; ``:material/...:`` icons are
            accepted but not drawn.
        type: "default" (a bordered box), "compact" (a plain inline toggle) or "step" (a
            step of a timeline: consecutive steps are joined by a line).
        width: "stretch" (default) or pixels.
        on_change: "ignore" (default): the browser keeps the state and ``.open`` is None;
            "rerun": opening or closing reruns the app (or the fragment holding it); a
            callable: the same, with the callback run first.
        args: Arguments for an ``on_change`` callback.
        kwargs: Keyword arguments for an ``on_change`` callback.
        bind: None (default), or "query-params": the open state is kept in the page address
            under the parameter ``key`` (required) as "true"/"false", left out while it equals
            ``expanded``, and the address's value opens or closes it. A bound expander tracks
            its state even with ``on_change="ignore"``.
    """
    if label is None:
        raise missing_error("label")
    tracked = _tracking(on_change)
    if type not in _EXPANDER_TYPES:
        raise value_error("type", [repr(t) for t in _EXPANDER_TYPES])
    bound = check_bind(bind, key)
    check_width(width)
    props: dict[str, Any] = {
        "type": "expander",
        "label": str(label),
        "expanded": bool(expanded),
    }
    optional = {
        "icon": check_icon(icon),
        "variant": None if type == "default" else type,
        "width": None if width == "stretch" else width,
        "key": key_prop(key),
    }
    props.update({k: v for k, v in optional.items() if v is not None})
    if not (tracked or bound):
        return ExpanderContainer(emit_block(props), None)
    if bound:
        seed_from_address(str(key), _parse_open, bool(expanded))
    block, is_open = block_widget(
        "expander",
        props,
        key=key,
        identity=(str(label), bool(expanded), icon, width, type),
        default=bool(expanded),
        decode=decode_bool,
        callback=on_change if callable(on_change) else None,
        args=args,
        kwargs=kwargs,
    )
    if bound:
        text = None if is_open == bool(expanded) else str(is_open).lower()
        write_to_address(str(key), text, _parse_open)
    return ExpanderContainer(block, bool(is_open))


@command
def popover(
    label: str,
    *,
    type: str = "secondary",
    help: str | None = None,
    icon: str | None = None,
    disabled: bool = False,
    use_container_width: bool | None = None,
    width: str | int = "content",
    wrap: bool | None = None,
    key: str | int | None = None,
    on_change: OnChange = "ignore",
    args: Sequence[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
) -> PopoverContainer:
    """Insert a button that opens a floating panel holding a container.

    With the default ``on_change="ignore"`` opening and closing it does not rerun the
    script; widgets inside rerun it and the panel stays open. With "rerun" or a callback the
    open state is script state: opening or closing reruns, ``.open`` says whether it is
    open and ``session_state[key]`` holds it. Escape or a click outside closes it.

    Parameters:
        label: The button's label, shown as text.
        type: The button's look: "secondary" (default), "primary" or "tertiary".
        help: A tooltip shown next to the button.
        icon: An emoji (or "spinner") shown before the label.
        disabled: Grey the button out; it cannot be opened.
        use_container_width: Deprecated: True is ``width="stretch"``, False "content".
        width: "content" (default), "stretch" or pixels for the button; the panel is at least
            as wide.
        wrap: Let a long label wrap onto more lines (True), or keep one line and cut it with
            an ellipsis (False). None (default) wraps except in a row or a column.
        key: A name for the popover: the browser gives it the CSS class ``st-key-<key>``;
            when it tracks state, ``session_state[key]`` is True while it is open, and
            setting it before the popover is created opens or closes it.
        on_change: "ignore" (default): the browser keeps the state and ``.open`` is None;
            "rerun": opening or closing reruns the app (or the fragment holding it); a
            callable: the same, with the callback run first.
        args: Arguments for an ``on_change`` callback.
        kwargs: Keyword arguments for an ``on_change`` callback.
    """
    if label is None:
        raise missing_error("label")
    if use_container_width is not None:
        width = "stretch" if use_container_width else "content"
    if type not in _BUTTON_TYPES:
        raise value_error("type", quoted(_BUTTON_TYPES))
    tracked = _tracking(on_change)
    if wrap is not None:
        check_wrap(wrap)
    check_width(width, allow_content=True)
    props: dict[str, Any] = {
        "type": "popover",
        "label": str(label),
        "variant": type,
        "disabled": bool(disabled),
        "width": width,
    }
    optional = {"help": help, "icon": check_icon(icon), "wrap": wrap, "key": key_prop(key)}
    props.update({k: v for k, v in optional.items() if v is not None})
    if not tracked:
        return PopoverContainer(emit_block(props), None)
    block, is_open = block_widget(
        "popover",
        props,
        key=key,
        identity=(str(label), type, help, icon, bool(disabled), width),
        default=False,
        decode=decode_bool,
        callback=on_change if callable(on_change) else None,
        args=args,
        kwargs=kwargs,
        disabled=bool(disabled),
    )
    return PopoverContainer(block, bool(is_open))
