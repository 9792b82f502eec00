"""AppTest views of the Vega-Lite charts: the built-in charts (``at.get("line_chart")`` ...),
``at.get("altair_chart")`` and ``at.get("vega_lite_chart")``.

``.spec`` is the spec the browser draws, ``.data`` the main dataset as a pandas DataFrame
(temporal fields as datetimes), ``.datasets`` the other named ones. A chart with selections
on is a widget: ``.value`` is its state, and ``.select({"param": [...]})`` queues what a user
would select, as the browser sends it (so it is checked like a browser's).
"""

from __future__ import annotations

from typing import Any, Self

from rillet.testing.elements import LEAVES, WIDGETS, Node, Widget

KINDS = (
    "line_chart",
    "area_chart",
    "bar_chart",
    "scatter_chart",
    "altair_chart",
    "vega_lite_chart",
)


def _temporal_fields(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        if node.get("type") == "temporal" and isinstance(node.get("field"), str):
            found.add(node["field"])
        for value in node.values():
            _temporal_fields(value, found)
    elif isinstance(node, list):
        for item in node:
            _temporal_fields(item, found)
    return found


def _frame(columns: list[str], rows: list[list[Any]], temporal: set[str]) -> Any:
    """Rows as a DataFrame; temporal columns back as datetimes (naive from text, UTC from
    epoch milliseconds)."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns)
    for name in columns:
        if name not in temporal:
            continue
        values = frame[name]
        if all(isinstance(v, str) for v in values.dropna()):
            frame[name] = pd.to_datetime(values)
        elif all(isinstance(v, int | float) for v in values.dropna()):
            frame[name] = pd.to_datetime(values, unit="ms", utc=True)
    return frame


class _VegaView:
    """What every Vega-Lite chart view offers."""

    props: dict[str, Any]
    element: Any

    @property
    def spec(self) -> dict[str, Any]:
        """The Vega-Lite spec; its main dataset is named ``data``."""
        return dict(self.props["spec"])

    @property
    def columns(self) -> list[str]:
        """The main dataset's column names."""
        return list(self.props.get("columns") or [])

    @property
    def rows(self) -> list[list[Any]]:
        """The main dataset's rows as the browser receives them."""
        return list(self.element.rows or [])

    @property
    def data(self) -> Any:
        """The main dataset as a pandas DataFrame."""
        return _frame(self.columns, self.rows, _temporal_fields(self.spec, set()))

    @property
    def datasets(self) -> dict[str, Any]:
        """The other named datasets, as pandas DataFrames."""
        temporal = _temporal_fields(self.spec, set())
        return {
            name: _frame(d["columns"], d["rows"], temporal)
            for name, d in (self.props.get("datasets") or {}).items()
        }

    @property
    def theme(self) -> str | None:
        """ "streamlit", or None for Vega-Lite's own look."""
        return self.props.get("theme")

    @property
    def width(self) -> Any:
        """ "stretch", "content" or pixels."""
        return self.props.get("width")

    @property
    def height(self) -> Any:
        """ "content", "stretch" or pixels."""
        return self.props.get("height")

    @property
    def alt(self) -> str | None:
        """The chart's description for screen readers."""
        return self.props.get("alt")

    @property
    def notice(self) -> str | None:
        """The note shown under a chart whose data was downsampled."""
        return self.props.get("notice")


class VegaChart(_VegaView, Node):
    """A Vega-Lite chart without selections."""

    @property
    def value(self) -> Any:
        """The spec (the element's main content)."""
        return self.spec


class VegaChartWidget(_VegaView, Widget):
    """A Vega-Lite chart with selections on: ``value`` is its state (``value.selection``)."""

    @property
    def selection_modes(self) -> list[str]:
        """The selection parameters the chart reports."""
        return list(self.props.get("selection_modes") or [])

    def select(self, selection: dict[str, Any]) -> Self:
        """Queue a selection, ``{param: points or interval}``, as the browser sends it;
        parameters left out are sent empty. Run the app to apply it."""
        wire: dict[str, Any] = {name: {} for name in self.selection_modes}
        wire.update(selection)
        self._at._pending[self.id] = wire
        return self

    def clear(self) -> Self:
        """Queue an empty selection."""
        return self.select({})


for _kind in KINDS:
    LEAVES[_kind] = type(f"{_kind.title().replace('_', '')}", (VegaChart,), {"type": _kind})
    WIDGETS[_kind] = type(
        f"{_kind.title().replace('_', '')}Widget", (VegaChartWidget,), {"type": _kind}
    )
