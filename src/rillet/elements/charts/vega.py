"""``altair_chart`` and ``vega_lite_chart``: Vega-Lite charts drawn in the browser by Vega,
optionally widgets whose value is what the user selected in them.

Every Vega-Lite chart (the built-in ones too) reaches the browser as one element: the spec,
whose main dataset is named ``data`` and travels as the element's rows (so rows appended on a
rerun, or by ``add_rows``, send only themselves), the other named datasets in props, and the
theme, size and selection settings. See docs/elements/charts.md for the props.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import Any

import msgspec

from rillet.elements.base import Container, check_key, command
from rillet.elements.charts import addrows
from rillet.elements.charts.dispatch import chart_command
from rillet.elements.charts.selection import (
    ChartState,
    check_on_select,
    emit_chart,
    selection_active,
)
from rillet.elements.charts.vegaspec import (
    Prepared,
    altair_to_spec,
    default_width,
    prepare,
    selection_params,
)
from rillet.elements.validate import check_height, check_width, value_error
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue

__all__ = ["MAX_ROWS", "altair_chart", "emit_vega", "vega_lite_chart"]

_LOG = logging.getLogger(__name__)

# The most rows (over all datasets) an Altair or Vega-Lite chart may send to the browser. A
# browser draws a few hundred thousand marks slowly and holds their data in memory; bigger
# data wants aggregating in Python first.
MAX_ROWS = 250_000


def normalize_alt(alt: object) -> str | None:
    """The chart's accessible name: None for none, a blank one included."""
    if alt is None:
        return None
    if not isinstance(alt, str):
        raise RilletAPIException(f"`alt` must be a string or None, not {type(alt).__name__}.")
    if not alt.strip():
        _LOG.info("An empty `alt` gives a chart no accessible name; it keeps Vega's default.")
        return None
    return alt


def resolve_width(width: object, use_container_width: bool | None) -> object:
    """The width after the deprecated ``use_container_width`` has had its say."""
    if use_container_width is None:
        return width
    _LOG.warning(
        "Please replace `use_container_width` with `width`.\n\n`use_container_width` will be "
        "removed after 2025-12-31.\n\nFor `use_container_width=True`, use `width='stretch'`. "
        "For `use_container_width=False`, use `width='content'` or specify an integer width."
    )
    if use_container_width:
        return "stretch"
    return width if isinstance(width, int) and not isinstance(width, bool) else "content"


def parse_selection_modes(spec: dict[str, Any], selection_mode: object) -> list[str]:
    """The selection parameters to report, sorted; Streamlit's errors when the spec has none
    or a name is not one of them."""
    available = selection_params(spec)
    if not available:
        raise RilletAPIException(
            "Selections are activated, but the provided chart spec does not have any "
            "selections defined. To add selections to `st.altair_chart`, check out the "
            "documentation [here](https://altair-viz.github.io/user_guide/interactions.html"
            "#selections-capturing-chart-interactions). For adding selections to "
            "`st.vega_lite_chart`, take a look at the specification "
            "[here](https://vega.github.io/vega-lite/docs/selection.html)."
        )
    if selection_mode is None:
        return sorted(available)
    modes = [selection_mode] if isinstance(selection_mode, str) else list(selection_mode)  # type: ignore[call-overload]
    for name in modes:
        if name not in available:
            raise RilletAPIException(
                f"Selection parameter '{name}' is not defined in the chart spec. Available "
                f"selection parameters are: {available}."
            )
    return sorted(modes)


# --- selections -----------------------------------------------------------------------------------


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _decode_param(name: str, value: Any) -> Any:
    """One parameter's selection: ``{}`` (nothing), a list of selected points (dicts of field
    values), or an interval (field -> its extent, or the values it spans)."""
    if isinstance(value, list):
        for point in value:
            if not isinstance(point, dict) or not all(
                isinstance(k, str) and _scalar(v) for k, v in point.items()
            ):
                raise InvalidWidgetValue(f"selection {name!r}: points must be field -> value")
        return value
    if isinstance(value, dict):
        for key, extent in value.items():
            if not isinstance(extent, list) or not all(_scalar(v) for v in extent):
                raise InvalidWidgetValue(f"selection {name!r}: {key!r} must be a list of values")
        return value
    raise InvalidWidgetValue(f"selection {name!r} must be a list of points or an interval")


def selection_decoder(modes: list[str]) -> Callable[[Any], dict[str, Any]]:
    """Checks what the browser sends, ``{param: selection}``, against the chart's params."""

    def decode(wire: Any) -> dict[str, Any]:
        if not isinstance(wire, dict):
            raise InvalidWidgetValue(f"expected {{parameter: selection}}, got {wire!r}")
        unknown = set(wire) - set(modes)
        if unknown:
            raise InvalidWidgetValue(f"unknown selection parameters {sorted(unknown)}")
        return {name: _decode_param(name, wire.get(name, {})) for name in modes}

    return decode


# --- the element ----------------------------------------------------------------------------------


def emit_vega(
    kind: str,
    prepared: Prepared,
    *,
    theme: str | None,
    width: object,
    height: object,
    alt: str | None,
    notice: str | None = None,
    key: object = None,
    on_select: object = "ignore",
    selection_mode: object = None,
    appender: addrows.Appender | None = None,
) -> Container | ChartState:
    """Write a Vega-Lite chart element (see the module's note); with selections, return the
    chart's state. ``appender`` lets ``add_rows`` grow the chart later."""
    props: dict[str, Any] = {
        "spec": prepared.spec,
        "columns": prepared.main.columns if prepared.main else [],
    }
    if prepared.datasets:
        props["datasets"] = {n: d.wire() for n, d in prepared.datasets.items()}
    props.update(theme=theme, width=width, height=height, alt=alt)
    if notice:
        props["notice"] = notice
    rows = prepared.main.rows if prepared.main is not None else None
    if not selection_active(on_select, kind):
        written = emit_chart(kind, props, rows=rows)
        if appender is not None and isinstance(written, Container):
            addrows.register(written, kind, appender)
        return written
    modes = parse_selection_modes(prepared.spec, selection_mode)
    props["selection_modes"] = modes
    identity: tuple[Any, ...] = (tuple(modes),)
    if key is None:
        digest = hashlib.blake2b(msgspec.json.encode([props, rows]), digest_size=16)
        identity = (digest.hexdigest(), *identity)
    return emit_chart(
        kind,
        props,
        rows=rows,
        key=key,
        on_select=on_select,
        identity=identity,
        empty=lambda: {name: {} for name in modes},
        decode=selection_decoder(modes),
    )


def check_size(prepared: Prepared) -> None:
    """Refuse data too big for a browser chart, saying what to do instead."""
    total = prepared.total_rows
    if total > MAX_ROWS:
        raise RilletAPIException(
            f"This chart's data has {total:,} rows, more than the {MAX_ROWS:,} rillet sends to "
            "a browser chart. Aggregate or sample it first (for example with pandas' "
            "`groupby(...).agg(...)` or `df.sample(n)`), or use st.line_chart and its kin, "
            "which downsample large data."
        )


def _vega_chart(
    kind: str,
    spec: dict[str, Any],
    data: Any,
    *,
    tables: dict[str, Any] | None,
    width: object,
    height: object,
    use_container_width: bool | None,
    theme: str | None,
    key: object,
    on_select: object,
    selection_mode: object,
    alt: object,
) -> Container | ChartState:
    if theme not in ("streamlit", None):
        raise value_error("theme", ["'streamlit'", "None"])
    check_on_select(on_select)
    check_key(key)
    if use_container_width is None and width is None:
        width = default_width(spec)
    width = resolve_width(width, use_container_width)
    if width is not None:
        check_width(width, allow_content=True)
    check_height(height, allow_content=True)
    stretch = use_container_width if use_container_width is not None else width == "stretch"
    prepared = prepare(spec, data, bool(stretch), tables)
    check_size(prepared)
    return emit_vega(
        kind,
        prepared,
        theme=theme,
        width=width,
        height=height,
        alt=normalize_alt(alt),
        key=key,
        on_select=on_select,
        selection_mode=selection_mode,
        appender=addrows.Appender(
            prepared.main.columns if prepared.main else None,
            {name: d.columns for name, d in prepared.datasets.items()},
            prepared.main_name,
        ),
    )


@command
def altair_chart(
    altair_chart: Any,
    *,
    width: int | str | None = None,
    height: int | str = "content",
    use_container_width: bool | None = None,
    theme: str | None = "streamlit",
    key: str | int | None = None,
    on_select: str | Callable[..., Any] = "ignore",
    selection_mode: str | Iterable[str] | None = None,
    alt: str | None = None,
) -> Container | ChartState:
    """Show a chart made with Vega-Altair; with ``on_select``, a widget returning the selection.

    The chart's data (each DataFrame in it) travels as tables, not as records in the spec, so
    a chart redrawn with rows appended sends only the new rows.

    Parameters:
        altair_chart: An Altair chart: ``alt.Chart``, or a layered, concatenated, faceted or
            repeated chart built from them.
        width: "stretch" (the container's width), "content" (the chart's own width), or
            pixels. None (default) stretches, except facet, horizontally concatenated and
            repeated charts, which keep their own width.
        height: "content" (default: the chart's own height), "stretch", or pixels.
        use_container_width: Deprecated: True is ``width="stretch"``, False ``"content"``.
        theme: "streamlit" (default) draws in the page's colours and fonts; None keeps
            Vega-Lite's own look.
        key: A name for the chart; with selections on, ``st.session_state[key]`` holds the
            selection.
        on_select: "ignore" (default: a plain chart), "rerun" (selecting reruns the app and
            the command returns the selection), or a callable run before the rerun.
        selection_mode: The selection parameters to report (a name or several); None
            (default) reports all the chart defines.
        alt: A description of the chart for screen readers.

    Returns:
        The chart's slot (``add_rows`` grows it), or with ``on_select`` a dict-like state
        whose ``selection`` maps each selection parameter to what is selected.
    """
    if chart_command(altair_chart) != "altair_chart":
        raise RilletAPIException(
            f"st.altair_chart takes an Altair chart (alt.Chart, alt.LayerChart ...), not "
            f"{type(altair_chart).__name__}. Show a Vega-Lite spec dict with "
            "st.vega_lite_chart."
        )
    spec, tables = altair_to_spec(altair_chart)
    return _vega_chart(
        "altair_chart",
        spec,
        None,
        tables=tables,
        width=width,
        height=height,
        use_container_width=use_container_width,
        theme=theme,
        key=key,
        on_select=on_select,
        selection_mode=selection_mode,
        alt=alt,
    )


@command
def vega_lite_chart(
    data: Any = None,
    spec: dict[str, Any] | None = None,
    *,
    width: int | str | None = None,
    height: int | str = "content",
    use_container_width: bool | None = None,
    theme: str | None = "streamlit",
    key: str | int | None = None,
    on_select: str | Callable[..., Any] = "ignore",
    selection_mode: str | Iterable[str] | None = None,
    alt: str | None = None,
) -> Container | ChartState:
    """Show a chart from a Vega-Lite spec; with ``on_select``, a widget returning the selection.

    Parameters:
        data: The chart's data (anything ``st.dataframe`` takes), drawn as the spec's main
            dataset; or the spec itself when ``spec`` is None. The data may also be in the
            spec: ``spec["data"]["values"]``, or named tables in ``spec["datasets"]``.
        spec: The Vega-Lite spec (a dict).
        width: "stretch" (the container's width), "content" (the chart's own width), or
            pixels. None (default) stretches, except facet, horizontally concatenated and
            repeated charts, which keep their own width.
        height: "content" (default: the chart's own height), "stretch", or pixels.
        use_container_width: Deprecated: True is ``width="stretch"``, False ``"content"``.
        theme: "streamlit" (default) draws in the page's colours and fonts; None keeps
            Vega-Lite's own look.
        key: A name for the chart; with selections on, ``st.session_state[key]`` holds the
            selection.
        on_select: "ignore" (default: a plain chart), "rerun" (selecting reruns the app and
            the command returns the selection), or a callable run before the rerun.
        selection_mode: The selection parameters to report (a name or several); None
            (default) reports all the spec defines.
        alt: A description of the chart for screen readers.

    Returns:
        The chart's slot (``add_rows`` grows it), or with ``on_select`` a dict-like state
        whose ``selection`` maps each selection parameter to what is selected.
    """
    if isinstance(data, dict) and spec is None:
        data, spec = None, data
    if spec is None:
        spec = {}
    if not isinstance(spec, dict):
        raise RilletAPIException(
            f"The `spec` of st.vega_lite_chart must be a dict (a Vega-Lite spec), not "
            f"{type(spec).__name__}."
        )
    return _vega_chart(
        "vega_lite_chart",
        spec,
        data,
        tables=None,
        width=width,
        height=height,
        use_container_width=use_container_width,
        theme=theme,
        key=key,
        on_select=on_select,
        selection_mode=selection_mode,
        alt=alt,
    )
