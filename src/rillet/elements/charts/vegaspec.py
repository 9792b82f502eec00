"""A Vega-Lite spec made ready for the browser: its data pulled out into tables, its main
dataset renamed ``data`` (the element's rows), and the names Altair makes up replaced by stable
ones, so the same chart builds the same element on every run.

Altair charts are turned into specs with a data transformer of rillet's own, which hands each
DataFrame to `vegadata` instead of writing it into the spec as a list of records (and so has
no row limit of Altair's). Streamlit does the same with Arrow.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any

import msgspec

from rillet.elements.charts.vegadata import Cell, Table, rows_of, to_table
from rillet.elements.validate import missing_error
from rillet.runtime.errors import RilletAPIException

MAIN = "data"
_COMPOSITE = ("layer", "hconcat", "vconcat", "concat")
_GEOMETRY = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
_altair_lock = threading.Lock()
# Dataset names made up from content: rillet's transformer's and Altair's own.
_GENERATED = re.compile(r"^(table|data)-[0-9a-f]+$")


@dataclass
class Dataset:
    """A table of a chart: the wire column names and row-major cells."""

    columns: list[str]
    rows: list[list[Cell]]

    @classmethod
    def of(cls, table: Table) -> Dataset:
        """The table's columns as the browser gets them (the index is left out)."""
        return cls(table.names, rows_of([c.cells for c in table.columns]))

    def wire(self) -> dict[str, Any]:
        """As it travels in ``props["datasets"]``."""
        return {"columns": self.columns, "rows": self.rows}


@dataclass
class Prepared:
    """A spec ready to send, its main dataset (None when its top level draws none) and the
    other named datasets."""

    spec: dict[str, Any]
    main: Dataset | None
    datasets: dict[str, Dataset] = field(default_factory=dict)
    # The name the spec gave its main dataset, if it named it (add_rows takes either name).
    main_name: str | None = None

    @property
    def total_rows(self) -> int:
        """Rows over all datasets (what the browser has to hold)."""
        main = len(self.main.rows) if self.main else 0
        return main + sum(len(d.rows) for d in self.datasets.values())


def is_geo(data: Any) -> bool:
    """GeoJSON or TopoJSON: geometry Vega-Lite reads itself, not a table."""
    if isinstance(data, dict):
        kind = data.get("type")
        if kind == "FeatureCollection":
            return "features" in data
        if kind == "Feature":
            return "geometry" in data
        if kind == "GeometryCollection":
            return "geometries" in data
        if kind in _GEOMETRY:
            return "coordinates" in data
        if kind in (None, "Topology"):
            return isinstance(data.get("arcs"), list) and isinstance(data.get("objects"), dict)
        return False
    if isinstance(data, list) and data:
        first = data[0]
        return isinstance(first, dict) and first.get("type") == "Feature" and "geometry" in first
    return False


# --- Altair ---------------------------------------------------------------------------------------


def altair_to_spec(chart: Any) -> tuple[dict[str, Any], dict[str, Table]]:
    """An Altair chart's Vega-Lite spec and the tables its DataFrames became (by name)."""
    import altair as alt

    tables: dict[str, Table] = {}
    seen: dict[int, str] = {}

    def transform(data: Any) -> dict[str, str]:
        name = seen.get(id(data))
        if name is None:
            if is_geo(data):
                name = "geo-" + _digest(json.dumps(data, sort_keys=True, default=str))
                tables_geo[name] = data
            else:
                table = to_table(data)
                name = "table-" + _digest(msgspec.json.encode([table.names, _cells(table)]))
                tables[name] = table
            seen[id(data)] = name
        return {"name": name}

    tables_geo: dict[str, Any] = {}
    alt.data_transformers.register("rillet", transform)
    theme = alt.theme
    # Altair's transformer and theme are process-wide: hold them for this chart only.
    with _altair_lock:
        with alt.data_transformers.enable("rillet"):
            if theme.active == "default":
                with theme.enable("none"):
                    spec = chart.to_dict()
            else:
                spec = chart.to_dict()
    datasets = spec.get("datasets") if isinstance(spec.get("datasets"), dict) else {}
    spec["datasets"] = {**datasets, **tables_geo, **tables}
    return spec, tables


def _cells(table: Table) -> list[list[Cell]]:
    return [c.cells for c in table.columns]


def _digest(data: bytes | str) -> str:
    raw = data.encode() if isinstance(data, str) else data
    return hashlib.blake2b(raw, digest_size=8).hexdigest()


# --- any spec -----------------------------------------------------------------------------------


def _has_nested_composition(spec: dict[str, Any]) -> bool:
    items = spec.get("vconcat")
    if not isinstance(items, list):
        return False
    composed = ("hconcat", "vconcat", "concat", "layer", "facet", "repeat")
    return any(isinstance(i, dict) and any(k in i for k in composed) for i in items)


def is_facet(spec: dict[str, Any]) -> bool:
    """A facet chart (by operator or by row/column/facet encodings)."""
    encoding = spec.get("encoding")
    return "facet" in spec or (
        isinstance(encoding, dict) and any(k in encoding for k in ("row", "column", "facet"))
    )


def default_width(spec: dict[str, Any]) -> str:
    """Streamlit's width when none is given: multi-view charts that cannot stretch keep their
    own width."""
    if is_facet(spec) or "hconcat" in spec or "repeat" in spec or _has_nested_composition(spec):
        return "content"
    return "stretch"


def _autosize(spec: dict[str, Any], stretch: bool) -> None:
    if "autosize" in spec:
        return
    nested = _has_nested_composition(spec)
    if "vconcat" in spec and stretch:
        kind = "pad" if nested else "fit-x"
    elif is_facet(spec) or (nested and not stretch):
        kind = "pad"
    else:
        kind = "fit"
    spec["autosize"] = {"type": kind, "contains": "padding"}


def _patch_legend_titles(spec: dict[str, Any]) -> None:
    """A null colour legend title lays the legend out wrongly in Vega-Lite: make it blank."""
    encoding = spec.get("encoding")
    color = encoding.get("color") if isinstance(encoding, dict) else None
    if not isinstance(color, dict):
        return
    if "title" in color and color["title"] is None:
        color["title"] = " "
    legend = color.get("legend")
    if isinstance(legend, dict) and "title" in legend and legend["title"] is None:
        legend["title"] = " "


def _data_names(node: Any, found: list[str]) -> None:
    """Every dataset a spec refers to by name, wherever it is (views, lookups)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "datasets":
                continue
            if (
                key == "data"
                and isinstance(value, dict)
                and isinstance(value.get("name"), str)
                and "values" not in value
            ):
                found.append(value["name"])
            _data_names(value, found)
    elif isinstance(node, list):
        for item in node:
            _data_names(item, found)


def _rename_data(node: Any, old: str, new: str) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "datasets":
                continue
            if key == "data" and isinstance(value, dict) and value.get("name") == old:
                value["name"] = new
            else:
                _rename_data(value, old, new)
    elif isinstance(node, list):
        for item in node:
            _rename_data(item, old, new)


def _number_names(prefix: str, text: str) -> str:
    """Names Altair made up (``param_7``, ``view_3f2a``) numbered in order of appearance, so
    they do not change from run to run."""
    pattern = re.compile(rf'"{prefix}[0-9a-f]+(?:_[0-9]+)?"')
    found = list(dict.fromkeys(pattern.findall(text)))
    if not found:
        return text
    mapping = {name: f'"{prefix}{i}"' for i, name in enumerate(found, start=1)}
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def stabilize(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with Altair's generated parameter and view names numbered."""
    datasets = spec.pop("datasets", None)
    text = json.dumps(spec, default=str)
    if '"params"' in text:
        text = _number_names("param_", text)
    if re.search(r'"(vconcat|hconcat|facet|layer|concat|repeat)"', text):
        text = _number_names("view_", text)
    stable: dict[str, Any] = json.loads(text)
    if datasets is not None:
        stable["datasets"] = datasets
    return stable


def prepare(
    spec: dict[str, Any], data: Any, stretch: bool, tables: dict[str, Table] | None = None
) -> Prepared:
    """Pull a spec's data out into tables, name its main dataset ``data``, fix its sizing.

    The main dataset is ``data`` when given, else ``spec["data"]["values"]`` (or a table in
    ``spec["data"]``), else the named dataset the spec's top level draws. Geometry stays in
    the spec. A spec that names a dataset it does not have is refused.
    """
    spec = dict(spec)
    if not spec:
        raise missing_error("spec", "Vega-Lite charts require a non-empty spec dict.")
    named: dict[str, Table] = dict(tables or {})
    geo: dict[str, Any] = {}
    raw = spec.pop("datasets", None)
    if raw is not None and not isinstance(raw, dict):
        raise RilletAPIException("The spec's `datasets` must be a dict of named datasets.")
    for name, values in (raw or {}).items():
        if str(name) in named:
            continue
        if is_geo(values):
            geo[str(name)] = values
        else:
            named[str(name)] = to_table(values)

    top = spec.get("data")
    if isinstance(top, dict) and "values" in top and not is_geo(top["values"]):
        if data is None:
            data = top["values"]
        del spec["data"]
    elif top is not None and not isinstance(top, dict) and not is_geo(top):
        if data is None:
            data = top
        del spec["data"]

    _autosize(spec, stretch)
    spec = stabilize(spec)  # a deep copy from here: the caller's spec is left as it was
    _patch_legend_titles(spec)
    if geo:
        spec["datasets"] = geo

    main: Table | None = None
    main_name: str | None = None
    top = spec.get("data")
    if data is not None:
        main = to_table(data)
        if isinstance(top, dict) and isinstance(top.get("name"), str):
            main_name = top["name"]
            _rename_data(spec, top["name"], MAIN)
        spec["data"] = {"name": MAIN}
    elif isinstance(top, dict) and isinstance(top.get("name"), str) and top["name"] in named:
        main_name = top["name"]
        main = named.pop(main_name)
        _rename_data(spec, main_name, MAIN)

    referenced: list[str] = []
    _data_names(spec, referenced)
    known = set(named) | set(geo) | ({MAIN} if main is not None else set())
    for name in referenced:
        if name not in known:
            raise RilletAPIException(
                f"The chart's spec draws the dataset named {name!r}, but it has no such "
                "dataset. Pass it in the spec's `datasets` (or as `data`)."
            )
    datasets = {}
    generated = [n for n in dict.fromkeys(referenced) if n in named and _GENERATED.match(n)]
    for number, name in enumerate(generated, start=1):
        # Altair names tables by their content: numbered, the spec stays put as data changes.
        _rename_data(spec, name, f"{MAIN}_{number}")
        datasets[f"{MAIN}_{number}"] = Dataset.of(named[name])
    for name in dict.fromkeys(referenced):
        if name in named and name not in generated:
            datasets[name] = Dataset.of(named[name])
    return Prepared(spec, Dataset.of(main) if main is not None else None, datasets, main_name)


def selection_params(spec: Any) -> set[str]:
    """The names of the spec's selection parameters, at any level of its views."""
    if not isinstance(spec, dict):
        return set()
    names: set[str] = set()
    params = spec.get("params")
    if isinstance(params, list):
        for param in params:
            if isinstance(param, dict) and param.get("name") and param.get("select"):
                names.add(str(param["name"]))
    for key in _COMPOSITE:
        children = spec.get(key)
        if isinstance(children, list):
            for child in children:
                names |= selection_params(child)
    names |= selection_params(spec.get("spec"))
    return names
