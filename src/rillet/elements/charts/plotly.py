"""``plotly_chart``: a Plotly figure drawn in the browser by plotly.js, optionally a widget whose
value is what the user selected in it.

The figure travels as Plotly's own JSON (``plotly.io.to_json``), in which NumPy arrays are
base64 typed arrays (``{"dtype", "bdata"}``) that plotly.js decodes: a 10,000-point trace costs
about as many bytes as its numbers, not their decimal text. Plotly is imported on first use.

``theme="streamlit"`` draws the figure in the page's colours and fonts. A figure that carries
Plotly's default template (every figure made without choosing one) is sent without it, which
also drops nine tenths of a small figure's bytes, and the browser supplies a template built
from the page's theme; a template the author chose is kept, with the page's fonts and a
transparent background laid over it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Iterable
from typing import Any

import msgspec

from rillet.elements.base import Container, check_key, command
from rillet.elements.charts.dispatch import is_plotly
from rillet.elements.charts.selection import ChartState, check_on_select, emit_chart
from rillet.elements.validate import alt_text, check_height, check_width, value_error
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue

__all__ = ["decode_selection", "empty_selection", "is_plotly_figure", "plotly_chart"]

_LOG = logging.getLogger(__name__)
_SELECTION_MODES = ("box", "lasso", "points")
# plotly.js's own size when a figure sets none (Streamlit resolves "content" to these).
_CONTENT_WIDTH = 700
_CONTENT_HEIGHT = 450
_SELECTION_KEYS = ("points", "point_indices", "box", "lasso")


def is_plotly_figure(obj: object) -> bool:
    """Whether ``write`` (and magic) should draw ``obj`` with `plotly_chart`: a Plotly figure,
    a list of Plotly traces, or a dict of figure parts holding them. Plotly is not imported."""
    return is_plotly(obj)


def parse_selection_modes(selection_mode: object) -> list[str]:
    """The selection modes as a sorted list; Streamlit's error for an unknown one."""
    modes: set[object]
    if isinstance(selection_mode, str) or not isinstance(selection_mode, Iterable):
        modes = {selection_mode}
    else:
        modes = set(selection_mode)
    if not modes <= set(_SELECTION_MODES):
        raise value_error("selection_mode", [f"'{m}'" for m in _SELECTION_MODES])
    return sorted(str(m) for m in modes)


def empty_selection() -> dict[str, Any]:
    """The selection of a chart nothing is selected in (Streamlit's ``PlotlySelectionState``)."""
    return {"points": [], "point_indices": [], "box": [], "lasso": []}


def _numbers(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidWidgetValue(f"{what} must be a list")
    for v in value:
        if v is not None and (isinstance(v, bool) or not isinstance(v, int | float | str)):
            raise InvalidWidgetValue(f"{what} holds {v!r}")
    return value


def _region(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) != {"xref", "yref", "x", "y"}:
        raise InvalidWidgetValue(f"a {what} region is {{xref, yref, x, y}}, got {value!r}")
    if not isinstance(value["xref"], str) or not isinstance(value["yref"], str):
        raise InvalidWidgetValue(f"a {what} region's axes are named by strings")
    return {
        "xref": value["xref"],
        "yref": value["yref"],
        "x": _numbers(value["x"], f"{what}.x"),
        "y": _numbers(value["y"], f"{what}.y"),
    }


def decode_selection(wire: Any, modes: Iterable[str] = _SELECTION_MODES) -> dict[str, Any]:
    """Check a selection the browser sent and return it in Streamlit's shape.

    A box or lasso region from a chart that does not allow that mode is refused, as is
    anything that is not the four lists Streamlit's ``PlotlySelectionState`` holds.
    """
    if not isinstance(wire, dict) or not set(wire) <= set(_SELECTION_KEYS):
        raise InvalidWidgetValue(f"expected a Plotly selection, got {wire!r}")
    allowed = set(modes)
    points = wire.get("points", [])
    if not isinstance(points, list) or not all(
        isinstance(p, dict) and all(isinstance(k, str) for k in p) for p in points
    ):
        raise InvalidWidgetValue("selection points must be a list of objects")
    indices = wire.get("point_indices", [])
    if not isinstance(indices, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in indices
    ):
        raise InvalidWidgetValue("point_indices must be a list of non-negative integers")
    box = [_region(r, "box") for r in _list(wire.get("box", []), "box")]
    lasso = [_region(r, "lasso") for r in _list(wire.get("lasso", []), "lasso")]
    if (box and "box" not in allowed) or (lasso and "lasso" not in allowed):
        raise InvalidWidgetValue("a selection in a mode the chart does not allow")
    if points and not allowed:
        raise InvalidWidgetValue("a selection in a chart without selection modes")
    return {"points": points, "point_indices": indices, "box": box, "lasso": lasso}


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidWidgetValue(f"{what} must be a list")
    return value


@functools.lru_cache(maxsize=1)
def _default_template() -> dict[str, Any]:
    """Plotly's default template as it appears in a figure's JSON."""
    import plotly.io as pio
    from plotly.io.json import to_json_plotly

    return json.loads(to_json_plotly(pio.templates["plotly"]))


def _to_figure(figure_or_data: Any) -> Any:
    """A figure (dict or Figure) from what the author passed, as Streamlit makes it: plotly's
    ``return_figure_from_figure_or_data`` (with its errors), or ``mpl_to_plotly`` for a
    matplotlib figure."""
    try:
        import plotly.tools
    except ImportError:
        raise ModuleNotFoundError(
            "st.plotly_chart needs the plotly package: pip install plotly "
            "(or pip install 'rillet[charts]')."
        ) from None
    kind = type(figure_or_data)
    if f"{kind.__module__}.{kind.__qualname__}" == "matplotlib.figure.Figure":
        return plotly.tools.mpl_to_plotly(figure_or_data)
    return plotly.tools.return_figure_from_figure_or_data(figure_or_data, validate_figure=True)


def _figure_json(figure: Any) -> dict[str, Any]:
    import plotly.io

    return json.loads(plotly.io.to_json(figure, validate=False))


def _content_size(layout: dict[str, Any], name: str, default: int) -> int:
    value = layout.get(name)
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return int(value)
    return default


@command
def plotly_chart(
    figure_or_data: Any,
    use_container_width: bool | None = None,
    *,
    width: int | str = "stretch",
    height: int | str = "content",
    theme: str | None = "streamlit",
    key: str | int | None = None,
    on_select: Any = "ignore",
    selection_mode: str | Iterable[str] = ("points", "box", "lasso"),
    config: dict[str, Any] | None = None,
    alt: str | None = None,
) -> Container | ChartState:
    """Show an interactive Plotly chart; with ``on_select``, a widget returning the selection.

    plotly.js draws it in the browser, so it zooms, pans and shows hover labels; the page loads
    plotly.js only when it first shows a Plotly chart.

    Parameters:
        figure_or_data: A Plotly ``Figure`` (``plotly.graph_objects`` or ``plotly.express``),
            a dict with ``data``/``layout``/``frames``, a list of traces, or a matplotlib
            figure (converted by ``plotly.tools.mpl_to_plotly``).
        use_container_width: Deprecated: True is ``width="stretch"``, False ``"content"``.
        width: "stretch" (default, the container's width), "content" (the figure's
            ``layout.width``, else 700 px), or pixels.
        height: "content" (default: the figure's ``layout.height``, else 450 px), "stretch",
            or pixels.
        theme: "streamlit" (default) draws in the page's colours and fonts; None keeps
            Plotly's own look.
        key: A name for the chart; with selections on, ``st.session_state[key]`` holds the
            selection.
        on_select: "ignore" (default: a plain chart), "rerun" (selecting reruns the app and
            the command returns the selection), or a callable run before the rerun.
        selection_mode: "points", "box", "lasso", or several of them (default all three).
        config: Plotly's config options (``scrollZoom``, ``displayModeBar`` ...); the Plotly
            logo and "send to cloud" are off unless set.
        alt: A description of the chart for screen readers (its accessible name).

    Returns:
        The chart's slot, or with ``on_select`` a dict-like state: ``state.selection`` has
        ``points``, ``point_indices``, ``box`` and ``lasso``, as in Streamlit.
    """
    if use_container_width is not None:
        _LOG.warning(
            "Please replace `use_container_width` with `width`.\n\n`use_container_width` will "
            "be removed after 2025-12-31.\n\nFor `use_container_width=True`, use "
            "`width='stretch'`. For `use_container_width=False`, use `width='content'`."
        )
        if use_container_width:
            width = "stretch"
        elif not isinstance(width, int):
            width = "content"
    check_width(width, allow_content=True)
    check_height(height, allow_content=True)
    if theme not in ("streamlit", None):
        raise value_error("theme", ["'streamlit'", "None"])
    check_on_select(on_select)
    check_key(key)
    active = on_select != "ignore"
    modes = parse_selection_modes(selection_mode) if active else []
    if config is not None and not isinstance(config, dict):
        raise RilletAPIException(
            f"The `config` of st.plotly_chart must be a dict, not {type(config).__name__}."
        )
    try:
        config_json = msgspec.json.decode(msgspec.json.encode(config or {}))
    except (TypeError, msgspec.EncodeError) as err:
        raise TypeError(f"The Plotly `config` is not JSON serializable: {err}") from None

    spec = _figure_json(_to_figure(figure_or_data))
    layout = spec.setdefault("layout", {})
    props: dict[str, Any] = {"figure": spec, "config": config_json, "theme": theme}
    if theme == "streamlit" and layout.get("template") == _default_template():
        del layout["template"]
        props["page_template"] = True
    props["width"] = _content_size(layout, "width", _CONTENT_WIDTH) if width == "content" else width
    props["height"] = (
        _content_size(layout, "height", _CONTENT_HEIGHT) if height == "content" else height
    )
    shown_alt = alt_text(alt)
    if shown_alt is not None:
        props["alt"] = shown_alt
    if active:
        props["selection_mode"] = modes
    digest = hashlib.blake2b(msgspec.json.encode(props), digest_size=16).hexdigest()
    return emit_chart(
        "plotly_chart",
        props,
        key=key,
        on_select=on_select,
        identity=(digest,),
        empty=empty_selection,
        decode=lambda wire: decode_selection(wire, modes),
    )
