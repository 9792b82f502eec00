"""`st.write` and magic draw chart objects as their charts, as Streamlit does."""

from __future__ import annotations

import pytest

from rillet.elements.charts.dispatch import chart_command, is_plotly, late_chart_command


def test_chart_objects_are_recognised_by_their_type() -> None:
    alt = pytest.importorskip("altair")
    go = pytest.importorskip("plotly.graph_objects")
    graphviz = pytest.importorskip("graphviz")
    pdk = pytest.importorskip("pydeck")
    from matplotlib.figure import Figure

    assert chart_command(alt.Chart({"values": [{"a": 1}]}).mark_point()) == "altair_chart"
    assert chart_command(alt.layer(alt.Chart().mark_line(), alt.Chart().mark_point())) == (
        "altair_chart"
    )
    assert chart_command(Figure()) == "pyplot"
    assert chart_command(go.Figure()) == "plotly_chart"
    assert chart_command([go.Scatter(x=[1], y=[2])]) == "plotly_chart"
    assert chart_command({"data": [go.Bar(x=[1], y=[2])], "layout": {}}) == "plotly_chart"
    assert chart_command(graphviz.Digraph()) == "graphviz_chart"
    assert chart_command(graphviz.Source("digraph { a -> b }")) == "graphviz_chart"
    assert late_chart_command(pdk.Deck()) == "pydeck_chart"


def test_plain_values_are_not_charts() -> None:
    for value in ({"data": [1, 2], "layout": {}}, {"data": []}, [], [1, 2], "text", 3, None):
        assert chart_command(value) is None
        assert late_chart_command(value) is None
    assert not is_plotly({})
    assert not is_plotly({"data": [], "title": "x"})
