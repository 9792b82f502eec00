"""``add_rows`` on ``dataframe`` and ``table``: the appended rows travel as an `Extend`.

Both elements keep the rows they were written with in their props and carry appended rows in
``Element.rows``, so a table fed row by row sends only what it adds. A paged dataframe's
frame stays shared between sessions; the session that grows it keeps a `GrownTable` (the
frame plus the appended rows) under the same data id, so scrolling and sorting include the
new rows.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rillet.elements.data_search import SearchCache
from rillet.elements.frames import INDEX, Frame, _python_order, to_frame
from rillet.protocol.messages import Element
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException

if TYPE_CHECKING:
    from rillet.elements.data import PagedTable


def rows_like(
    names: Sequence[str], sources: Sequence[int], data: object, first_position: int
) -> list[list[Any]]:
    """The rows of ``data`` laid out as a table's columns (``sources`` index ``names``, or
    `INDEX`): matched by column name, missing ones empty, unknown ones refused. Data without
    an index of its own (not pandas, or a default range) continues the table's numbering
    from ``first_position``."""
    new = to_frame(data)
    wanted = {names[s] for s in sources if s != INDEX}
    extra = [n for n in new.names if n not in wanted]
    if extra:
        raise RilletAPIException(
            f"add_rows() got columns the table does not have: {', '.join(extra)}. "
            f"Its columns are: {', '.join(names[s] for s in sources if s != INDEX)}."
        )
    everything = slice(0, new.nrows)
    cells: list[list[Any] | None] = []
    for s in sources:
        if s == INDEX:
            index = new.cells(INDEX, everything)
            if not new.shows_index or index == list(range(new.nrows)):
                index = list(range(first_position, first_position + new.nrows))
            cells.append(index)
        elif names[s] in new.names:
            cells.append(new.cells(new.names.index(names[s]), everything))
        else:
            cells.append(None)
    return [[c[i] if c is not None else None for c in cells] for i in range(new.nrows)]


class GrownTable:
    """A kept dataframe with rows appended by ``add_rows``: the `Pageable` of one session."""

    def __init__(self, base: PagedTable, extra: list[list[Any]]) -> None:
        self.base = base
        self.extra = extra
        self._lock = threading.Lock()
        self._sorted: tuple[tuple[int, bool], list[int]] | None = None
        self._search = SearchCache()

    @property
    def total(self) -> int:
        """The number of rows, appended ones included."""
        return self.base.total + len(self.extra)

    @property
    def width(self) -> int:
        """The number of shown columns."""
        return self.base.width

    @property
    def labels(self) -> list[str]:
        """The shown columns' labels."""
        return self.base.labels

    def _row(self, position: int) -> list[Any]:
        if position < self.base.total:
            return self.base.page(position, position + 1, None)[0]
        return self.extra[position - self.base.total]

    def page(
        self, start: int, end: int, sort: tuple[int, bool] | None, search: str | None = None
    ) -> list[list[Any]]:
        """Rows ``start`` to ``end`` in display order, sorted by (column, descending), of the
        rows matching ``search`` when given."""
        if search:
            found = self.matches(search)
            if sort is not None:
                found = self._search.in_order(search, sort, found, self._order(*sort))
            return [self._row(i) for i in found[start:end]]
        if sort is None:
            base_total = self.base.total
            rows = self.base.page(start, min(end, base_total), None) if start < base_total else []
            return rows + self.extra[max(0, start - base_total) : max(0, end - base_total)]
        return [self._row(i) for i in self._order(*sort)[start:end]]

    def matches(self, search: str) -> list[int]:
        """The positions of the rows with a shown cell containing ``search`` (any case)."""
        return self._search.rows(search, lambda a, b: self.page(a, b, None), self.total)

    def count(self, search: str) -> int:
        """The number of rows matching ``search``."""
        return len(self.matches(search))

    def _order(self, column: int, descending: bool) -> list[int]:
        cached = self._sorted
        if cached is not None and cached[0] == (column, descending):
            return cached[1]
        frame: Frame = self.base.frame
        source = self.base.shown[column].source
        values = frame.cells(source, slice(0, frame.nrows)) + [r[column] for r in self.extra]
        order = _python_order(values, descending)
        with self._lock:
            self._sorted = ((column, descending), order)
        return order

    def to_pandas(self) -> Any:
        """The frame with the appended rows (AppTest's ``at.dataframe[0].value``)."""
        import pandas as pd

        base = self.base.to_pandas()
        if not self.extra:
            return base
        shown = self.base.shown
        has_index = bool(shown) and shown[0].source == INDEX
        names = [self.base.frame.names[c.source] for c in shown if c.source != INDEX]
        data = [r[1:] for r in self.extra] if has_index else self.extra
        index = [r[0] for r in self.extra] if has_index else None
        added = pd.DataFrame(data, columns=names, index=index)
        return pd.concat([base, added], ignore_index=not has_index)


@dataclass
class DataframeGrowth:
    """How ``add_rows`` grows a paged dataframe."""

    base: PagedTable

    def append(self, element: Element, data: Any, name: str | None) -> Element:
        _no_dataset_name(name)
        sources = [c.source for c in self.base.shown]
        old = list(element.rows or [])
        names = self.base.frame.names
        rows = old + rows_like(names, sources, data, self.base.total + len(old))
        ctx = context.current()
        if ctx is not None:
            ctx.session.datasets.replace(
                str(element.props["data_id"]), GrownTable(self.base, rows)
            )
        return Element(element.kind, element.props, element.id, rows)


@dataclass
class TableGrowth:
    """How ``add_rows`` grows a static table (the index cell first when it shows one)."""

    names: list[str]
    nrows: int
    has_index: bool

    def append(self, element: Element, data: Any, name: str | None) -> Element:
        _no_dataset_name(name)
        sources = ([INDEX] if self.has_index else []) + list(range(len(self.names)))
        old = list(element.rows or [])
        rows = old + rows_like(self.names, sources, data, self.nrows + len(old))
        return Element(element.kind, element.props, element.id, rows)


def _no_dataset_name(name: str | None) -> None:
    if name is not None:
        raise RilletAPIException(
            "add_rows() takes a dataset name only for Vega-Lite charts; pass the rows of a "
            "table as its one argument."
        )
