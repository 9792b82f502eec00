"""``add_rows``: append data to an element a command returned (``chart.add_rows(df)``).

A command whose element can grow registers an `Appender` for the slot it wrote; ``add_rows``
on that slot asks the appender for the grown element and writes it in place. Rows appended to
an element's ``rows`` travel as an `Extend` of only those rows, so a chart fed row by row costs
what it adds. The appender lives in the session (``extras``) under the element's path and is
replaced whenever a command writes there again.

Streamlit 1.67 no longer has ``add_rows``; rillet keeps it (see docs/differences.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from rillet.elements.base import Container, command, target
from rillet.protocol.messages import Element
from rillet.runtime import context
from rillet.runtime.errors import RilletAPIException

_EXTRAS_KEY = "rillet.add_rows"


class Grows(Protocol):
    """How an element grows: the element with ``data`` appended (``name`` picks a named
    dataset, None the main one)."""

    def append(self, element: Element, data: Any, name: str | None) -> Element: ...


def register(slot: Container, kind: str, appender: Grows) -> None:
    """Let ``add_rows`` grow the element of ``kind`` just written at ``slot``."""
    ctx = context.current()
    if ctx is None or slot.path is None:
        return
    ctx.session.extras.setdefault(_EXTRAS_KEY, {})[slot.path] = (kind, appender)


@dataclass
class Appender:
    """Growth of a Vega-Lite chart: rows for the main dataset (matched to its columns by
    name), or for one of its named datasets."""

    columns: list[str] | None
    datasets: dict[str, list[str]] = field(default_factory=dict)
    main_name: str | None = None

    def append(self, element: Element, data: Any, name: str | None) -> Element:
        from rillet.elements.charts.vega import MAX_ROWS
        from rillet.elements.charts.vegadata import to_table

        table = to_table(data)
        if name is None or name == self.main_name or (name == "data" and self.columns):
            if self.columns is None:
                raise RilletAPIException(
                    "add_rows() needs a dataset name: this chart's top level draws no dataset."
                )
            rows = list(element.rows or [])
            rows += _rows_matching(table, self.columns)
            if len(rows) > MAX_ROWS:
                raise RilletAPIException(
                    f"add_rows() would give this chart {len(rows):,} rows, more than the "
                    f"{MAX_ROWS:,} rillet sends to a browser chart."
                )
            return Element(element.kind, element.props, element.id, rows)
        if name not in self.datasets:
            raise RilletAPIException(
                f"This chart has no dataset named {name!r}. Its datasets are: "
                f"{', '.join(sorted(self.datasets)) or 'none'}."
            )
        props = dict(element.props)
        datasets = {k: dict(v) for k, v in props["datasets"].items()}
        datasets[name]["rows"] = datasets[name]["rows"] + _rows_matching(table, self.datasets[name])
        props["datasets"] = datasets
        return Element(element.kind, props, element.id, element.rows)


def _rows_matching(table: Any, columns: list[str]) -> list[list[Any]]:
    """The table's rows laid out as ``columns`` (missing ones empty); refuses columns the
    chart does not have, which it could not draw."""
    extra = [n for n in table.names if n not in columns]
    if extra:
        raise RilletAPIException(
            f"add_rows() got columns the chart does not have: {', '.join(extra)}. "
            f"Its columns are: {', '.join(columns)}."
        )
    cells = [table.by_name[n].cells if n in table.by_name else None for n in columns]
    return [[c[i] if c is not None else None for c in cells] for i in range(table.nrows)]


@command
def add_rows(data: Any = None, **kwargs: Any) -> Container:
    """Append rows to a chart a command returned: ``chart = st.line_chart(df)`` then
    ``chart.add_rows(more)``.

    The new rows are shaped like the chart's data (melted, coloured ...) and only they travel
    to the browser, which adds them to the chart in place.

    Parameters:
        data: The rows to append, in the chart's columns (anything ``st.dataframe`` takes).
        **kwargs: Instead of ``data``, one ``name=rows`` to append to a named dataset of a
            Vega-Lite chart.

    Returns:
        The chart's slot, to call ``add_rows`` on again.
    """
    slot = target()
    if (data is not None and kwargs) or len(kwargs) > 1:
        raise RilletAPIException(
            "Wrong number of arguments to add_rows(). Command requires exactly one dataset"
        )
    name: str | None = None
    if kwargs:
        name, data = next(iter(kwargs.items()))
    ctx = context.current()
    if ctx is None or slot.path is None:
        return slot
    entry = ctx.session.extras.get(_EXTRAS_KEY, {}).get(slot.path) if slot.slot else None
    node = ctx.session.tree.node(slot.path) if entry is not None else None
    if entry is None or node is None or node.element.kind != entry[0]:
        raise RilletAPIException(
            "add_rows() appends to what a chart command returned (`chart = "
            "st.line_chart(df)`, then `chart.add_rows(more)`); this is not such a chart."
        )
    if data is None:
        return slot
    ctx.checkpoint()
    ctx.writer.put(slot.path, entry[1].append(node.element, data, name))
    return slot
