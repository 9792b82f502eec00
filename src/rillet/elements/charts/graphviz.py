"""``st.graphviz_chart``: a graph in the DOT language, laid out and drawn in the browser.

The element carries the DOT text and the layout engine; the browser renders it with Graphviz
compiled to WebAssembly (@viz-js/viz), so the server needs no ``dot`` binary and the Python
``graphviz`` package is needed only to build graphs as objects. A syntax error is shown in the
chart's box, as the page shows any chart that cannot be drawn.
"""

from __future__ import annotations

from typing import Any

from rillet.elements.base import Container, command, emit
from rillet.elements.charts.dispatch import type_name
from rillet.elements.charts.pyplot import deprecated_use_container_width
from rillet.elements.validate import alt_text, check_height, check_width, type_error

__all__ = ["graphviz_chart", "is_graphviz_chart"]

# graphviz < 0.18 named its classes graphviz.dot.*, later ones graphviz.graphs.*.
_GRAPH_TYPES = frozenset(
    {
        "graphviz.dot.Graph",
        "graphviz.dot.Digraph",
        "graphviz.graphs.Graph",
        "graphviz.graphs.Digraph",
        "graphviz.sources.Source",
    }
)


def is_graphviz_chart(obj: object) -> bool:
    """True for a ``graphviz`` Graph, Digraph or Source (graphviz stays unimported)."""
    return type_name(obj) in _GRAPH_TYPES


def dot_and_engine(figure_or_dot: object) -> tuple[str, str]:
    """The DOT text and layout engine of a graph object or of DOT text."""
    if is_graphviz_chart(figure_or_dot):
        graph: Any = figure_or_dot
        return str(graph.source), str(graph.engine or "dot")
    if isinstance(figure_or_dot, str):
        return figure_or_dot, "dot"
    raise type_error(
        "figure_or_dot",
        figure_or_dot,
        ["graphviz.Graph", "graphviz.Digraph", "graphviz.Source", "str"],
    )


@command
def graphviz_chart(
    figure_or_dot: Any,
    use_container_width: bool | None = None,
    *,
    width: int | str = "content",
    height: int | str = "content",
    alt: str | None = None,
) -> Container:
    """Display a graph drawn with Graphviz: DOT text, or a ``graphviz`` graph object.

    Args:
        figure_or_dot: A ``graphviz.Graph``, ``graphviz.Digraph`` or ``graphviz.Source``, or
            a string of DOT (https://graphviz.org/doc/info/lang.html).
        use_container_width: Deprecated: True means ``width="stretch"``, False
            ``width="content"``.
        width: "content" (default: the graph's own width, at most the container's),
            "stretch" (the container's width) or a number of pixels.
        height: "content" (default: the graph's own height), "stretch" (fill the parent's
            height) or a number of pixels (the graph is scaled down to fit).
        alt: A description of the graph for screen readers (its accessible name).
    """
    dot, engine = dot_and_engine(figure_or_dot)
    width = check_width(
        deprecated_use_container_width(use_container_width, width), allow_content=True
    )
    props: dict[str, Any] = {
        "spec": dot,
        "engine": engine,
        "width": width,
        "height": check_height(height, allow_content=True),
    }
    shown_alt = alt_text(alt)
    if shown_alt is not None:
        props["alt"] = shown_alt
    return emit("graphviz_chart", props)
