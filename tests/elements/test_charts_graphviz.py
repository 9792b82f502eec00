"""``st.graphviz_chart``: DOT text or graphviz objects sent as DOT with their engine and size."""

from __future__ import annotations

import pytest

from rillet.elements.charts.graphviz import is_graphviz_chart
from rillet.testing import AppTest


def app(body: str) -> AppTest:
    return AppTest.from_string("import rillet as st\n" + body).run()


def test_dot_text_is_sent_as_is_with_streamlits_default_size() -> None:
    at = app('st.graphviz_chart("digraph { run -> intr }")')

    (chart,) = at.get("graphviz_chart")
    assert chart.spec == "digraph { run -> intr }"
    assert chart.engine == "dot"
    assert (chart.props["width"], chart.props["height"]) == ("content", "content")
    assert "alt" not in chart.props


def test_a_graphviz_object_is_sent_as_its_source_and_engine() -> None:
    pytest.importorskip("graphviz")
    at = app(
        """
import graphviz
graph = graphviz.Digraph(engine="neato")
graph.edge("run", "kernel")
st.graphviz_chart(graph, alt="Run calls the kernel")
"""
    )

    chart = at.get("graphviz_chart")[0]
    assert "run -> kernel" in chart.spec and chart.spec.startswith("digraph")
    assert chart.engine == "neato"
    assert chart.props["alt"] == "Run calls the kernel"


@pytest.mark.parametrize(
    ("args", "width", "height"),
    [
        ('width="stretch", height=300', "stretch", 300),
        ("width=250", 250, "content"),
        ('height="stretch"', "content", "stretch"),
        ("True", "stretch", "content"),
        ("use_container_width=False", "content", "content"),
    ],
)
def test_width_height_and_use_container_width(args: str, width: object, height: object) -> None:
    at = app(f'st.graphviz_chart("graph {{ a -- b }}", {args})')

    props = at.get("graphviz_chart")[0].props
    assert (props["width"], props["height"]) == (width, height)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            "st.graphviz_chart(42)",
            "Invalid `figure_or_dot` type. Expected one of: graphviz.Graph, graphviz.Digraph, "
            "graphviz.Source, str. Provided type: int.",
        ),
        ('st.graphviz_chart("graph {}", width=0)', "Invalid width value: 0."),
        ('st.graphviz_chart("graph {}", height="tall")', "Invalid height value: 'tall'."),
    ],
)
def test_bad_input_gets_streamlits_error(call: str, message: str) -> None:
    at = app(call)

    assert message in at.exception[0].message
    assert len(at.get("graphviz_chart")) == 0


def test_write_and_magic_draw_a_graph() -> None:
    pytest.importorskip("graphviz")
    at = app("import graphviz\ng = graphviz.Graph()\ng.edge('a', 'b')\nst.write(g)\ng")

    assert [c.spec for c in at.get("graphviz_chart")] == [at.get("graphviz_chart")[0].spec] * 2


def test_graphs_are_told_by_type_name() -> None:
    graphviz = pytest.importorskip("graphviz")

    assert is_graphviz_chart(graphviz.Digraph())
    assert is_graphviz_chart(graphviz.Source("digraph {}"))
    assert not is_graphviz_chart("digraph {}")
