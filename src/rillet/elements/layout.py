"""Layout: containers, columns, the sidebar, and ``empty`` slots."""

from __future__ import annotations

from collections.abc import Sequence

from rillet.elements.base import SIDEBAR, Container, command, emit, emit_block
from rillet.runtime.errors import RilletAPIException

_GAPS = ("small", "medium", "large")


@command
def container(
    *, height: int | None = None, border: bool | None = None, key: str | None = None
) -> Container:
    """Insert an invisible container that holds several elements, in order.

    Parameters:
        height: A fixed height in pixels; the content scrolls inside it.
        border: Draw a border (default: only when a height is set).
        key: An optional key (accepted for Streamlit compatibility).
    """
    show_border = bool(border) if border is not None else height is not None
    return emit_block({"type": "vertical", "border": show_border, "height": height})


@command
def columns(
    spec: int | Sequence[float],
    *,
    gap: str | None = "small",
    vertical_alignment: str = "top",
    border: bool = False,
) -> list[Container]:
    """Insert side-by-side columns; returns one container per column.

    Parameters:
        spec: The number of equal columns, or a list of relative widths such as [2, 1].
        gap: "small", "medium", "large" or None between columns.
        vertical_alignment: "top", "center" or "bottom".
        border: Draw a border around each column.
    """
    if isinstance(spec, int) and not isinstance(spec, bool):
        if spec < 1:
            raise RilletAPIException("You have to create at least one column!")
        weights: list[float] = [1] * spec
    elif isinstance(spec, Sequence) and spec:
        weights = list(spec)
        if not all(
            isinstance(w, int | float) and not isinstance(w, bool) and w > 0 for w in weights
        ):
            raise RilletAPIException("Column widths must be positive numbers.")
    else:
        raise RilletAPIException(
            "The input argument to st.columns must be either a positive integer or a list of "
            "positive numeric weights. See documentation for more information."
        )
    if gap is not None and gap not in _GAPS:
        raise RilletAPIException(
            f'The gap argument to st.columns must be "small", "medium", or "large". \n'
            f"The argument passed was {gap}."
        )
    if vertical_alignment not in ("top", "center", "bottom"):
        raise RilletAPIException(
            'The vertical_alignment argument to st.columns must be "top", "center", or '
            f'"bottom". \nThe argument passed was {vertical_alignment}.'
        )
    row = emit_block({"type": "horizontal", "gap": gap, "vertical_alignment": vertical_alignment})
    total = sum(weights)
    return [
        row._write_block({"type": "column", "weight": w / total, "border": border}) for w in weights
    ]


@command
def empty() -> Container:
    """Insert a single-element slot: each command called on it replaces what it shows."""
    return emit("empty", {})


sidebar = SIDEBAR
