"""Layout: containers, columns, tabs, expanders, popovers, the sidebar, the bottom, space.

Every layout command writes a block (or, for ``empty`` and ``space``, a leaf) and hands back
containers to write into. By default what the user does with them in the browser — the tab
shown, an expander or popover opened — is browser state, as in Streamlit: a rerun updates the
blocks in place and leaves it alone. With ``on_change="rerun"`` or a callback (Streamlit 1.67)
tabs, expanders and popovers are widgets too: the page sends the selected tab's label or the
open state, the script reads it from ``.open`` and ``session_state[key]`` and may set it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rillet.elements.base import (
    SIDEBAR,
    Container,
    block_widget,
    command,
    decode_bool,
    emit,
    emit_block,
    target,
)
from rillet.elements.validate import (
    check_gap,
    check_height,
    check_icon,
    check_width,
    incompatible_error,
    missing_error,
    not_supported,
    type_error,
    value_error,
)
from rillet.protocol.messages import Root
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue

_HORIZONTAL_ALIGNMENTS = ("left", "center", "right", "distribute")
_VERTICAL_ALIGNMENTS = ("top", "center", "bottom", "distribute")
_EXPANDER_TYPES = ("default", "compact", "step")
_BUTTON_TYPES = ("primary", "secondary", "tertiary")
_SPACE_SIZES = ("stretch", "xxsmall", "xsmall", "small", "medium", "large", "xlarge", "xxlarge")

OnChange = str | Callable[..., Any] | None


def _quoted(values: Sequence[str]) -> list[str]:
    return [f"'{v}'" for v in values]


def _check_wrap(wrap: object) -> bool:
    if not isinstance(wrap, bool):
        raise value_error("wrap", ["True", "False"])
    return wrap


def _key(key: object) -> str | None:
    return None if key is None else str(key)


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


def _check_bind(command_name: str, bind: str | None) -> None:
    """Binding the state to a URL query parameter is not built yet."""
    if bind is None:
        return
    if bind != "query-params":
        raise value_error("bind", ["'query-params'", "None"])
    raise not_supported(command_name, "bind", bind)


def _decode_label(labels: list[str]) -> Callable[[Any], str]:
    def decode(wire: Any) -> str:
        if not isinstance(wire, str) or wire not in labels:
            raise InvalidWidgetValue(f"{wire!r} is not one of the tabs")
        return wire

    return decode


def _gap_prop(gap: str | int | None) -> str | int | None:
    """The gap as the browser gets it: left out when it is the default."""
    if gap is None:
        return "none"
    return None if gap == "small" else gap


@command
def container(
    *,
    border: bool | None = None,
    key: str | int | None = None,
    width: str | int = "stretch",
    height: str | int = "content",
    horizontal: bool = False,
    wrap: bool = True,
    horizontal_alignment: str = "left",
    vertical_alignment: str = "top",
    gap: str | int | None = "small",
    autoscroll: bool | None = None,
) -> Container:
    """Insert a container that holds several elements, in the order they are written.

    Writing into it later puts elements at its place on the page, so a script can fill a
    summary at the top after computing what is below it.

    Parameters:
        border: Draw a border around it. None (default) draws one only with a fixed height.
        key: A name for the container: the browser gives it the CSS class ``st-key-<key>``.
        width: "stretch" (default, the parent's width), "content", or pixels.
        height: "content" (default), "stretch" (at least the parent's height), or pixels: the
            content then scrolls inside it.
        horizontal: Lay the elements out side by side instead of one below the other.
        wrap: With ``horizontal``, let elements wrap onto more rows (default); False keeps one
            row that scrolls sideways.
        horizontal_alignment: "left" (default), "center", "right" or "distribute".
        vertical_alignment: "top" (default), "center", "bottom" or "distribute".
        gap: The space between elements: "xxsmall" to "xxlarge" ("small", the default, is the
            page's usual spacing), pixels, or None.
        autoscroll: With a fixed height, keep the view at the bottom as content arrives. None
            (default) does so when the container holds chat messages.
    """
    check_width(width, allow_content=True)
    check_height(height, allow_content=True)
    if horizontal_alignment not in _HORIZONTAL_ALIGNMENTS:
        raise value_error(
            "horizontal_alignment",
            _quoted(_HORIZONTAL_ALIGNMENTS),
            f"Got {horizontal_alignment!r}.",
        )
    if vertical_alignment not in _VERTICAL_ALIGNMENTS:
        raise value_error(
            "vertical_alignment", _quoted(_VERTICAL_ALIGNMENTS), f"Got {vertical_alignment!r}."
        )
    if _check_wrap(wrap) is False and not horizontal:
        raise incompatible_error(
            "wrap=False",
            "horizontal=False",
            explanation="A vertical container has no horizontal row of elements to keep in a "
            "single, scrolling row. Set `horizontal=True` to use `wrap=False`, or remove the "
            "`wrap` argument.",
        )
    gap = check_gap(gap)
    props: dict[str, Any] = {
        "type": "vertical",
        "border": bool(border) if border is not None else isinstance(height, int),
        "height": None if height == "content" else height,
    }
    # Defaults are left out: most containers are plain, and every byte goes out on each run.
    optional = {
        "key": _key(key),
        "width": None if width == "stretch" else width,
        "horizontal": True if horizontal else None,
        "wrap": False if horizontal and not wrap else None,
        "horizontal_alignment": None if horizontal_alignment == "left" else horizontal_alignment,
        "vertical_alignment": None if vertical_alignment == "top" else vertical_alignment,
        "gap": _gap_prop(gap),
        "autoscroll": autoscroll,
    }
    props.update({k: v for k, v in optional.items() if v is not None})
    return emit_block(props)


@command
def columns(
    spec: int | Sequence[float],
    *,
    gap: str | int | None = "small",
    vertical_alignment: str = "top",
    border: bool = False,
    width: str | int = "stretch",
    wrap: bool = True,
) -> list[Container]:
    """Insert side-by-side columns; returns one container per column.

    Parameters:
        spec: The number of equal columns, or a list of relative widths such as [2, 1].
        gap: The space between columns: "xxsmall" to "xxlarge" (default "small"), pixels, or
            None.
        vertical_alignment: "top" (default), "center" or "bottom": where shorter columns'
            content sits.
        border: Draw a border around each column.
        width: "stretch" (default, the parent's width) or pixels for the row of columns.
        wrap: Let the columns stack on narrow screens (default); False keeps them in one row
            that scrolls sideways when it must.
    """
    if isinstance(spec, int) and not isinstance(spec, bool):
        weights: list[float] = [1] * spec
    elif isinstance(spec, Sequence) and not isinstance(spec, str):
        weights = list(spec)
        if not all(isinstance(w, int | float) and not isinstance(w, bool) for w in weights):
            raise type_error("spec", spec, ["int", "sequence of numbers"])
    else:
        raise type_error("spec", spec, ["int", "sequence of numbers"])
    if not weights or any(w <= 0 for w in weights):
        raise RilletAPIException(
            "The `spec` argument to `st.columns` must be either a positive integer (number of "
            "columns) or a list of positive numbers (width ratios of the columns). See "
            "[documentation](https://docs.streamlit.io/develop/api-reference/layout/st.columns) "
            "for more information."
        )
    _check_wrap(wrap)
    if vertical_alignment not in ("top", "center", "bottom"):
        raise value_error(
            "vertical_alignment",
            _quoted(("top", "center", "bottom")),
            f"Got {vertical_alignment!r}.",
        )
    gap = check_gap(gap)
    check_width(width)
    props: dict[str, Any] = {
        "type": "horizontal",
        "gap": "none" if gap is None else gap,
        "vertical_alignment": vertical_alignment,
    }
    if width != "stretch":
        props["width"] = width
    if not wrap:
        props["wrap"] = False
    row = emit_block(props)
    total = sum(weights)
    return [
        row._write_block({"type": "column", "weight": w / total, "border": border}) for w in weights
    ]


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
        bind: Only None (default): binding the tab to a URL query parameter raises
            `NotImplementedError`.
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
    _check_bind("tabs", bind)
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
        props["key"] = _key(key)
    if not tracked:
        group = emit_block(props)
        return tuple(
            TabContainer(group._write_block({"type": "tab", "label": label}), None)
            for label in labels
        )
    group, selected = block_widget(
        "tabs",
        props,
        key=key,
        identity=(tuple(labels), width, height, default),
        default=default or labels[0],
        decode=_decode_label(labels),
        callback=on_change if callable(on_change) else None,
        args=args,
        kwargs=kwargs,
    )
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
        bind: Only None (default): binding to a URL query parameter raises
            `NotImplementedError`.
    """
    if label is None:
        raise missing_error("label")
    tracked = _tracking(on_change)
    if type not in _EXPANDER_TYPES:
        raise value_error("type", [repr(t) for t in _EXPANDER_TYPES])
    _check_bind("expander", bind)
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
        "key": _key(key),
    }
    props.update({k: v for k, v in optional.items() if v is not None})
    if not tracked:
        return ExpanderContainer(emit_block(props), None)
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
        raise value_error("type", _quoted(_BUTTON_TYPES))
    tracked = _tracking(on_change)
    if wrap is not None:
        _check_wrap(wrap)
    check_width(width, allow_content=True)
    props: dict[str, Any] = {
        "type": "popover",
        "label": str(label),
        "variant": type,
        "disabled": bool(disabled),
        "width": width,
    }
    optional = {"help": help, "icon": check_icon(icon), "wrap": wrap, "key": _key(key)}
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


@command
def empty() -> Container:
    """Insert a single-element slot: each command called on it replaces what it shows."""
    return emit("empty", {})


@command
def space(size: str | int = "small") -> Container:
    """Add space in the direction of the container: vertical in a column, horizontal in a row.

    Parameters:
        size: "small" (default, the height of a widget label), "medium" (a button), "large"
            (a labelled input), "xxsmall", "xsmall", "xlarge", "xxlarge", "stretch" (all the
            room left in the container), or pixels.
    """
    pixels = isinstance(size, int) and not isinstance(size, bool) and size > 0
    if not pixels and size not in _SPACE_SIZES:
        raise value_error("size", [*_quoted(_SPACE_SIZES), "a positive integer"], f"Got {size!r}.")
    return emit("space", {"size": size})


class BottomContainer(Container):
    """The area pinned to the bottom of the page, usable from the main area only.

    Streamlit refuses it inside the sidebar, a dialog or the event area, where "the bottom
    of the page" means nothing; so does rillet, with Streamlit's words.
    """

    __slots__ = ()

    def _check_context(self) -> None:
        ctx = context.current()
        where = target()
        if ctx is None or where.path is None:
            return
        root = where.path[0]
        if root == Root.SIDEBAR:
            place = "inside `st.sidebar`"
        elif root == Root.EVENT:
            tree = ctx.writer.tree
            blocks = (tree.node(where.path[:i]) for i in range(2, len(where.path) + 1))
            in_dialog = any(
                b is not None and b.children is not None and b.element.props.get("type") == "dialog"
                for b in blocks
            )
            place = "inside a dialog" if in_dialog else "inside event containers"
        else:
            return
        raise RilletAPIException(
            f"`st.bottom` cannot be used {place}. "
            "The bottom container is only available in the main app area."
        )

    def __enter__(self) -> Container:
        self._check_context()
        return super().__enter__()

    def __getattr__(self, name: str) -> Callable[..., Any]:
        self._check_context()
        return super().__getattr__(name)


sidebar = SIDEBAR
"""The sidebar: write into it with ``st.sidebar.x(...)`` or ``with st.sidebar:``."""

bottom = BottomContainer((int(Root.BOTTOM),))
"""The area pinned to the bottom of the page: ``st.bottom.x(...)`` or ``with st.bottom:``."""
