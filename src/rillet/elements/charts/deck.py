"""``st.map`` and ``st.pydeck_chart``: layers of geographic data drawn by deck.gl in the browser.

Both send a deck in pydeck's JSON form (``@@type`` names a layer class, ``@@=`` an accessor
expression), which the browser turns into deck.gl layers with deck.gl's own JSON converter.
``map`` builds a ScatterplotLayer from a table as Streamlit does (column detection, colour
and size from a column or a value, zoom and centre fitted to the points); its points travel
as the element's rows, so a map redrawn with points appended sends only the new points.
The base map's tiles come from the network and are not drawn: the layers are drawn on a plain
background in the theme's colours, which also works without internet access.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from typing import Any

from rillet.elements.base import Container, command
from rillet.elements.charts.dispatch import type_name
from rillet.elements.charts.selection import ChartState, emit_chart, selection_active
from rillet.elements.frames import NUMBER, Frame, to_frame
from rillet.elements.validate import alt_text, check_height, check_width, type_error, value_error
from rillet.runtime.errors import RilletAPIException
from rillet.runtime.state import InvalidWidgetValue

__all__ = ["is_pydeck", "map", "pydeck_chart"]

EMPTY_MAP: dict[str, Any] = {
    "initialViewState": {"latitude": 0, "longitude": 0, "pitch": 0, "zoom": 1}
}
LATITUDE_NAMES = ("lat", "latitude", "LAT", "LATITUDE")
LONGITUDE_NAMES = ("lon", "longitude", "LON", "LONGITUDE")
# The browser draws "primary" in the theme's primary colour (as Streamlit's frontend does).
DEFAULT_COLOR = "primary"
DEFAULT_SIZE = 100
DEFAULT_ZOOM = 12
# Degrees spanned at each zoom level: the first level whose span holds the points is used.
_ZOOM_SPANS = (
    360, 180, 90, 45, 22.5, 11.25, 5.625, 2.813, 1.406, 0.703, 0.352, 0.176, 0.088, 0.044,
    0.022, 0.011, 0.005, 0.003, 0.001, 0.0005, 0.00025,
)  # fmt: skip
SELECTION_MODES = ("multi-object", "single-object")

_INVALID_COLOR = (
    "This does not look like a valid color: {!r}.\n\n"
    "Colors must be in one of the following formats:\n\n"
    "* Hex string with 3, 4, 6, or 8 digits. Example: `'#00ff00'`\n"
    "* List or tuple with 3 or 4 components. Example: `[1.0, 0.5, 0, 0.2]`"
)


def is_pydeck(obj: object) -> bool:
    """True for a ``pydeck.Deck`` (pydeck stays unimported)."""
    return type_name(obj) == "pydeck.bindings.deck.Deck"


# --- colours ----------------------------------------------------------------------------------


def _is_hex_color(color: object) -> bool:
    return (
        isinstance(color, str)
        and color.startswith("#")
        and color[1:].isalnum()
        and len(color) in (4, 5, 7, 9)
    )


def _is_color_tuple(color: object) -> bool:
    return (
        isinstance(color, tuple | list)
        and len(color) in (3, 4)
        and all(isinstance(c, int | float) and not isinstance(c, bool) for c in color)
    )


def is_color_like(color: object) -> bool:
    """A hex string, a css ``rgb(...)`` string, or 3 or 4 numbers (Streamlit's test)."""
    css = isinstance(color, str) and color.startswith(("rgb(", "rgba("))
    return _is_hex_color(color) or css or _is_color_tuple(color)


def to_int_color(color: object) -> list[int]:
    """A colour as deck.gl's ``[r, g, b(, a)]`` of 0..255; floats are fractions of 255."""
    if _is_hex_color(color):
        digits = str(color)[1:]
        if len(digits) in (3, 4):
            digits = "".join(2 * d for d in digits)
        if len(digits) == 6:
            digits += "ff"  # a hex colour is opaque unless it says otherwise (Streamlit)
        try:
            color = [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]
        except ValueError:
            raise RilletAPIException(_INVALID_COLOR.format(color)) from None
    if not _is_color_tuple(color):
        raise RilletAPIException(_INVALID_COLOR.format(color))
    parts: Sequence[float] = color  # type: ignore[assignment]
    return [min(255, max(0, int(c * 255) if isinstance(c, float) else int(c))) for c in parts]


# --- st.map -----------------------------------------------------------------------------------


def _raw_values(frame: Frame, column: int) -> list[Any]:
    """A column's values as the data holds them (a colour may be a tuple, which `Frame.cells`
    would turn into text)."""
    held = getattr(frame, "frame", None)  # pandas
    if held is not None:
        return list(held.iloc[:, column])
    table = getattr(frame, "table", None)  # pyarrow, polars
    if table is not None:
        return list(table.column(column).to_pylist())
    columns = getattr(frame, "columns", None)  # Python lists, numpy
    if isinstance(columns, list):
        return [v.tolist() if hasattr(v, "tolist") else v for v in columns[column]]
    return list(frame.cells(column, slice(None)))


def _position_column(frame: Frame, what: str, chosen: str | None, names: Sequence[str]) -> int:
    if isinstance(chosen, str) and chosen in frame.names:
        column = frame.names.index(chosen)
    else:
        column = next((frame.names.index(n) for n in names if n in frame.names), -1)
        if column < 0:
            allowed = ", ".join(repr(n) for n in sorted(names))
            existing = ", ".join(repr(n) for n in frame.names)
            raise RilletAPIException(
                f"Map data must contain a {what} column named: {allowed}. "
                f"Existing columns: {existing}"
            )
    name = frame.names[column]
    cells = frame.cells(column, slice(None))
    if any(c is None for c in cells):
        raise RilletAPIException(
            f"Column {name} is not allowed to contain null values, such as NaN, NaT, or None."
        )
    if frame.kinds[column] != NUMBER or any(isinstance(c, bool) for c in cells):
        raise RilletAPIException(
            f"Column {name} must contain numbers (the {what} in degrees), not "
            f"{type(next(iter(cells), None)).__name__} values."
        )
    return column


def zoom_for(span: float) -> int:
    """The zoom level that shows ``span`` degrees (Streamlit's table); 12 for a point."""
    for level in range(len(_ZOOM_SPANS) - 1):
        if _ZOOM_SPANS[level + 1] < span <= _ZOOM_SPANS[level]:
            return level
    return DEFAULT_ZOOM


def map_spec(
    data: Any,
    latitude: str | None,
    longitude: str | None,
    color: Any,
    size: Any,
    zoom: int | None,
) -> tuple[dict[str, Any], list[str], list[list[Any]]]:
    """The deck of ``st.map`` without its points, the points' column names, and the points."""
    spec = copy.deepcopy(EMPTY_MAP)
    if data is None or (hasattr(data, "empty") and data.empty):
        return spec, [], []
    frame = to_frame(data)
    if frame.nrows == 0:
        return spec, [], []
    lat = _position_column(frame, "latitude", latitude, LATITUDE_NAMES)
    lon = _position_column(frame, "longitude", longitude, LONGITUDE_NAMES)
    size_column = size if isinstance(size, str) and size in frame.names else None
    color_column = color if isinstance(color, str) and color in frame.names else None
    used = sorted(
        n for n in {frame.names[lat], frame.names[lon], size_column, color_column} if n is not None
    )
    columns: dict[str, list[Any]] = {
        name: frame.cells(frame.names.index(name), slice(None)) for name in used
    }
    if color_column is not None:
        values = _raw_values(frame, frame.names.index(color_column))
        if not values or not is_color_like(values[0]):
            raise RilletAPIException(
                f'Column "{color_column}" does not appear to contain valid colors.'
            )
        columns[color_column] = [to_int_color(v) for v in values]
        fill: Any = f"@@={color_column}"
    elif color is None or (isinstance(color, str) and color.lower() == DEFAULT_COLOR):
        fill = DEFAULT_COLOR
    else:
        fill = to_int_color(color)
    lats, lons = columns[frame.names[lat]], columns[frame.names[lon]]
    if zoom is None:
        zoom = zoom_for(max(abs(max(lats) - min(lats)), abs(max(lons) - min(lons))))
    view = spec["initialViewState"]
    view.update(
        latitude=(max(lats) + min(lats)) / 2.0, longitude=(max(lons) + min(lons)) / 2.0, zoom=zoom
    )
    radius = f"@@={size_column}" if size_column else (DEFAULT_SIZE if size is None else size)
    spec["layers"] = [
        {
            "@@type": "ScatterplotLayer",
            "getPosition": f"@@=[{frame.names[lon]}, {frame.names[lat]}]",
            "getRadius": radius,
            "radiusMinPixels": 3,
            "radiusUnits": "meters",
            "getFillColor": fill,
        }
    ]
    rows = [list(r) for r in zip(*(columns[n] for n in used), strict=True)]
    return spec, used, rows


def with_points(spec: dict[str, Any], columns: list[str], rows: list[list[Any]]) -> dict[str, Any]:
    """``st.map``'s deck with its points put back as the layer's data (Streamlit's JSON)."""
    full = copy.deepcopy(spec)
    if full.get("layers"):
        full["layers"][0]["data"] = [dict(zip(columns, r, strict=True)) for r in rows]
    return full


def _size_props(width: Any, height: Any, use_container_width: bool | None) -> dict[str, Any]:
    if use_container_width:
        width = "stretch"  # False keeps the width given (Streamlit)
    return {"width": check_width(width), "height": check_height(height)}


@command
def map(
    data: Any = None,
    *,
    latitude: str | None = None,
    longitude: str | None = None,
    color: Any = None,
    size: Any = None,
    zoom: int | None = None,
    width: int | str = "stretch",
    height: int | str = 500,
    use_container_width: bool | None = None,
    alt: str | None = None,
) -> Container:
    """Display points on a map: a scatterplot of a table's latitudes and longitudes.

    Args:
        data: A table (pandas, pyarrow, polars, numpy, a dict of columns, a list of rows)
            with a latitude and a longitude column. None shows an empty map.
        latitude: The latitude column; by default the first of "lat", "latitude", "LAT",
            "LATITUDE" the data has.
        longitude: The longitude column; by default "lon", "longitude", "LON" or "LONGITUDE".
        color: The points' colour: a column of colours, or one colour for every point (a hex
            string, or 3 or 4 numbers, floats 0..1 or ints 0..255). Default: the theme's
            primary colour.
        size: The points' radius in metres: a column, or one number (default 100).
        zoom: The zoom level (Google Maps' scale); by default it fits the points.
        width: "stretch" (default) or a number of pixels.
        height: A number of pixels (default 500) or "stretch".
        use_container_width: Deprecated: True means ``width="stretch"``; False keeps
            ``width``.
        alt: A description of the map for screen readers (its accessible name).
    """
    spec, columns, rows = map_spec(data, latitude, longitude, color, size, zoom)
    props: dict[str, Any] = {"spec": spec, "columns": columns}
    props.update(_size_props(width, height, use_container_width))
    shown_alt = alt_text(alt)
    if shown_alt is not None:
        props["alt"] = shown_alt
    return emit_chart("map", props, rows=rows)  # type: ignore[return-value]


# --- st.pydeck_chart --------------------------------------------------------------------------


def deck_spec(pydeck_obj: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The deck as JSON and its tooltip (pydeck keeps that outside the JSON)."""
    if pydeck_obj is None:
        return copy.deepcopy(EMPTY_MAP), None
    if not callable(getattr(pydeck_obj, "to_json", None)):
        raise type_error("pydeck_obj", pydeck_obj, ["pydeck.Deck"])
    spec = json.loads(pydeck_obj.to_json())
    widget = getattr(pydeck_obj, "deck_widget", None)
    tooltip = getattr(widget, "tooltip", None) if widget is not None else None
    if not isinstance(tooltip, dict):
        tooltip = getattr(pydeck_obj, "_tooltip", None)
    return spec, tooltip if isinstance(tooltip, dict) else None


def check_selection_mode(selection_mode: object) -> str:
    """A single selection mode, with Streamlit's errors."""
    if not isinstance(selection_mode, str):
        raise RilletAPIException(
            f"{type_error('selection_mode', selection_mode, ['str'])} "
            "Selection mode must be a single value."
        )
    if selection_mode not in SELECTION_MODES:
        raise value_error("selection_mode", [f"'{m}'" for m in SELECTION_MODES])
    return selection_mode


def empty_selection() -> dict[str, Any]:
    """Nothing selected: Streamlit's ``PydeckSelectionState``."""
    return {"indices": {}, "objects": {}}


def selection_decoder(spec: dict[str, Any], mode: str) -> Any:
    """Checks what the browser sends as the selection of the deck ``spec``.

    The browser sends the picked indices per layer id; the objects are taken from the layer's
    own data here (the browser's copy would be trusted data otherwise), or from what the
    browser sends for a layer whose data it loaded from a URL.
    """
    layers = {
        str(layer["id"]): layer.get("data")
        for layer in spec.get("layers") or []
        if isinstance(layer, dict) and "id" in layer
    }

    def decode(wire: Any) -> dict[str, Any]:
        if not isinstance(wire, dict) or not set(wire) <= {"indices", "objects"}:
            raise InvalidWidgetValue(f"a deck selection must be indices and objects: {wire!r}")
        indices, objects = wire.get("indices", {}), wire.get("objects", {})
        if not isinstance(indices, dict) or not isinstance(objects, dict):
            raise InvalidWidgetValue("a deck selection maps layer ids to lists")
        picked = {"indices": {}, "objects": {}}  # type: dict[str, dict[str, list[Any]]]
        for layer_id, found in indices.items():
            data = layers.get(layer_id, False)
            if data is False:
                raise InvalidWidgetValue(f"no layer has the id {layer_id!r}")
            if not isinstance(found, list) or not all(
                isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in found
            ):
                raise InvalidWidgetValue(f"indices of layer {layer_id!r} must be a list of ints")
            if not found:
                continue
            if isinstance(data, list):
                if max(found) >= len(data):
                    raise InvalidWidgetValue(f"an index beyond layer {layer_id!r}'s data")
                chosen: Any = [data[i] for i in found]
            else:
                chosen = objects.get(layer_id)
                if not isinstance(chosen, list) or len(chosen) != len(found):
                    raise InvalidWidgetValue(f"objects of layer {layer_id!r} do not match")
                if not all(isinstance(o, dict) for o in chosen):
                    raise InvalidWidgetValue(f"objects of layer {layer_id!r} must be objects")
            picked["indices"][layer_id] = list(found)
            picked["objects"][layer_id] = chosen
        if mode == "single-object" and sum(len(v) for v in picked["indices"].values()) > 1:
            raise InvalidWidgetValue("a single-object selection holds one object")
        return picked

    return decode


@command
def pydeck_chart(
    pydeck_obj: Any = None,
    *,
    width: int | str = "stretch",
    use_container_width: bool | None = None,
    height: int | str = 500,
    selection_mode: str = "single-object",
    on_select: Any = "ignore",
    key: str | int | None = None,
    alt: str | None = None,
) -> Container | ChartState:
    """Display a pydeck chart (deck.gl layers, optionally selectable).

    Args:
        pydeck_obj: The ``pydeck.Deck`` to draw; None shows an empty map.
        width: "stretch" (default) or a number of pixels.
        use_container_width: Deprecated: True means ``width="stretch"``; False keeps
            ``width``.
        height: A number of pixels (default 500) or "stretch".
        selection_mode: "single-object" (default: a click selects one object) or
            "multi-object" (each click adds or removes an object). Used with ``on_select``.
        on_select: "ignore" (default: no selections), "rerun" (a selection reruns the app
            and the command returns it) or a callable (called on a selection, before the
            rerun). Give your layers an ``id`` so a selection survives reruns.
        key: A key for the chart's selection, to read it from ``st.session_state``.
        alt: A description of the chart for screen readers (its accessible name).

    Returns:
        With selections on, the selection as ``{"selection": {"indices": {layer_id:
        [...]}, "objects": {layer_id: [...]}}}`` (also readable as attributes); else the
        chart's container.
    """
    spec, tooltip = deck_spec(pydeck_obj)
    props: dict[str, Any] = {"spec": spec}
    if tooltip is not None:
        props["tooltip"] = tooltip
    props.update(_size_props(width, height, use_container_width))
    shown_alt = alt_text(alt)
    if shown_alt is not None:
        props["alt"] = shown_alt
    if not selection_active(on_select, "pydeck_chart"):
        return emit_chart("pydeck_chart", props)
    mode = check_selection_mode(selection_mode)
    props["selection_mode"] = mode
    return emit_chart(
        "pydeck_chart",
        props,
        key=key,
        on_select=on_select,
        identity=(mode, json.dumps(spec, sort_keys=True), shown_alt),
        empty=empty_selection,
        decode=selection_decoder(spec, mode),
    )
