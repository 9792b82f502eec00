"""``echarts_chart``: an Apache ECharts option drawn in the browser by ECharts, optionally a widget
whose value is what the user selected (``selectedMode`` points, ``brush`` regions).

The option travels as JSON; a dataframe in ``dataset.source`` becomes rows (JSON cells, column
names as ``dataset.dimensions``). The first such dataset is the element's growable ``rows``, so
a live chart whose frame gains rows sends only the new ones. Options ECharts cannot draw without
JavaScript or extensions (callbacks, ``custom`` series, maps, ECharts GL) are refused with
Streamlit's errors, at the line that passed them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

import msgspec

from rillet.elements.base import Container, check_key, command
from rillet.elements.charts.selection import ChartState, check_on_select, emit_chart
from rillet.elements.frames import is_dataframe_like, to_frame
from rillet.elements.validate import alt_text, check_height, check_width, type_error, value_error
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue

__all__ = ["decode_selection", "echarts_chart", "empty_selection"]

_LOG = logging.getLogger(__name__)
_CONTENT_WIDTH = 700
_CONTENT_HEIGHT = 350
# pyecharts fills these in even when the author chose no size: they count as unset.
_PYECHARTS_SIZES = {"width": "900px", "height": "500px"}
_GL_SERIES = frozenset(
    "bar3D flowGL globe graphGL line3D lines3D linesGL map3D polygons3D scatter3D scatterGL "
    "surface".split()
)
_GL_COMPONENTS = frozenset({"geo3D", "globe", "grid3D", "mapbox3D", "maptalks3D"})
_EXTENSION_SERIES = {"liquidFill": "echarts-liquidfill", "wordCloud": "echarts-wordcloud"}
_JS_FUNCTION = re.compile(r"\bfunction\s*\(")
_JSCODE = "--x_x--"
_BRUSH_TYPES = ("rect", "polygon", "lineX", "lineY")
_DATA_TYPES = ("main", "node", "edge")


def _js_callback_error() -> RilletAPIException:
    return RilletAPIException(
        "The provided ECharts spec contains JavaScript callbacks (e.g. `function` values or "
        "`JsCode`), which `st.echarts_chart` does not support. Only JSON-compatible option "
        "objects are supported. Use ECharts string-template formatters instead of JavaScript "
        "functions."
    )


def _has_jscode(value: Any) -> bool:
    if isinstance(value, str):
        text = value.strip()
        return text.startswith(_JSCODE) and text.endswith(_JSCODE) and len(text) > 2 * len(_JSCODE)
    if isinstance(value, dict):
        return any(_has_jscode(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_jscode(v) for v in value)
    return False


def _loads(raw: str) -> Any:
    try:
        option = json.loads(raw)
    except ValueError as err:
        rest = raw[err.pos :] if isinstance(err, json.JSONDecodeError) else raw
        if _JS_FUNCTION.search(rest) or "=>" in rest:
            raise _js_callback_error() from err
        raise RilletAPIException(
            "The provided ECharts spec could not be parsed as JSON. `st.echarts_chart` only "
            "supports JSON-compatible option objects."
        ) from err
    if _has_jscode(option):
        raise _js_callback_error()
    return option


def _copy(value: Any) -> Any:
    """Copy the dicts and lists we may change; dataframes (and plain arrays) are shared."""
    if isinstance(value, Mapping):
        return {k: v if is_dataframe_like(v) else _copy(v) for k, v in value.items()}
    if isinstance(value, list | tuple) and any(isinstance(v, Mapping) for v in value):
        return [_copy(v) for v in value]
    return value


def _entries(value: Any, key: str) -> Iterator[Any]:
    if value is None:
        return
    if not isinstance(value, list | tuple):
        raise RilletAPIException(
            f"The provided ECharts spec has a `{key}` value that is not a list. "
            "`st.echarts_chart` only supports JSON-compatible option objects."
        )
    yield from value


def _variants(option: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The option, its timeline (``baseOption``, ``options``) and ``media`` variants."""

    def with_media(variant: dict[str, Any]) -> Iterator[dict[str, Any]]:
        yield variant
        for media in _entries(variant.get("media"), "media"):
            if isinstance(media, dict) and isinstance(media.get("option"), dict):
                yield media["option"]

    yield from with_media(option)
    if isinstance(option.get("baseOption"), dict):
        yield from with_media(option["baseOption"])
    for tick in _entries(option.get("options"), "options"):
        if isinstance(tick, dict):
            yield from with_media(tick)


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
    elif isinstance(value, list | tuple):
        yield from (v for v in value if isinstance(v, dict))


def _series(option: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for variant in _variants(option):
        yield from _dicts(variant.get("series"))


def _check_features(option: dict[str, Any]) -> None:
    """Refuse what ECharts would draw empty or fail on late: GL, extensions, custom, maps."""
    uses_geo = any("geo" in v for v in _variants(option))
    gl = sorted(c for v in _variants(option) for c in _GL_COMPONENTS & v.keys())
    if gl:
        raise RilletAPIException(
            f"The provided ECharts spec uses the `{gl[0]}` component, which requires the "
            "ECharts GL extension. `st.echarts_chart` does not support 3D or WebGL charts."
        )
    for series in _series(option):
        kind = series.get("type")
        uses_geo = uses_geo or series.get("coordinateSystem") == "geo" or kind == "map"
        if kind in _GL_SERIES:
            raise RilletAPIException(
                f"The provided ECharts spec uses the `{kind}` series, which requires the "
                "ECharts GL extension. `st.echarts_chart` does not support 3D or WebGL charts."
            )
        if isinstance(kind, str) and kind in _EXTENSION_SERIES:
            raise RilletAPIException(
                f"The provided ECharts spec uses the `{kind}` series, which requires the "
                f"`{_EXTENSION_SERIES[kind]}` extension. `st.echarts_chart` bundles only core "
                "ECharts, so this chart would render empty."
            )
        if kind == "custom":
            raise RilletAPIException(
                "The provided ECharts spec uses a `custom` series, which requires a JavaScript "
                "`renderItem` callback. `st.echarts_chart` only supports JSON-compatible option "
                "objects, so custom series are not supported."
            )
    if uses_geo:
        raise RilletAPIException(
            "The provided ECharts spec uses a map or geo coordinate system, which requires "
            "registering GeoJSON map data. `st.echarts_chart` does not support map charts."
        )


def _enables_selection(option: dict[str, Any]) -> bool:
    for variant in _variants(option):
        if "brush" in variant:
            return True
        for toolbox in _dicts(variant.get("toolbox")):
            if isinstance(toolbox.get("feature"), dict) and "brush" in toolbox["feature"]:
                return True
    return any(series.get("selectedMode") for series in _series(option))


def _datasets(option: dict[str, Any]) -> Iterator[tuple[dict[str, Any], int]]:
    """Every dataset of every variant, with its place in the top-level option (-1: the one
    dataset object, i: entry i of the list, -2: inside a timeline or media variant)."""
    for n, variant in enumerate(_variants(option)):
        dataset = variant.get("dataset")
        if isinstance(dataset, dict):
            yield dataset, -1 if n == 0 else -2
        elif isinstance(dataset, list | tuple):
            for i, entry in enumerate(dataset):
                if isinstance(entry, dict):
                    yield entry, i if n == 0 else -2


def _frame_rows(dataset: dict[str, Any]) -> list[list[Any]]:
    """Turn a dataframe ``source`` into JSON rows; its columns become the dimensions."""
    frame = to_frame(dataset["source"])
    dataset.setdefault("dimensions", list(frame.names))
    # The rows hold data only: a first row of names must not be read as a header.
    dataset.setdefault("sourceHeader", False)
    return frame.rows(slice(0, frame.nrows), range(len(frame.names)))


def _take_rows(option: dict[str, Any]) -> tuple[int | None, list[list[Any]] | None]:
    """Convert dataframe sources; the first top-level one leaves the option as the rows."""
    place: int | None = None
    rows: list[list[Any]] | None = None
    for dataset, where in list(_datasets(option)):
        if not is_dataframe_like(dataset.get("source")):
            continue
        converted = _frame_rows(dataset)
        if place is None and where != -2:
            place, rows = where, converted
            dataset["source"] = []
        else:
            dataset["source"] = converted
    return place, rows


def _find_unserializable(value: Any, path: str) -> tuple[str, Any] | None:
    if isinstance(value, float):
        return None if math.isfinite(value) else (path, value)
    if value is None or isinstance(value, str | int):
        return None
    if isinstance(value, dict):
        for k, v in value.items():
            found = _find_unserializable(v, f"{path}.{k}" if path else str(k))
            if found:
                return found
        return None
    if isinstance(value, list | tuple):
        for i, v in enumerate(value):
            found = _find_unserializable(v, f"{path}[{i}]")
            if found:
                return found
        return None
    return path, value


def _check_serializable(option: dict[str, Any]) -> None:
    try:
        json.dumps(option, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as err:
        try:
            found = _find_unserializable(option, "")
        except RecursionError:
            found = None
        detail = ""
        if found is not None:
            path, value = found
            if isinstance(value, float):
                what = "`NaN`" if math.isnan(value) else f"`{value!r}`"
                detail = f" `{path}` is {what}. Use `None` for missing or non-finite numbers."
            else:
                detail = f" `{path}` is a `{type(value).__qualname__}`."
        raise RilletAPIException(
            f"The provided ECharts spec is not JSON-serializable.{detail} `st.echarts_chart` "
            "only supports JSON-compatible option objects. Pass chart data as a dataframe in "
            "`dataset.source`, which converts datetimes, NumPy values, and missing values "
            "automatically. Values anywhere else (for example `series.data`) must already be "
            "plain Python values such as `int`, `float`, `str`, `None`, lists, and dicts."
        ) from err


def _normalize(spec: Any) -> dict[str, Any]:
    if isinstance(spec, str):
        option = _loads(spec)
    elif isinstance(spec, Mapping):
        option = _copy(spec)
    elif callable(getattr(spec, "dump_options", None)):
        option = _loads(spec.dump_options())
    else:
        raise type_error("spec", spec, ["dict", "str", "pyecharts chart"])
    if not isinstance(option, dict):
        raise RilletAPIException(
            "Invalid `spec` type. Expected one of: dict. Provided type: "
            f"{type(option).__name__}. An ECharts spec must be a JSON object (mapping)."
        )
    _check_features(option)
    return option


def _content_size(spec: Any, name: str, size: object, default: int) -> int | str:
    if size != "content":
        return size  # type: ignore[return-value]
    own = getattr(spec, name, None)
    if isinstance(own, int | float) and not isinstance(own, bool) and own > 0:
        return int(own)
    if isinstance(own, str) and own.strip() != _PYECHARTS_SIZES[name]:
        text = own.strip()
        if text == "100%":
            return "stretch"
        match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*px", text)
        if match and float(match.group(1)) >= 1:
            return int(float(match.group(1)))
    return default


def empty_selection() -> dict[str, Any]:
    """Nothing selected (Streamlit's ``EChartsSelectionState``)."""
    return {"selected": [], "areas": []}


def _index(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidWidgetValue(f"{what} must be a non-negative integer, got {value!r}")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidWidgetValue(f"{what} must be a list, got {value!r}")
    return value


def _name(value: Any, what: str) -> str | int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
        raise InvalidWidgetValue(f"{what} must be text or None, got {value!r}")
    return value


def decode_selection(wire: Any) -> dict[str, Any]:
    """Check a selection the browser sent: series groups of sorted data indices, and brush
    regions in data coordinates."""
    if not isinstance(wire, dict) or not set(wire) <= {"selected", "areas"}:
        raise InvalidWidgetValue(f"expected an ECharts selection, got {wire!r}")
    selected = []
    for group in _list(wire.get("selected", []), "selected"):
        if not isinstance(group, dict) or set(group) != {
            "series_index", "series_id", "series_name", "data_type", "data_indices"
        }:  # fmt: skip
            raise InvalidWidgetValue(f"a selected group is malformed: {group!r}")
        if group["data_type"] not in _DATA_TYPES:
            raise InvalidWidgetValue(f"unknown data_type {group['data_type']!r}")
        indices = group["data_indices"]
        if not isinstance(indices, list):
            raise InvalidWidgetValue("data_indices must be a list")
        selected.append(
            {
                "series_index": _index(group["series_index"], "series_index"),
                "series_id": _name(group["series_id"], "series_id"),
                "series_name": _name(group["series_name"], "series_name"),
                "data_type": group["data_type"],
                "data_indices": sorted({_index(i, "a data index") for i in indices}),
            }
        )
    areas = []
    for area in _list(wire.get("areas", []), "areas"):
        if not isinstance(area, dict) or set(area) != {"brush_index", "brush_type", "coord_range"}:
            raise InvalidWidgetValue(f"a brush area is malformed: {area!r}")
        if area["brush_type"] not in _BRUSH_TYPES:
            raise InvalidWidgetValue(f"unknown brush_type {area['brush_type']!r}")
        if not isinstance(area["coord_range"], list):
            raise InvalidWidgetValue("coord_range must be a list")
        areas.append({**area, "brush_index": _index(area["brush_index"], "brush_index")})
    return {"selected": selected, "areas": areas}


@command
def echarts_chart(
    spec: Any,
    *,
    width: int | str = "stretch",
    height: int | str = "content",
    theme: str | None = "streamlit",
    key: str | int | None = None,
    on_select: Any = "ignore",
    renderer: str = "canvas",
    alt: str | None = None,
) -> Container | ChartState:
    """Show an interactive Apache ECharts chart; with ``on_select``, a widget returning the
    selection.

    ECharts draws it in the browser (gauges, sankey, graphs, candlesticks, radar ...); the
    page loads ECharts only when it first shows such a chart.

    Parameters:
        spec: An ECharts option: a dict (as passed to ``setOption``), its JSON text, or a
            pyecharts chart (anything with ``dump_options()``). A dataframe (pandas, polars,
            pyarrow, numpy) in ``dataset.source`` is sent as rows, its columns as dimensions.
        width: "stretch" (default), "content" (700 px, or a pyecharts chart's own width), or
            pixels.
        height: "content" (default: 350 px, or a pyecharts chart's own height), "stretch", or
            pixels.
        theme: "streamlit" (default) draws in the page's colours and fonts; None keeps
            ECharts' default theme.
        key: A name for the chart; with selections on, ``st.session_state[key]`` holds the
            selection.
        on_select: "ignore" (default), "rerun" (selecting reruns the app and the command
            returns the selection), or a callable run before the rerun. The spec enables what
            can be selected: ``selectedMode`` on a series, a ``brush`` component.
        renderer: "canvas" (default, best for much data) or "svg".
        alt: A description of the chart for screen readers (ECharts'
            ``aria.label.description``).

    Returns:
        The chart's slot, or with ``on_select`` a dict-like state: ``state.selection`` has
        ``selected`` (per series: ``series_index``, ``series_id``, ``series_name``,
        ``data_type``, ``data_indices``) and ``areas`` (brush regions), as in Streamlit.
    """
    check_width(width, allow_content=True)
    check_height(height, allow_content=True)
    if theme not in ("streamlit", None):
        raise value_error("theme", ["'streamlit'", "None"])
    if renderer not in ("canvas", "svg"):
        raise value_error("renderer", ["'canvas'", "'svg'"])
    check_on_select(on_select)
    check_key(key)
    active = on_select != "ignore"
    option = _normalize(spec)
    shown_alt = alt_text(alt)
    if active and not _enables_selection(option):
        _LOG.warning(
            "`st.echarts_chart` has selections activated through `on_select`, but the provided "
            "spec doesn't enable any: no series sets `selectedMode`, there is no `brush` "
            "component, and no `toolbox.feature.brush`. The chart will render, but it will "
            "never return a selection."
        )
    place, rows = _take_rows(option)
    _check_serializable(option)
    props: dict[str, Any] = {
        "spec": option,
        "theme": theme,
        "renderer": renderer,
        "width": _content_size(spec, "width", width, _CONTENT_WIDTH),
        "height": _content_size(spec, "height", height, _CONTENT_HEIGHT),
    }
    if shown_alt is not None:
        props["alt"] = shown_alt
    if place is not None:
        props["rows_dataset"] = place
    # An unkeyed chart with selections is told apart by its content, rows included.
    identity = hashlib.blake2b(msgspec.json.encode([props, rows]), digest_size=16).hexdigest()
    return emit_chart(
        "echarts_chart",
        props,
        rows=rows,
        key=key,
        on_select=on_select,
        identity=(identity,),
        empty=empty_selection,
        decode=decode_selection,
    )
