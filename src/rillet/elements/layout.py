"""Layout: containers, columns, the sidebar, the bottom, space; tabs, expanders and popovers
live in `rillet.elements.panels` and are re-exported here.

Every layout command writes a block (or, for ``empty`` and ``space``, a leaf) and hands back
containers to write into.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rillet.elements.base import SIDEBAR, Container, command, emit, emit_block, target
from rillet.elements.panels import (  # noqa: F401  (the layout family's public commands)
    ExpanderContainer,
    PopoverContainer,
    TabContainer,
    expander,
    popover,
    tabs,
)
from rillet.elements.validate import (
    check_gap,
    check_height,
    check_width,
    check_wrap,
    incompatible_error,
    key_prop,
    quoted,
    type_error,
    value_error,
)
from rillet.protocol.messages import Root
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException

_HORIZONTAL_ALIGNMENTS = ("left", "center", "right", "distribute")
_VERTICAL_ALIGNMENTS = ("top", "center", "bottom", "distribute")
_SPACE_SIZES = ("stretch", "xxsmall", "xsmall", "small", "medium", "large", "xlarge", "xxlarge")

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
            quoted(_HORIZONTAL_ALIGNMENTS),
            f"Got {horizontal_alignment!r}.",
        )
    if vertical_alignment not in _VERTICAL_ALIGNMENTS:
        raise value_error(
            "vertical_alignment", quoted(_VERTICAL_ALIGNMENTS), f"Got {vertical_alignment!r}."
        )
    if check_wrap(wrap) is False and not horizontal:
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
        "key": key_prop(key),
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
    check_wrap(wrap)
    if vertical_alignment not in ("top", "center", "bottom"):
        raise value_error(
            "vertical_alignment",
            quoted(("top", "center", "bottom")),
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
        raise value_error("size", [*quoted(_SPACE_SIZES), "a positive integer"], f"Got {size!r}.")
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
