"""The Vega-Lite spec and long-format rows of a built-in chart (line, area, bar, scatter),
built as Streamlit 1.67 builds them through Altair, without Altair.

The spec is Streamlit's, field for field (tests compare the two), with three differences that
make a chart stream: its data is the dataset named ``data``; wide data is melted row by row
(each data row becomes one long row per ``y`` column, next to each other), so rows appended to
the data append rows to the chart; and nothing in the spec depends on the row count, except
where Streamlit's does too (the hover throttle of line charts above 1,000 points).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rillet.elements.charts.colors import (
    is_builtin_color_name,
    is_color_like,
    is_color_tuple_like,
    to_css_color,
)
from rillet.elements.charts.vegadata import (
    NOMINAL,
    ORDINAL,
    QUANTITATIVE,
    Cell,
    Column,
    Table,
    infer_python_type,
)
from rillet.elements.validate import value_error
from rillet.runtime.errors import RilletAPIException

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
LINE, AREA, BAR, HBAR, SCATTER = "line", "area", "bar", "hbar", "circle"

_SUFFIX = " -- streamlit-generated"
INDEX_NAME = "index" + _SUFFIX
VALUE_NAME = "value" + _SUFFIX
COLOR_NAME = "color" + _SUFFIX
_MISSING_FIELD = "DOES_NOT_EXIST" + _SUFFIX
_ALIAS_PREFIX = "col" + _SUFFIX + "-"
_SPECIAL = (".", "[", "]", "\\")
_COLOR_LEGEND = {"titlePadding": 5, "offset": 5, "orient": "bottom"}
_SIZE_LEGEND = {"titlePadding": 0.5, "offset": 5, "orient": "bottom"}
_HOVER_THROTTLE_ROWS = 1000


@dataclass
class Shape:
    """How a chart's data became its rows: `rows_for` shapes appended data the same way."""

    mark: str
    x: str | None  # the data column (or index) drawn on x, as the user names it
    x_from_index: bool
    ys: list[str]
    color_column: str | None
    size_column: str | None
    sort_column: str | None
    sources: list[str]  # the data column behind each kept (unmelted) column
    names: list[str]  # the kept columns' wire names (aliases where needed)
    melted: bool
    convert_colors: bool
    # Melting columns of different kinds mixes types: Streamlit sends such values as text.
    text_values: bool = False
    columns: list[str] = field(default_factory=list)  # the wire columns of each row

    @property
    def group(self) -> int:
        """Rows per data row (the number of melted ``y`` columns, else 1)."""
        return len(self._melted_ys()) if self.melted else 1

    def _melted_ys(self) -> list[str]:
        # pandas' melt leaves out value columns that are also id columns; so does rillet.
        ids = self._id_columns()
        return [y for y in self.ys if y not in ids]

    def rows_for(self, table: Table) -> list[list[Cell]]:
        """The long rows of ``table`` (the chart's data, or rows appended to it)."""
        cells = [
            _source(table, name, self.x_from_index and name == self.x) for name in self.sources
        ]
        if self.convert_colors and self.color_column is not None:
            i = self.sources.index(self.color_column)
            cells[i] = [_css(v) for v in _raw(table, self.color_column)]
        if not self.melted:
            return [list(r) for r in zip(*cells, strict=True)] if cells else []
        keep = [cells[self.sources.index(n)] for n in self._id_columns()]
        ys = self._melted_ys()
        values = [table.by_name[y].cells for y in ys]
        rows = []
        for i in range(table.nrows):
            head = [c[i] for c in keep]
            for y, column in zip(ys, values, strict=True):
                value = column[i]
                if self.text_values and value is not None:
                    value = str(value)
                rows.append([*head, y, value])
        return rows

    def _id_columns(self) -> list[str]:
        ids = [self.x] if self.x is not None else []
        for name in (self.size_column, self.sort_column):
            if name is not None and name not in ids:
                ids.append(name)
        return ids


def _source(table: Table, name: str, from_index: bool) -> list[Cell]:
    return table.index.cells if from_index else table.by_name[name].cells


def _raw(table: Table, name: str) -> list[Any]:
    column = table.by_name[name]
    return list(column.raw) if column.raw is not None else list(column.cells)


def _css(value: Any) -> Any:
    return to_css_color(value) if is_color_tuple_like(value) else value


def column_not_found(names: Sequence[str], name: object) -> RilletAPIException:
    """Streamlit's error for a column the data does not have."""
    return RilletAPIException(
        f'Data does not have a column named `"{name}"`. Available columns are `{", ".join(names)}`'
    )


def _color_mismatch(colors: object, ys: list[str]) -> RilletAPIException:
    return RilletAPIException(
        f"The list of colors `{colors}` must have the same length as the list of columns to "
        f"be colored `{ys}`."
    )


_INVALID_COLOR = """
This does not look like a valid color argument: `{}`.

The color argument can be:

* A hex string like "#ffaa00" or "#ffaa0088".
* An RGB or RGBA tuple with the red, green, blue, and alpha
  components specified as ints from 0 to 255 or floats from 0.0 to
  1.0.
* The name of a column.
* Or a list of colors, matching the number of y columns to draw.
            """


def check_stack(stack: object) -> None:
    """Streamlit's check of ``stack``."""
    if stack not in (None, True, False, "normalize", "center", "layered"):
        raise value_error(
            "stack", ["True", "False", "'normalize'", "'center'", "'layered'", "None"]
        )


def _parse_ys(table: Table, y: object, x: str | None) -> list[str]:
    if y is None:
        ys = table.names
    elif isinstance(y, str):
        ys = [y]
    else:
        try:
            ys = [str(c) for c in y]  # type: ignore[attr-defined]
        except TypeError:
            ys = [str(y)]
    for name in ys:
        if name not in table.by_name:
            raise column_not_found(table.names, name)
    ys = list(ys)
    given = [] if y is None else ([y] if isinstance(y, str) else list(ys))
    if x in ys and (not given or x not in given):
        ys.remove(x)
    return ys


def _parse_x(table: Table, x: object) -> str | None:
    if x is None:
        return None
    if isinstance(x, str):
        if x not in table.by_name:
            raise column_not_found(table.names, x)
        return x
    raise RilletAPIException(
        f"Invalid `x` type. Expected one of: str, None. Provided type: {type(x).__name__}. "
        "Pass a column name or None to use the dataframe's index."
    )


def _column_or_value(table: Table, value: object) -> tuple[str | None, Any]:
    if isinstance(value, str) and value in table.by_name:
        return value, None
    return None, value


def _aliases(names: list[str]) -> dict[str, str]:
    """Wire names for kept columns whose names Vega-Lite would read as paths ("a.b")."""
    reserved = {n for n in names if not any(ch in n for ch in _SPECIAL)}
    aliases: dict[str, str] = {}
    for i, name in enumerate(names):
        if any(ch in name for ch in _SPECIAL) and name not in aliases:
            alias, counter = f"{_ALIAS_PREFIX}{i}", 0
            while alias in reserved or alias in aliases.values():
                counter += 1
                alias = f"{_ALIAS_PREFIX}{i}-{counter}"
            aliases[name] = alias
    return aliases


@dataclass
class _Col:
    """A kept column as the encodings see it: wire name, user-facing name, facts."""

    wire: str
    title: str
    vtype: str
    integer: bool
    is_date: bool


def build(
    mark: str,
    table: Table,
    *,
    x: object = None,
    y: object = None,
    x_label: str | None = None,
    y_label: str | None = None,
    color: object = None,
    size: object = None,
    stack: object = None,
    sort: object = False,
    width: object = "stretch",
    height: object = "content",
) -> tuple[dict[str, Any], Shape]:
    """The spec of a built-in chart and how its data is shaped into rows."""
    x_column = _parse_x(table, x)
    ys = _parse_ys(table, y, x_column)
    color_column, color_value = _column_or_value(table, color)
    size_column, size_value = _column_or_value(table, size)
    sort_column = None
    if sort is not True and sort is not False and isinstance(sort, str):
        sort_column = sort.removeprefix("-")
        if sort_column not in table.by_name:
            raise column_not_found(table.names, sort_column)

    x_from_index = x_column is None and bool(ys)
    if x_from_index:
        x_column = table.index.name or INDEX_NAME
    sources = list(
        dict.fromkeys(n for n in (x_column, color_column, size_column, sort_column, *ys) if n)
    )
    aliases = _aliases(sources)

    def facts(name: str) -> _Col:
        col: Column = table.index if x_from_index and name == x_column else table.by_name[name]
        return _Col(aliases.get(name, name), name, col.vtype, col.integer, col.is_date)

    kept = {name: facts(name) for name in sources}
    convert_colors = False
    if color_column is not None and table.nrows:
        convert_colors = is_color_tuple_like(table.by_name[color_column].first)

    melted = len(ys) > 1 and x_column is not None
    y_col: _Col | None = kept[ys[0]] if len(ys) == 1 else None
    color_col = kept.get(color_column) if color_column else None
    text_values = False
    if melted:
        y_col = _melted_value(table, ys)
        text_values = len({table.by_name[n].vtype for n in ys}) > 1
        color_col = _Col(COLOR_NAME, COLOR_NAME, NOMINAL, False, False)
    x_col = kept[x_column] if x_column is not None else None
    size_col = kept.get(size_column) if size_column else None

    shape = Shape(
        mark,
        x_column,
        x_from_index,
        ys,
        color_column,
        size_column,
        sort_column,
        sources,
        [kept[n].wire for n in sources],
        melted,
        convert_colors,
        text_values,
    )
    if melted:
        shape.columns = [kept[n].wire for n in shape._id_columns()] + [COLOR_NAME, VALUE_NAME]
    else:
        shape.columns = shape.names

    x_enc, y_enc = _axes(mark, x_col, y_col, x, y, x_label, y_label, index_x=x_from_index)
    stacked = y_enc if mark != HBAR else x_enc
    if stack is not None:
        stacked["stack"] = False if stack == "layered" else stack
    if mark in (BAR, HBAR):
        sorted_enc = x_enc if mark == BAR else y_enc
        if sort is False:
            sorted_enc["sort"] = None
        elif sort is not True and sort_column is not None:
            order = "descending" if str(sort).startswith("-") else "ascending"
            sorted_enc["sort"] = {"field": aliases.get(sort_column, sort_column), "order": order}

    encoding: dict[str, Any] = {"x": x_enc, "y": y_enc}
    if stack is False and color_col is not None and mark in (BAR, HBAR):
        encoding["xOffset"] = {"field": color_col.wire} if mark == BAR else {}
        encoding["yOffset"] = {"field": color_col.wire} if mark == HBAR else {}
    if color_col is not None and (mark == AREA or stack == "layered"):
        encoding["opacity"] = {"value": 0.7}
    color_enc = _color(table, color_col, color_value, color, ys, convert_colors)
    if color_enc is not None:
        encoding["color"] = color_enc
    size_enc = _size(mark, size_col, size_value)
    if size_enc is not None:
        encoding["size"] = size_enc
    if x_col is not None and y_col is not None:
        encoding["tooltip"] = _tooltip(x_col, y_col, color_col, color_enc, size_col, melted)

    rows = table.nrows * shape.group if table.nrows else 0
    spec = _top(mark, encoding, x_col, width, height, rows)
    return spec, shape


def _melted_value(table: Table, ys: list[str]) -> _Col:
    columns = [table.by_name[y] for y in ys]
    kinds = {c.vtype for c in columns}
    if len(kinds) == 1:
        vtype = kinds.pop()
    else:
        sample = [v for c in columns for v in c.cells[:50]]
        if any(c.vtype == QUANTITATIVE and not c.integer for c in columns):
            # melting floats with other columns makes their integers floats too
            sample = [float(v) if type(v) is int else v for v in sample]
        vtype = infer_python_type(sample)
        uniques = {repr(v) for c in columns for v in c.cells}
        if vtype != QUANTITATIVE and len(uniques) > 100:
            raise RilletAPIException(
                "The columns used for rendering the chart contain too many values with mixed "
                "types. Please select the columns manually via the y parameter."
            )
    integer = all(c.integer for c in columns)
    return _Col(VALUE_NAME, VALUE_NAME, vtype, integer, columns[0].is_date)


def _axis(col: _Col | None, grid: bool) -> dict[str, Any]:
    if col is not None and col.integer:
        return {"grid": grid, "tickMinStep": 1}
    return {"grid": grid}


def _encoding(
    field_name: str, title: str, vtype: str, col: _Col | None, grid: bool
) -> dict[str, Any]:
    return {
        "axis": _axis(col, grid),
        "field": field_name,
        "scale": {},
        "title": title,
        "type": vtype,
    }


def _axes(
    mark: str,
    x_col: _Col | None,
    y_col: _Col | None,
    x_given: object,
    y_given: object,
    x_label: str | None,
    y_label: str | None,
    *,
    index_x: bool,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The x and y encodings; a horizontal bar chart draws the data's x on its y axis."""

    def title(col: _Col | None, given: object, label: str | None, generated: bool) -> str:
        if label is not None:
            return label
        if col is None or generated or given is None:
            return ""
        return col.title

    def discrete(col: _Col | None) -> str:
        if col is None:
            return QUANTITATIVE
        return col.vtype if col.is_date else ORDINAL

    x_generated = index_x
    y_generated = y_col is not None and y_col.wire == VALUE_NAME
    x_field = x_col.wire if x_col else _MISSING_FIELD
    y_field = y_col.wire if y_col else _MISSING_FIELD
    if mark == HBAR:
        # Streamlit titles this axis with the melted column's internal name; rillet leaves
        # it untitled, as it does on vertical charts.
        horizontal = _encoding(
            y_field,
            title(y_col, y_given, y_label, y_generated),
            y_col.vtype if y_col else QUANTITATIVE,
            y_col,
            True,
        )
        vertical = _encoding(
            x_field, title(x_col, x_given, x_label, x_generated), discrete(x_col), x_col, False
        )
        return horizontal, vertical
    x_type = discrete(x_col) if mark == BAR else (x_col.vtype if x_col else QUANTITATIVE)
    x_enc = _encoding(x_field, title(x_col, x_given, x_label, x_generated), x_type, x_col, False)
    y_type = y_col.vtype if y_col else QUANTITATIVE
    y_enc = _encoding(y_field, title(y_col, y_given, y_label, y_generated), y_type, y_col, True)
    return x_enc, y_enc


def _color(
    table: Table,
    col: _Col | None,
    value: Any,
    given: object,
    ys: list[str],
    converted: bool,
) -> dict[str, Any] | None:
    has_value = not (value is None or (isinstance(value, list | tuple) and len(value) == 0))
    if has_value:
        if is_color_like(value) or is_builtin_color_name(value):
            if len(ys) != 1:
                raise _color_mismatch([value] if value else [], ys)
            return {"value": value if is_builtin_color_name(value) else to_css_color(value)}
        if isinstance(value, list | tuple):
            if len(value) != len(ys):
                raise _color_mismatch(value, ys)
            colors = [c if is_builtin_color_name(c) else to_css_color(c) for c in value]
            if len(colors) == 1:
                return {"value": colors[0]}
            enc: dict[str, Any] = {}
            if col is not None:
                enc["field"] = col.wire
            enc.update(
                legend=dict(_COLOR_LEGEND),
                scale={"domain": list(ys), "range": colors},
                title=" ",
                type=NOMINAL,
            )
            return enc
        raise RilletAPIException(_INVALID_COLOR.format(given))
    if col is None:
        return None
    enc = {"field": col.wire, "legend": dict(_COLOR_LEGEND), "type": col.vtype}
    if col.wire == COLOR_NAME:
        enc["title"] = " "
        return enc
    if col.wire != col.title:
        enc["title"] = col.title
    column = table.by_name[col.title]
    if table.nrows and is_color_like(column.first):
        raw = [_css(v) for v in (column.raw if column.raw is not None else column.cells)]
        enc["scale"] = {"range": [to_css_color(c) for c in dict.fromkeys(raw)]}
        enc["legend"] = None
    del converted
    return enc


def _size(mark: str, col: _Col | None, value: Any) -> dict[str, Any] | None:
    if mark != SCATTER:
        return None
    if col is not None:
        return {
            "field": col.wire,
            "legend": dict(_SIZE_LEGEND),
            "title": col.title,
            "type": col.vtype,
        }
    if isinstance(value, float | int):
        return {"value": value}
    if value is None:
        return {"value": 100}
    raise value_error("size", ["a column name", "a number"], f"Got {value!r}.")


def _tip(col: _Col, title: str | None = None, vtype: str | None = None) -> dict[str, Any]:
    tip: dict[str, Any] = {"field": col.wire}
    if title is not None:
        tip["title"] = title
    elif col.wire != col.title:
        tip["title"] = col.title
    tip["type"] = vtype or col.vtype
    return tip


def _tooltip(
    x_col: _Col,
    y_col: _Col,
    color_col: _Col | None,
    color_enc: dict[str, Any] | None,
    size_col: _Col | None,
    melted: bool,
) -> list[dict[str, Any]]:
    tips = [_tip(x_col, "index" if x_col.wire == INDEX_NAME else None)]
    if y_col.wire == VALUE_NAME:
        tips.append(_tip(y_col, "value", QUANTITATIVE))
    else:
        tips.append(_tip(y_col))
    # Streamlit means to leave out a colour column of colour values, but its check never
    # sees the legend it removed: the column is always listed.
    if color_col is not None:
        if color_col.wire == COLOR_NAME:
            tips.append(_tip(color_col, "color", NOMINAL))
        else:
            tips.append(_tip(color_col))
    if size_col is not None:
        tips.append(_tip(size_col))
    del melted
    return tips


def _top(
    mark: str,
    encoding: dict[str, Any],
    x_col: _Col | None,
    width: object,
    height: object,
    rows: int,
) -> dict[str, Any]:
    width_px = width if isinstance(width, int) and not isinstance(width, bool) else 0
    height_px = height if isinstance(height, int) and not isinstance(height, bool) else 0
    zoom = {"select": {"type": "interval", "encodings": ["x", "y"]}, "bind": "scales"}
    mark_type = "bar" if mark == HBAR else mark
    spec: dict[str, Any]
    if mark == LINE and x_col is not None:
        hover = "mousemove{16}" if rows > _HOVER_THROTTLE_ROWS else "mousemove"
        spec = {
            "layer": [
                {"mark": {"type": "line"}, "encoding": encoding, "name": "view_1"},
                {"mark": {"type": "point", "opacity": 0}, "encoding": encoding, "name": "view_2"},
                {
                    "mark": {"type": "point", "filled": True, "size": 65},
                    "encoding": encoding,
                    "transform": [{"filter": {"param": "param_1", "empty": False}}],
                },
            ],
            "config": {"legend": {"symbolType": "stroke"}},
            "data": {"name": "data"},
            "height": height_px,
            "params": [
                {
                    "name": "param_1",
                    "select": {
                        "type": "point",
                        "clear": "mouseleave",
                        "fields": [x_col.wire],
                        "nearest": True,
                        "on": hover,
                    },
                    "views": ["view_2"],
                },
                {"name": "param_2", **zoom, "views": ["view_1"]},
            ],
            "width": width_px,
        }
    else:
        spec = {
            "data": {"name": "data"},
            "mark": {"type": mark_type},
            "encoding": encoding,
            "height": height_px,
            "params": [{"name": "param_1", **zoom}],
            "width": width_px,
        }
    spec["$schema"] = SCHEMA
    spec["autosize"] = {"type": "fit", "contains": "padding"}
    return spec
