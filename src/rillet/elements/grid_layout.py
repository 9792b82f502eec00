"""``st.grid``: a responsive grid whose direct children are its cells.

The grid is a block like ``container``; each element written into it takes the next cell, in
source order, and the browser reflows the cells with the width (a CSS grid: as many columns
as fit ``min_column_width``, at most ``columns``). ``grid.cell()`` writes a cell block that
groups several elements and may span columns (``"all"`` for a full row) or rows. Checks and
error texts follow Streamlit 1.67.
"""

from __future__ import annotations

from typing import Any, Literal

from rillet.elements.base import Container, command, emit_block
from rillet.elements.validate import (
    check_bool,
    check_gap,
    check_height,
    check_width,
    incompatible_error,
    range_error,
    type_error,
    value_error,
)

MAX_COLUMNS = 24
_ALIGNMENTS = ("top", "center", "bottom")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _auto_or_positive(parameter: str, value: object, word: str) -> Literal["auto"] | int | str:
    """``word`` ("auto", "content") or a positive integer, with Streamlit's errors."""
    if value == word and isinstance(value, str):
        return word
    if isinstance(value, str):
        raise value_error(parameter, [f'"{word}"', "a positive integer"], f"Got {value!r}.")
    if not _is_int(value):
        raise type_error(parameter, value, ["int", f'"{word}"'])
    if value < 1:  # type: ignore[operator]
        raise value_error(parameter, [f'"{word}"', "a positive integer"], f"Got {value!r}.")
    return value  # type: ignore[return-value]


def _gap_pair(gap: object) -> tuple[str | int | None, str | int | None]:
    if isinstance(gap, tuple | list):
        if len(gap) != 2:
            raise value_error(
                "gap",
                ["a gap size", "a 2-tuple or 2-list of (row_gap, column_gap)"],
                f"Got a sequence with {len(gap)} elements.",
            )
        return check_gap(gap[0]), check_gap(gap[1])
    one = check_gap(gap)
    return one, one


def _gap_prop(gap: str | int | None) -> str | int:
    return "none" if gap is None else gap


class GridContainer(Container):
    """The container ``grid`` returns: write into it (each element a cell) or group elements
    into one cell with ``cell()``."""

    __slots__ = ("_columns",)

    def __init__(self, written: Container, columns: Literal["auto"] | int) -> None:
        super().__init__(written.path, written.slot, written.form_id)
        self._columns = columns

    def __enter__(self) -> GridContainer:
        super().__enter__()
        return self

    def cell(self, *, column_span: int | Literal["all"] = 1, row_span: int = 1) -> Container:
        """Add the next cell: a container for several elements, spanning tracks if asked.

        Parameters:
            column_span: How many columns it covers (default 1; it shrinks when the grid
                wraps to fewer), or "all" for a row of its own. Not more than ``columns``
                when that is a number.
            row_span: How many rows it covers (default 1).
        """
        if isinstance(column_span, str) and column_span == "all":
            span: int | str = "all"
        elif isinstance(column_span, str):
            raise value_error(
                "column_span", ['"all"', "a positive integer"], f"Got {column_span!r}."
            )
        elif not _is_int(column_span):
            raise type_error("column_span", column_span, ["int", '"all"'])
        elif column_span < 1:
            raise value_error(
                "column_span", ['"all"', "a positive integer"], f"Got {column_span!r}."
            )
        elif self._columns != "auto" and column_span > self._columns:
            raise range_error("column_span", column_span, 1, self._columns)
        else:
            span = column_span
        if not _is_int(row_span):
            raise type_error("row_span", row_span, ["int"])
        if row_span < 1:
            raise value_error("row_span", ["a positive integer"], f"Got {row_span!r}.")
        props: dict[str, Any] = {"type": "grid_cell"}
        if span != 1:
            props["column_span"] = span
        if row_span != 1:
            props["row_span"] = row_span
        written = self._write_block(props)
        return Container(written.path, written.slot, written.form_id)


@command
def grid(
    columns: Literal["auto"] | int = "auto",
    *,
    min_column_width: Literal["auto"] | int = "auto",
    wrap: bool = True,
    gap: str | int | tuple[Any, Any] | list[Any] | None = "small",
    vertical_alignment: str = "top",
    border: bool = False,
    row_height: Literal["content"] | int = "content",
    width: str | int = "stretch",
    height: str | int = "content",
    key: str | int | None = None,
    dense: bool = False,
) -> GridContainer:
    """Insert a responsive grid: each element written into it is a cell, and the cells reflow
    into as many columns as the width allows.

    Use it for cards, metric walls and galleries; ``st.columns`` suits a fixed side-by-side
    split. ``grid.cell()`` groups elements into one cell and can span columns or rows.

    Parameters:
        columns: "auto" (default: as many columns as fit, at most 24) or 1 to 24, the most
            columns shown; with ``wrap`` the grid shows fewer when cells would get narrower
            than ``min_column_width``.
        min_column_width: "auto" (default, about 200 px) or pixels: the narrowest a column
            gets before the grid drops one (with ``wrap``) or scrolls sideways (without).
        wrap: Let the grid use fewer columns on narrow screens (default). False keeps
            ``columns`` columns and scrolls sideways; it needs a number of columns.
        gap: The space between cells: "xxsmall" to "xxlarge" ("small", the default, is
            1rem), pixels, None, or a pair (row gap, column gap).
        vertical_alignment: Where content sits in a taller cell: "top" (default), "center"
            or "bottom".
        border: Draw a border around each cell.
        row_height: "content" (default: each row as tall as its tallest cell) or pixels for
            every row; taller content scrolls inside its cell.
        width: "stretch" (default, the parent's width) or pixels.
        height: "content" (default), "stretch" or pixels: the grid then scrolls inside.
        key: A name for the grid: the browser gives it the CSS class ``st-key-<key>``.
        dense: Let later cells fill holes left by spanning cells (the visual order may then
            differ from the order keyboards and screen readers follow).
    """
    if not isinstance(wrap, bool):
        raise value_error("wrap", ["True", "False"])
    check_bool("border", border)
    check_bool("dense", dense)
    if isinstance(columns, str) and columns == "auto":
        count: Literal["auto"] | int = "auto"
    elif isinstance(columns, str):
        raise value_error("columns", ['"auto"', "an integer from 1 to 24"], f"Got {columns!r}.")
    elif not _is_int(columns):
        raise type_error("columns", columns, ["int", '"auto"'])
    elif not 1 <= columns <= MAX_COLUMNS:
        raise range_error("columns", columns, 1, MAX_COLUMNS)
    else:
        count = columns
    if count == "auto" and wrap is False:
        raise incompatible_error(
            'columns="auto"',
            "wrap=False",
            explanation="`wrap=False` requires an explicit column count. Pass an integer, "
            "such as `st.grid(3, wrap=False)`.",
        )
    min_width = _auto_or_positive("min_column_width", min_column_width, "auto")
    row_gap, column_gap = _gap_pair(gap)
    if vertical_alignment not in _ALIGNMENTS:
        raise value_error(
            "vertical_alignment", [f"'{a}'" for a in _ALIGNMENTS], f"Got {vertical_alignment!r}."
        )
    rows = _auto_or_positive("row_height", row_height, "content")
    check_width(width)
    check_height(height, allow_content=True)
    props: dict[str, Any] = {
        "type": "grid",
        "row_gap": _gap_prop(row_gap),
        "column_gap": _gap_prop(column_gap),
    }
    # Defaults are left out: every byte goes out on each run.
    optional = {
        "columns": None if count == "auto" else count,
        "min_column_width": None if min_width == "auto" else min_width,
        "wrap": None if wrap else False,
        # Named apart from a container's border and alignment: those style the block itself.
        "cell_alignment": None if vertical_alignment == "top" else vertical_alignment,
        "cell_border": True if border else None,
        "row_height": None if rows == "content" else rows,
        "width": None if width == "stretch" else width,
        "height": None if height == "content" else height,
        "key": None if key is None else str(key),
        "dense": True if dense else None,
    }
    props.update({k: v for k, v in optional.items() if v is not None})
    return GridContainer(emit_block(props), count)
