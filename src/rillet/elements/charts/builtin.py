"""The built-in charts: ``line_chart``, ``area_chart``, ``bar_chart`` and ``scatter_chart``.

Each builds Streamlit's Vega-Lite spec for the data (`builtinspec`) and sends it as a Vega-Lite
chart element, the data as its rows. Same data, same element; rows appended to the data
append rows to the element, so a growing chart redrawn each second sends one row a second.
Data above `MAX_POINTS` points is downsampled, keeping every n-th row in order, and the chart
says so under it.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rillet.elements.base import Container, command
from rillet.elements.charts import addrows
from rillet.elements.charts.builtinspec import (
    AREA,
    BAR,
    HBAR,
    LINE,
    SCATTER,
    Shape,
    build,
    check_stack,
)
from rillet.elements.charts.vega import emit_vega, normalize_alt, resolve_width
from rillet.elements.charts.vegadata import Column, Table, to_table
from rillet.elements.charts.vegaspec import Dataset, Prepared
from rillet.elements.validate import check_height, check_width
from rillet.protocol.messages import Element

__all__ = ["MAX_POINTS", "area_chart", "bar_chart", "line_chart", "scatter_chart"]

_LOG = logging.getLogger(__name__)

# The most points (long-format rows) a built-in chart sends; more are downsampled.
MAX_POINTS = 50_000


def _stride(rows: list[Any], group: int, limit: int) -> tuple[list[Any], int]:
    """Every n-th data row (a data row is ``group`` long rows), n the smallest that fits
    ``limit``; returns the rows and n."""
    if len(rows) <= limit:
        return rows, 1
    groups = len(rows) // group
    step = math.ceil(groups * group / limit)
    kept = [r for g in range(0, groups, step) for r in rows[g * group : (g + 1) * group]]
    return kept, step


def _notice(shown: int, total: int, step: int) -> str:
    return (
        f"Showing {shown:,} of {total:,} points (one data row in {step}): rillet draws at "
        f"most {MAX_POINTS:,} points in a built-in chart."
    )


@dataclass
class _Growth:
    """``add_rows`` on a built-in chart: new data shaped as the chart's own was."""

    shape: Shape
    next_index: int
    positional: bool
    total: int
    step: int
    counted: int  # data rows so far, kept or not

    def append(self, element: Element, data: Any, name: str | None) -> Element:
        del name  # a built-in chart has one dataset, whatever the name
        table = to_table(data)
        if self.positional and table.positional_index and self.shape.x_from_index:
            start = self.next_index
            index = table.index
            table.index = Column(
                index.name, [start + i for i in range(table.nrows)], index.vtype, True, start, False
            )
        self.next_index += table.nrows
        added = self.shape.rows_for(table)
        self.total += len(added)
        rows = list(element.rows or [])
        props = element.props
        if self.step > 1:  # already thinned: keep the data rows the same stride keeps
            group = self.shape.group
            added = [
                r
                for g in range(table.nrows)
                if (self.counted + g) % self.step == 0
                for r in added[g * group : (g + 1) * group]
            ]
        self.counted += table.nrows
        rows += added
        if len(rows) > MAX_POINTS:
            rows, step = _stride(rows, self.shape.group, len(rows) // 2)
            self.step *= step
        if self.step > 1:
            props = {**props, "notice": _notice(len(rows), self.total, self.step)}
        return Element(element.kind, props, element.id, rows)


def _chart(
    kind: str,
    mark: str,
    data: Any,
    *,
    width: object,
    height: object,
    use_container_width: bool | None,
    alt: object,
    **options: Any,
) -> Container:
    width = resolve_width(width, use_container_width)
    check_width(width, allow_content=True)
    check_height(height, allow_content=True)
    table: Table = to_table(data)
    spec, shape = build(mark, table, width=width, height=height, **options)
    rows = shape.rows_for(table)
    total = len(rows)
    rows, step = _stride(rows, shape.group, MAX_POINTS)
    notice = _notice(len(rows), total, step) if step > 1 else None
    written = emit_vega(
        kind,
        Prepared(spec, Dataset(shape.columns, rows)),
        theme="streamlit",
        width=width,
        height=height,
        alt=normalize_alt(alt),
        notice=notice,
    )
    assert isinstance(written, Container)
    growth = _Growth(shape, table.nrows, table.positional_index, total, step, table.nrows)
    addrows.register(written, kind, growth)
    return written


@command
def line_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: str | tuple[Any, ...] | list[Any] | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> Container:
    """Show a line chart of the data's columns, the index (or ``x``) along the x axis.

    Parameters:
        data: The data (anything ``st.dataframe`` takes: pandas, polars, pyarrow, numpy,
            dicts, lists).
        x: The column for the x axis; None (default) uses the index.
        y: The column or columns to draw; several are drawn as one line each (the data is
            melted into long format). None (default) draws every other column.
        x_label: The x axis title; None shows the column name if ``x`` was given.
        y_label: The y axis title; None shows the column name if ``y`` was one column.
        color: One line: a colour (hex "#ffaa00", an RGB(A) tuple, or "red", "blue" ...
            "primary"). Long data: a column whose values group the lines (and colour them
            if they are colours). Several ``y``: a list of colours, one per column.
        width: "stretch" (default), "content", or pixels.
        height: "content" (default), "stretch", or pixels.
        use_container_width: Deprecated: True is ``width="stretch"``, False ``"content"``.
        alt: A description of the chart for screen readers.

    Returns:
        The chart's slot; ``add_rows(more)`` on it appends data.
    """
    return _chart(
        "line_chart",
        LINE,
        data,
        x=x,
        y=y,
        x_label=x_label,
        y_label=y_label,
        color=color,
        width=width,
        height=height,
        use_container_width=use_container_width,
        alt=alt,
    )


@command
def area_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: str | tuple[Any, ...] | list[Any] | None = None,
    stack: bool | str | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> Container:
    """Show an area chart of the data's columns, the index (or ``x``) along the x axis.

    Parameters:
        data: The data (anything ``st.dataframe`` takes).
        x: The column for the x axis; None (default) uses the index.
        y: The column or columns to draw; None (default) draws every other column.
        x_label: The x axis title; None shows the column name if ``x`` was given.
        y_label: The y axis title; None shows the column name if ``y`` was one column.
        color: A colour, a column grouping long data, or one colour per ``y`` column (see
            ``line_chart``).
        stack: None or False (default) draws the areas over each other ("layered"); True
            stacks them, "normalize" stacks them to 100%, "center" around a middle line.
        width: "stretch" (default), "content", or pixels.
        height: "content" (default), "stretch", or pixels.
        use_container_width: Deprecated: True is ``width="stretch"``, False ``"content"``.
        alt: A description of the chart for screen readers.

    Returns:
        The chart's slot; ``add_rows(more)`` on it appends data.
    """
    check_stack(stack)
    if stack is None or stack is False:
        stack = "layered"
    return _chart(
        "area_chart",
        AREA,
        data,
        x=x,
        y=y,
        x_label=x_label,
        y_label=y_label,
        color=color,
        stack=stack,
        width=width,
        height=height,
        use_container_width=use_container_width,
        alt=alt,
    )


@command
def bar_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: str | tuple[Any, ...] | list[Any] | None = None,
    horizontal: bool = False,
    sort: bool | str = True,
    stack: bool | str | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> Container:
    """Show a bar chart of the data's columns, one bar per index value (or ``x`` value).

    Parameters:
        data: The data (anything ``st.dataframe`` takes).
        x: The column of the bars' categories; None (default) uses the index.
        y: The column or columns of the bars' lengths; None (default) every other column.
        x_label: The title of the categories' axis.
        y_label: The title of the lengths' axis.
        color: A colour, a column grouping long data, or one colour per ``y`` column (see
            ``line_chart``).
        horizontal: True draws the bars left to right, categories down the side.
        sort: True (default) sorts the categories; False keeps the data's order; a column
            name sorts by it, ascending ("col") or descending ("-col").
        stack: None (default) or True stacks series; False draws them side by side;
            "layered" over each other; "normalize" to 100%; "center" around a middle line.
        width: "stretch" (default), "content", or pixels.
        height: "content" (default), "stretch", or pixels.
        use_container_width: Deprecated: True is ``width="stretch"``, False ``"content"``.
        alt: A description of the chart for screen readers.

    Returns:
        The chart's slot; ``add_rows(more)`` on it appends data.
    """
    check_stack(stack)
    return _chart(
        "bar_chart",
        HBAR if horizontal else BAR,
        data,
        x=x,
        y=y,
        x_label=x_label,
        y_label=y_label,
        color=color,
        stack=stack,
        sort=sort,
        width=width,
        height=height,
        use_container_width=use_container_width,
        alt=alt,
    )


@command
def scatter_chart(
    data: Any = None,
    *,
    x: str | None = None,
    y: str | Sequence[str] | None = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: str | tuple[Any, ...] | list[Any] | None = None,
    size: str | float | int | None = None,
    width: int | str = "stretch",
    height: int | str = "content",
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> Container:
    """Show a scatter chart: one circle per data row (and ``y`` column).

    Parameters:
        data: The data (anything ``st.dataframe`` takes).
        x: The column for the x axis; None (default) uses the index.
        y: The column or columns for the y axis; None (default) every other column.
        x_label: The x axis title; None shows the column name if ``x`` was given.
        y_label: The y axis title; None shows the column name if ``y`` was one column.
        color: A colour, a column grouping long data, or one colour per ``y`` column (see
            ``line_chart``).
        size: The circles' size: a number (area in square pixels; default 100) or a column
            whose values size them.
        width: "stretch" (default), "content", or pixels.
        height: "content" (default), "stretch", or pixels.
        use_container_width: Deprecated: True is ``width="stretch"``, False ``"content"``.
        alt: A description of the chart for screen readers.

    Returns:
        The chart's slot; ``add_rows(more)`` on it appends data.
    """
    return _chart(
        "scatter_chart",
        SCATTER,
        data,
        x=x,
        y=y,
        x_label=x_label,
        y_label=y_label,
        color=color,
        size=size,
        width=width,
        height=height,
        use_container_width=use_container_width,
        alt=alt,
    )
