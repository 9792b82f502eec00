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


WRITE_CHARTS = """
import altair as alt
import graphviz
import plotly.graph_objects as go
import pydeck as pdk
from matplotlib.figure import Figure
import rillet as st

fig = Figure()
fig.add_subplot().plot([1, 2, 3])
st.write(alt.Chart({"values": [{"a": 1, "b": 2}]}).mark_point().encode(x="a:Q", y="b:Q"))
st.write(go.Figure(go.Bar(x=[1, 2], y=[3, 4])))
st.write(fig)
st.write(graphviz.Digraph(body=["a -> b"]))
st.write(pdk.Deck(layers=[]))
scatter = go.Figure(go.Scatter(x=[1], y=[1]))
scatter  # magic
"""


def test_write_and_magic_draw_chart_objects_as_their_charts() -> None:
    pytest.importorskip("altair")
    pytest.importorskip("pydeck")
    from rillet.testing import AppTest

    at = AppTest.from_string(WRITE_CHARTS, default_timeout=30).run()

    assert not at.exception
    kinds = [node.element.kind for node in at.main.descendants()]
    assert kinds == [
        "altair_chart", "plotly_chart", "pyplot", "graphviz_chart", "pydeck_chart", "plotly_chart"
    ]
