"""AppTest views of the paged dataframe and of the text elements without a view elsewhere
(latex, html, help), named as in Streamlit's AppTest."""

from __future__ import annotations

from typing import Any, Literal, Self

from rillet.testing.elements import LEAVES, WIDGETS, Node, Table, Widget


class Dataframe(Node):
    """``st.dataframe`` (``at.dataframe``): ``value`` is the whole frame, not just the rows the
    element carries."""

    type = "dataframe"

    @property
    def data_id(self) -> str:
        """The id under which the session keeps the frame."""
        return str(self.props["data_id"])

    @property
    def columns(self) -> list[str]:
        """The labels of the shown columns, the index column first when shown."""
        return [str(c["label"]) for c in self.props["columns"]]

    @property
    def total(self) -> int:
        """The number of rows."""
        return int(self.props["total"])

    def rows(
        self,
        start: int = 0,
        end: int | None = None,
        sort: tuple[int, Literal["asc", "desc"]] | None = None,
    ) -> list[list[Any]]:
        """The rows the browser would receive for this range and sort, asked for as the
        browser asks (so the server's checks apply)."""
        from rillet.protocol.messages import RowsRequest

        end = self.total if end is None else end
        answer = self._at._session.answer_rows(RowsRequest(self.data_id, start, end, sort))
        return [] if answer is None else answer.rows

    def click_button(self, column: str, row: int, label: str | None = None) -> Any:
        """Queue a click on the button in ``row`` (a position in the data) of the
        `ButtonColumn` labelled ``column``, as the page sends it; ``label`` defaults to the
        cell's text. Returns the test, to ``.run()``."""
        meta = next((c for c in self.props["columns"] if c.get("label") == column), None)
        widget = (meta or {}).get("config", {}).get("widget")
        if widget is None:
            raise ValueError(f"No button column with a key is labelled {column!r}.")
        if label is None:
            at = self.props["columns"].index(meta)
            label = str(self.rows(row, row + 1)[0][at]) if self.props.get("positions") is None \
                else str(self._cell(row, at))
        self._at._pending[widget] = {"row": row, "label": label}
        return self._at

    def _cell(self, row: int, column: int) -> Any:
        for shown in self.rows():
            if shown[-1] == row:
                return shown[column]
        raise IndexError(f"No row at position {row}.")

    @property
    def value(self) -> Any:
        """The data as a pandas DataFrame when pandas is installed, else the element's rows."""
        kept = self._at._session.datasets.get(self.data_id)
        try:
            if kept is not None and hasattr(kept, "to_pandas"):
                return kept.to_pandas()
            import pandas as pd
        except ImportError:
            return self.props["rows"]
        meta = self.props["columns"]
        has_index = bool(meta) and meta[0].get("index")
        rows = self.props["rows"]
        data = [r[1:] for r in rows] if has_index else rows
        labels = [c["label"] for c in meta[1:]] if has_index else [c["label"] for c in meta]
        return pd.DataFrame(data, columns=labels, index=[r[0] for r in rows] if has_index else None)


class SelectableDataframe(Widget, Dataframe):
    """``st.dataframe(on_select=...)`` (``at.dataframe``): ``value`` is the selection;
    ``select_rows``, ``select_columns``, ``select_cells`` or ``set_value(state)`` queue one.
    ``data`` is the whole frame."""

    type = "dataframe"

    @property
    def data(self) -> Any:
        """The data as a pandas DataFrame."""
        return Dataframe.value.fget(self)  # type: ignore[attr-defined]

    def _select(self, **parts: Any) -> Self:
        selection: dict[str, Any] = {"rows": [], "columns": [], "cells": []}
        selection.update(parts)
        return self.set_value({"selection": selection})

    def select_rows(self, rows: list[int]) -> Self:
        """Select rows by their positions in the data."""
        return self._select(rows=list(rows))

    def select_columns(self, columns: list[str]) -> Self:
        """Select columns by name."""
        return self._select(columns=list(columns))

    def select_cells(self, cells: list[tuple[int, str]]) -> Self:
        """Select cells as (row position, column name)."""
        return self._select(cells=[list(c) for c in cells])


class DataEditor(Widget, Dataframe):
    """``st.data_editor`` (``at.data_editor``): ``value`` is the editing state in Streamlit's
    shape; ``set_value({"edited_rows": ..., "added_rows": ..., "deleted_rows": ...})`` queues
    one, checked as the browser's edits are; ``edited`` is what the command returned."""

    type = "data_editor"

    @property
    def edited(self) -> Any:
        """The edited data, as the script received it in the last run."""
        from rillet.elements.data_editor import RESULTS_KEY

        return self._at._session.extras.get(RESULTS_KEY, {}).get(self.id)

    @property
    def data(self) -> Any:
        """The data as given, without edits, as a pandas DataFrame."""
        return Dataframe.value.fget(self)  # type: ignore[attr-defined]

    def edit(self, row: int, column: str, value: Any) -> Self:
        """Queue one cell edit as the browser sends it."""
        self._at._pending[self.id] = {"set": [[row, column, value]]}
        return self


class Latex(Node):
    """``st.latex`` (``at.latex``): ``value`` is the LaTeX source."""

    type = "latex"


class Html(Node):
    """``st.html`` (``at.html``): ``value`` is the sanitized HTML."""

    type = "html"

    @property
    def value(self) -> str:
        """The HTML as the browser receives it (sanitized)."""
        return str(self.props["html"])


class Help(Node):
    """``st.help`` (``at.help``): ``value`` is the name, signature and docs as text."""

    type = "help_info"  # Streamlit's node type for st.help

    @property
    def doc_string(self) -> str | None:
        """The object's documentation."""
        return self.props.get("doc")


class GrowingTable(Table):
    """``st.table`` (``at.table``): ``value`` includes the rows ``add_rows`` appended."""

    @property
    def value(self) -> Any:
        """The data as a pandas DataFrame when pandas is installed, else a list of rows."""
        added = self.element.rows or []
        if not added:
            return super().value
        # Added rows carry their index cell first only when the table shows an index.
        indexed = "index" in self.props
        rows = self.props["rows"] + [r[1:] if indexed else r for r in added]
        try:
            import pandas as pd
        except ImportError:
            return rows
        index = list(self.props["index"]) + [r[0] for r in added] if indexed else None
        return pd.DataFrame(rows, columns=self.props["columns"], index=index)


WIDGETS.update({"dataframe": SelectableDataframe, "data_editor": DataEditor})
LEAVES.update(
    {"table": GrowingTable, "dataframe": Dataframe, "latex": Latex, "html": Html, "help": Help}
)
