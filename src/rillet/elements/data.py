"""Data elements: metric, and tables of data (pandas, numpy, dicts and lists).

pandas and numpy are imported only when the data passed in is of their types.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from rillet.elements.base import Container, check_label, check_label_visibility, command, emit
from rillet.runtime.errors import RilletAPIException

Cell = str | int | float | bool | None


def _cell(value: Any) -> Cell:
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        try:
            return _cell(item())
        except (TypeError, ValueError):
            pass
    return str(value)


def _column_cells(column: Any) -> list[Cell]:
    """One pandas column as JSON-ready cells; plain numbers and booleans convert in bulk."""
    if column.dtype.kind in "iub":
        return column.tolist()
    if column.dtype.kind == "f":
        return [None if v != v else v for v in column.tolist()]  # NaN is not JSON
    return [_cell(v) for v in column.tolist()]


def is_dataframe_like(data: object) -> bool:
    """True for the table types `write` hands to `dataframe`."""
    module = type(data).__module__.split(".")[0]
    return module in ("pandas", "numpy", "polars", "pyarrow") and hasattr(data, "__len__")


def to_table(data: object) -> dict[str, Any]:
    """Columns, index and rows of any supported table-like value."""
    module = type(data).__module__.split(".")[0]
    if module == "pandas":
        import pandas as pd

        frame = data if isinstance(data, pd.DataFrame) else pd.DataFrame(data)
        cells = [_column_cells(frame.iloc[:, i]) for i in range(frame.shape[1])]
        return {
            "columns": [str(c) for c in frame.columns],
            "index": [str(i) for i in frame.index],
            "rows": [list(r) for r in zip(*cells, strict=True)] if cells else [[]] * len(frame),
        }
    if module == "numpy":
        rows = data.tolist()  # type: ignore[attr-defined]
        rows = [r if isinstance(r, list) else [r] for r in rows]
        width = max((len(r) for r in rows), default=0)
        return {
            "columns": [str(i) for i in range(width)],
            "index": [str(i) for i in range(len(rows))],
            "rows": [[_cell(v) for v in r] for r in rows],
        }
    if isinstance(data, Mapping):
        columns = [str(c) for c in data]
        cols = [
            list(v) if isinstance(v, Sequence) and not isinstance(v, str) else [v]
            for v in data.values()
        ]
        height = max((len(c) for c in cols), default=0)
        rows = [[_cell(c[i]) if i < len(c) else None for c in cols] for i in range(height)]
        return {"columns": columns, "index": [str(i) for i in range(height)], "rows": rows}
    if isinstance(data, Sequence) and not isinstance(data, str):
        items = list(data)
        if items and all(isinstance(r, Mapping) for r in items):
            columns = list(dict.fromkeys(str(k) for r in items for k in r))
            rows = [[_cell(r.get(c)) for c in columns] for r in items]
        else:
            rows = [
                [_cell(v) for v in r]
                if isinstance(r, Sequence) and not isinstance(r, str)
                else [_cell(r)]
                for r in items
            ]
            columns = [str(i) for i in range(max((len(r) for r in rows), default=0))]
        return {"columns": columns, "index": [str(i) for i in range(len(rows))], "rows": rows}
    raise RilletAPIException(f"Unable to convert object of type {type(data).__name__} to a table.")


@command
def dataframe(
    data: object = None,
    width: int | str | None = None,
    height: int | str | None = None,
    *,
    use_container_width: bool | None = None,
    hide_index: bool | None = None,
) -> Container:
    """Show a table of data (pandas, numpy, a dict of columns or a list of rows).

    Parameters:
        data: The data; None shows an empty table.
        width: Width in pixels, or "stretch".
        height: Height in pixels; the table scrolls inside it.
        use_container_width: Stretch to the container's width.
        hide_index: Hide the index column.
    """
    table = to_table(data if data is not None else [])
    if hide_index:
        table["index"] = None
    return emit(
        "table", {**table, "height": height if isinstance(height, int) else None, "scroll": True}
    )


@command
def table(data: object = None) -> Container:
    """Show a static table: every row, no scrolling.

    Parameters:
        data: The data (pandas, numpy, a dict of columns or a list of rows).
    """
    return emit("table", to_table(data if data is not None else []))


def _delta_text(delta: object) -> str | None:
    if delta is None or delta == "":
        return None
    if isinstance(delta, int | float) and not isinstance(delta, bool):
        return f"{delta:+}" if delta else str(delta)
    return str(delta)


@command
def metric(
    label: str,
    value: object,
    delta: object = None,
    delta_color: str = "normal",
    help: str | None = None,
    label_visibility: str = "visible",
    border: bool = False,
) -> Container:
    """Show a number large, with an optional change indicator.

    Parameters:
        label: What the number is.
        value: The number (or text); None shows a dash.
        delta: The change, shown with an arrow; a leading "-" (or a negative number) is down.
        delta_color: "normal" (up is green), "inverse" (up is red) or "off" (grey).
        help: A tooltip.
        label_visibility: "visible", "hidden" or "collapsed".
        border: Draw a border around the metric.
    """
    if delta_color not in ("normal", "inverse", "off"):
        raise RilletAPIException(
            f"'{delta_color}' is not an accepted value. delta_color only accepts: "
            "'normal', 'inverse', or 'off'"
        )
    return emit(
        "metric",
        {
            "label": check_label(label, "metric"),
            "value": "—" if value is None else str(value),
            "delta": _delta_text(delta),
            "delta_color": delta_color,
            "help": help,
            "label_visibility": check_label_visibility(label_visibility),
            "border": bool(border),
        },
    )
