"""Which chart command `write` (and magic) uses for an object, told by its type's name.

A chart object is recognised without importing its library (importing Altair or matplotlib to
ask ``isinstance`` would cost a page load's worth of time on every ``write``), by the fully
qualified name of its type, as Streamlit does, and in Streamlit's order.
"""

from __future__ import annotations

import re
from typing import Any

_ALTAIR = re.compile(r"^altair\.vegalite\.v\d+\.api\.\w*Chart$")
_GRAPHVIZ = {
    "graphviz.dot.Graph",
    "graphviz.dot.Digraph",
    "graphviz.graphs.Graph",
    "graphviz.graphs.Digraph",
    "graphviz.sources.Source",
}
_PLOTLY_DICT_KEYS = {"config", "data", "frames", "layout"}


def type_name(obj: object) -> str:
    """``module.QualifiedName`` of the object's type."""
    kind = type(obj)
    return f"{kind.__module__}.{kind.__qualname__}"


def _is_plotly_object(obj: object) -> bool:
    return type(obj).__module__.startswith("plotly.graph_objs")


def _is_plotly_objects(obj: object) -> bool:
    return isinstance(obj, list) and len(obj) > 0 and all(_is_plotly_object(v) for v in obj)


def is_plotly(obj: object) -> bool:
    """A Plotly figure, a list of Plotly traces, or a dict of figure parts holding them."""
    if type_name(obj) == "plotly.graph_objs._figure.Figure" or _is_plotly_objects(obj):
        return True
    if not isinstance(obj, dict) or not obj or any(k not in _PLOTLY_DICT_KEYS for k in obj):
        return False
    return any(_is_plotly_object(v) or _is_plotly_objects(v) for v in obj.values())


def chart_command(obj: Any) -> str | None:
    """The chart command that shows ``obj``, checked before `write` tries dicts and lists
    (a Plotly dict or a list of traces is a chart, not JSON); None when it is no chart."""
    name = type_name(obj)
    if _ALTAIR.match(name):
        return "altair_chart"
    if name == "matplotlib.figure.Figure":
        return "pyplot"
    if is_plotly(obj):
        return "plotly_chart"
    if name in _GRAPHVIZ:
        return "graphviz_chart"
    if name.startswith("PIL."):
        return "image"  # a picture, after the charts as in Streamlit's order
    return None


def late_chart_command(obj: Any) -> str | None:
    """The chart command for the kinds `write` checks after dicts and lists (pydeck)."""
    return "pydeck_chart" if type_name(obj) == "pydeck.bindings.deck.Deck" else None
