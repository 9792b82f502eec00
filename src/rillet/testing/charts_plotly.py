"""AppTest views of ``plotly_chart``, ``echarts_chart`` and ``mermaid_chart``.

A chart with ``on_select`` is a widget: ``select(...)`` queues the selection a browser would
send, so it goes through the same server-side checks. Without ``on_select`` the same views
read what the command sent (``figure``, ``spec``, ``body``).
"""

from __future__ import annotations

from typing import Any, Self

from rillet.testing.elements import LEAVES, WIDGETS, Widget


class _Chart(Widget):
    @property
    def value(self) -> Any:
        """The selection state the app sees (None for a chart without ``on_select``)."""
        return super().value if self.element.id is not None else None

    @property
    def theme(self) -> str | None:
        """ "streamlit" or None."""
        return self.props.get("theme")

    @property
    def alt(self) -> str | None:
        """The chart's accessible name."""
        return self.props.get("alt")

    @property
    def width(self) -> int | str:
        """ "stretch", "content" or pixels, as sent."""
        return self.props["width"]

    def _queue(self, selection: dict[str, Any]) -> Self:
        if self.element.id is None:
            raise AssertionError("this chart has no on_select: nothing can be selected in it")
        self._at._pending[self.id] = selection
        return self


class PlotlyChart(_Chart):
    """``st.plotly_chart`` (``at.get("plotly_chart")``): ``figure`` is the figure's JSON."""

    type = "plotly_chart"

    @property
    def figure(self) -> dict[str, Any]:
        """The figure as sent: ``data``, ``layout`` (Plotly's default template left out under
        the page theme) and ``frames``."""
        return self.props["figure"]

    @property
    def spec(self) -> dict[str, Any]:
        """Alias of ``figure``."""
        return self.figure

    @property
    def config(self) -> dict[str, Any]:
        """The Plotly config as passed."""
        return self.props.get("config") or {}

    @property
    def height(self) -> int | str:
        """Pixels or "stretch" ("content" is resolved to the figure's height)."""
        return self.props["height"]

    @property
    def selection_mode(self) -> list[str]:
        """The selection modes allowed (empty without ``on_select``)."""
        return list(self.props.get("selection_mode") or [])

    def select(
        self,
        points: list[dict[str, Any]] | None = None,
        *,
        point_indices: list[int] | None = None,
        box: list[dict[str, Any]] | None = None,
        lasso: list[dict[str, Any]] | None = None,
    ) -> Self:
        """Queue a selection, as the browser reports it; ``select()`` clears it. Point indices
        default to the points' ``point_index``."""
        points = list(points or [])
        if point_indices is None:
            point_indices = [p["point_index"] for p in points if "point_index" in p]
        return self._queue(
            {
                "points": points,
                "point_indices": point_indices,
                "box": box or [],
                "lasso": lasso or [],
            }
        )


class EChartsChart(_Chart):
    """``st.echarts_chart`` (``at.get("echarts_chart")``): ``spec`` is the option as sent, with
    a dataframe ``dataset.source`` filled back in from the rows."""

    type = "echarts_chart"

    @property
    def spec(self) -> dict[str, Any]:
        """The ECharts option, its dataframe dataset's rows in place."""
        spec: dict[str, Any] = self.props["spec"]
        place = self.props.get("rows_dataset")
        if place is None:
            return spec
        spec = {**spec}
        if place == -1:
            spec["dataset"] = {**spec["dataset"], "source": self.element.rows}
        else:
            datasets = list(spec["dataset"])
            datasets[place] = {**datasets[place], "source": self.element.rows}
            spec["dataset"] = datasets
        return spec

    @property
    def data(self) -> Any:
        """The dataframe dataset's rows as a pandas DataFrame (None without one)."""
        place = self.props.get("rows_dataset")
        if place is None:
            return None
        import pandas as pd

        dataset = self.spec["dataset"]
        dataset = dataset if place == -1 else dataset[place]
        return pd.DataFrame(self.element.rows, columns=dataset.get("dimensions"))

    @property
    def renderer(self) -> str:
        """ "canvas" or "svg"."""
        return str(self.props["renderer"])

    @property
    def height(self) -> int | str:
        """Pixels or "stretch" ("content" is resolved to 350 px or a pyecharts size)."""
        return self.props["height"]

    def select(
        self,
        selected: list[dict[str, Any]] | None = None,
        areas: list[dict[str, Any]] | None = None,
    ) -> Self:
        """Queue a selection: ``selected`` groups (``series_index``, ``data_indices`` and
        optionally ``series_id``, ``series_name``, ``data_type``) and brush ``areas``;
        ``select()`` clears it."""
        groups = [
            {"series_id": None, "series_name": None, "data_type": "main", **group}
            for group in selected or []
        ]
        return self._queue({"selected": groups, "areas": list(areas or [])})


class MermaidChart(_Chart):
    """``st.mermaid_chart`` (``at.get("mermaid_chart")``): ``body`` is the diagram's text."""

    type = "mermaid_chart"

    @property
    def body(self) -> str:
        """The diagram definition."""
        return str(self.props["body"])


_VIEWS = {"plotly_chart": PlotlyChart, "echarts_chart": EChartsChart, "mermaid_chart": MermaidChart}
LEAVES.update(_VIEWS)
WIDGETS.update({"plotly_chart": PlotlyChart, "echarts_chart": EChartsChart})
