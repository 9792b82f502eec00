"""Selections in ``st.dataframe``: with ``on_select`` on, the table is a widget whose value is
what the user selected, in Streamlit's shape::

    {"selection": {"rows": [0, 3], "columns": ["price"], "cells": [(2, "name")]}}

Rows are positions in the data as given (sorting in the page does not change them), columns
and cells name the data columns (the index is never selected). The browser sends the whole
selection; it is checked against the modes and the table before the app sees it.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Sequence
from typing import Any

from rillet.elements.charts.selection import ChartState
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue

SELECTION_MODES = (
    "single-row",
    "multi-row",
    "single-column",
    "multi-column",
    "single-cell",
    "multi-cell",
)


class DataframeState(ChartState):
    """The value of a selectable dataframe: ``event.selection.rows`` or
    ``event["selection"]["rows"]``."""


def selection_modes(on_select: object, selection_mode: str | Iterable[str]) -> list[str] | None:
    """The checked modes when selections are on, None when ``on_select`` is "ignore"; raises
    Streamlit's errors for bad values."""
    modes = [selection_mode] if isinstance(selection_mode, str) else list(selection_mode)
    for mode in modes:
        if mode not in SELECTION_MODES:
            raise RilletAPIException(
                f"Invalid selection mode: {mode}. Valid options are: "
                + ", ".join(SELECTION_MODES)
                + "."
            )
    for kind in ("row", "column", "cell"):
        if f"single-{kind}" in modes and f"multi-{kind}" in modes:
            raise RilletAPIException(
                f"Only one of `single-{kind}` or `multi-{kind}` can be selected as selection "
                "mode."
            )
    if on_select in ("ignore", False, None):
        return None
    if on_select not in ("rerun", True) and not callable(on_select):
        raise RilletAPIException(
            f"You have passed {on_select} to `on_select`. But only 'ignore', 'rerun', or a "
            "callable is supported."
        )
    return modes


def empty_selection() -> DataframeState:
    """Nothing selected."""
    return DataframeState({"selection": {"rows": [], "columns": [], "cells": []}})


def _integer(value: object) -> int | None:
    """A row position as an int (numpy integers too); None for anything else, bools included."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        return None
    return int(value)


def default_selection(
    value: object, modes: Sequence[str], total: int, names: Sequence[str]
) -> DataframeState:
    """``selection_default`` as Streamlit 1.67 settles it: the shape must be
    ``{"selection": {...}}`` (else Streamlit's error); rows, columns and cells the table or the
    modes do not have are dropped quietly, repeats too, a single mode keeps the first; cells
    are kept in "single-cell" mode only (a multi-cell selection is a range the page draws)."""
    if not isinstance(value, dict) or not isinstance(value.get("selection"), dict):
        raise RilletAPIException(
            "Selection state must be a dictionary with a 'selection' key containing 'rows', "
            "'columns', and 'cells' arrays."
        )
    wanted = value["selection"]
    known = set(names)
    rows: list[int] = []
    columns: list[str] = []
    cells: list[tuple[int, str]] = []
    raw_rows = wanted.get("rows")
    if isinstance(raw_rows, list) and {"single-row", "multi-row"} & set(modes):
        found = (_integer(r) for r in raw_rows)
        rows = list(dict.fromkeys(r for r in found if r is not None and 0 <= r < total))
        rows = rows if "multi-row" in modes else rows[:1]
    raw_columns = wanted.get("columns")
    if isinstance(raw_columns, list) and {"single-column", "multi-column"} & set(modes):
        columns = list(dict.fromkeys(c for c in raw_columns if isinstance(c, str) and c in known))
        columns = columns if "multi-column" in modes else columns[:1]
    raw_cells = wanted.get("cells")
    if isinstance(raw_cells, list) and "single-cell" in modes:
        for cell in raw_cells:
            if isinstance(cell, list | tuple) and len(cell) == 2:
                row = _integer(cell[0])
                if row is not None and 0 <= row < total and isinstance(cell[1], str) and (
                    cell[1] in known
                ):
                    cells = [(row, cell[1])]
                    break
    return DataframeState({"selection": {"rows": rows, "columns": columns, "cells": cells}})


def encode_selection(state: Any) -> dict[str, Any]:
    """The selection as the browser holds it (cells as lists)."""
    selection = dict(state.get("selection", {})) if isinstance(state, dict) else {}
    return {
        "rows": list(selection.get("rows", [])),
        "columns": list(selection.get("columns", [])),
        "cells": [list(c) for c in selection.get("cells", [])],
    }


def _allowed(items: list[Any], modes: Sequence[str], kind: str) -> None:
    if not items:
        return
    if f"multi-{kind}" in modes:
        return
    if f"single-{kind}" in modes:
        if len(items) > 1:
            raise InvalidWidgetValue(f"only one {kind} may be selected")
        return
    raise InvalidWidgetValue(f"{kind} selections are off")


def decoder(modes: Sequence[str], total: int, names: Sequence[str]) -> Any:
    """A decoder of the browser's selection for a table of ``total`` rows and data columns
    ``names``: unknown rows or columns, repeats, and selections the modes do not allow are
    refused."""
    known = set(names)

    def decode(wire: Any) -> DataframeState:
        if isinstance(wire, dict) and "selection" in wire:
            wire = wire["selection"]  # a value set through session_state
        if not isinstance(wire, dict) or set(wire) - {"rows", "columns", "cells"}:
            raise InvalidWidgetValue(f"expected a selection, got {wire!r}")
        rows, columns = list(wire.get("rows") or []), list(wire.get("columns") or [])
        cells = [tuple(c) if isinstance(c, list | tuple) else c for c in wire.get("cells") or []]
        for row in rows:
            if not isinstance(row, int) or isinstance(row, bool) or not 0 <= row < total:
                raise InvalidWidgetValue(f"no row {row!r} in a table of {total} rows")
        for column in columns:
            if column not in known:
                raise InvalidWidgetValue(f"no column {column!r}")
        for cell in cells:
            if (
                not isinstance(cell, tuple) or len(cell) != 2 or not isinstance(cell[0], int)
                or isinstance(cell[0], bool) or not 0 <= cell[0] < total or cell[1] not in known
            ):
                raise InvalidWidgetValue(f"no cell {cell!r}")
        if len(set(rows)) != len(rows) or len(set(columns)) != len(columns) or len(
            set(cells)
        ) != len(cells):
            raise InvalidWidgetValue("a selection lists something twice")
        _allowed(rows, modes, "row")
        _allowed(columns, modes, "column")
        _allowed(cells, modes, "cell")
        return DataframeState(
            {"selection": {"rows": rows, "columns": columns, "cells": cells}}
        )

    return decode
