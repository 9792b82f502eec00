"""Selections in ``st.dataframe``: with ``on_select`` on, the table is a widget whose value is
what the user selected, in Streamlit's shape::

    {"selection": {"rows": [0, 3], "columns": ["price"], "cells": [(2, "name")]}}

Rows are positions in the data as given (sorting in the page does not change them), columns
and cells name the data columns (the index is never selected). The browser sends the whole
selection; it is checked against the modes and the table before the app sees it.
"""

from __future__ import annotations

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
