"""The built-in charts (line, area, bar, scatter) through AppTest: the spec and rows each call
sends, compared field for field with what Streamlit 1.67 builds for the same call (its own
spec generation, run in bench/.venv in a subprocess), plus growth, downsampling and errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rillet.elements.charts.vegadata import cell
from rillet.protocol.messages import Delta, Extend
from rillet.testing import AppTest

ROOT = Path(__file__).resolve().parents[2]
BENCH_PYTHON = ROOT / "bench" / ".venv" / "bin" / "python"

SETUP = """
import datetime
import numpy as np
import pandas as pd
df = pd.DataFrame({"a": [1, 2, 3], "b": [4.0, 5.5, 6.0], "c": ["x", "y", "z"]})
long = pd.DataFrame({"t": [0, 1, 2, 0, 1, 2], "v": [1, 3, 2, 2, 1, 3], "g": list("aaabbb")})
days = pd.date_range("2024-01-01", periods=3, freq="D")
dated = pd.DataFrame({"v": [1, 2, 3]}, index=days)
"""

# (id, command, data expression, keyword arguments as source)
CASES: list[tuple[str, str, str, str]] = [
    ("line-wide", "line_chart", "df[['a', 'b']]", ""),
    ("line-all-columns", "line_chart", "df", ""),
    ("line-x-y", "line_chart", "df", "x='a', y='b'"),
    ("line-long-color", "line_chart", "long", "x='t', y='v', color='g'"),
    ("line-colors-list", "line_chart", "df", "y=['a', 'b'], color=['#ff0000', '#0000ff']"),
    ("line-color-tuple", "line_chart", "df", "y='b', color=(255, 0, 0)"),
    ("line-color-float-tuple", "line_chart", "df", "y='b', color=(1.0, 0.5, 0.0, 0.2)"),
    ("line-color-builtin", "line_chart", "df", "x='a', y='b', color='red'"),
    ("line-labels", "line_chart", "df", "x='a', y='b', x_label='A', y_label='B'"),
    ("line-size", "line_chart", "df", "x='a', y='b', width=300, height=200"),
    ("line-many-rows", "line_chart", "pd.DataFrame({'v': range(1500)})", ""),
    ("line-dates-index", "line_chart", "dated", ""),
    ("line-named-index", "line_chart", "df.set_index('c')[['a']].rename_axis('when')", ""),
    ("line-dotted-names", "line_chart", "pd.DataFrame({'a.b': [1, 2], 'c[0]': [3, 4]})", ""),
    ("line-dotted-x", "line_chart", "pd.DataFrame({'a.b': [1, 2], 'c': [3, 4]})", "x='a.b'"),
    ("line-empty", "line_chart", "None", ""),
    ("line-empty-frame", "line_chart", "pd.DataFrame()", ""),
    ("area-default", "area_chart", "df[['a', 'b']]", ""),
    ("area-stacked", "area_chart", "df[['a', 'b']]", "stack=True"),
    ("area-normalize", "area_chart", "long", "x='t', y='v', color='g', stack='normalize'"),
    ("bar-x-y", "bar_chart", "df", "x='a', y='b'"),
    ("bar-categories", "bar_chart", "df", "x='c', y=['a', 'b']"),
    ("bar-horizontal", "bar_chart", "df", "x='c', y='a', horizontal=True"),
    ("bar-unsorted", "bar_chart", "df", "x='c', y='a', sort=False"),
    ("bar-sorted-desc", "bar_chart", "df", "x='c', y='a', sort='-b'"),
    ("bar-grouped", "bar_chart", "long", "x='t', y='v', color='g', stack=False"),
    (
        "bar-grouped-horizontal",
        "bar_chart",
        "long",
        "x='t', y='v', color='g', stack=False, horizontal=True",
    ),
    ("bar-layered", "bar_chart", "long", "x='t', y='v', color='g', stack='layered'"),
    ("bar-dates", "bar_chart", "dated.reset_index(names='day')", "x='day', y='v'"),
    ("scatter-size-column", "scatter_chart", "df", "x='a', y='b', size='a', color='c'"),
    ("scatter-size-number", "scatter_chart", "df", "x='a', y='b', size=40"),
    (
        "scatter-hex-colors",
        "scatter_chart",
        "df.assign(k=['#f00', '#0f0', '#f00'])",
        "x='a', y='b', color='k'",
    ),
    (
        "scatter-tuple-colors",
        "scatter_chart",
        "df.assign(k=[(255, 0, 0), (0, 255, 0), (255, 0, 0)])",
        "x='a', y='b', color='k'",
    ),
    ("scatter-wide-colors", "scatter_chart", "df", "x='a', y=['b', 'a'], color=['#f00', '#00f']"),
    (
        "scatter-bool-color",
        "scatter_chart",
        "df.assign(k=[True, False, True])",
        "x='a', y='b', color='k'",
    ),
    ("dict-of-lists", "line_chart", "{'p': [1, 2, 3], 'q': [3, 1, 2]}", ""),
    ("list-of-dicts", "bar_chart", "[{'k': 'u', 'n': 1}, {'k': 'v', 'n': 2}]", "x='k', y='n'"),
    ("numpy-2d", "line_chart", "np.arange(6).reshape(3, 2)", ""),
    (
        "pyarrow",
        "scatter_chart",
        "__import__('pyarrow').table({'a': [1, 2], 'b': [0.5, 1.5]})",
        "x='a', y='b'",
    ),
    ("polars", "area_chart", "__import__('polars').DataFrame({'a': [1, 2], 'b': [3, 4]})", ""),
    ("polars-as-pandas", "area_chart", "pd.DataFrame({'a': [1, 2], 'b': [3, 4]})", ""),
    (
        "tz-aware",
        "line_chart",
        "pd.DataFrame({'t': pd.date_range('2024-01-01', periods=2, freq='h', tz='Europe/Paris'),"
        " 'v': [1, 2]})",
        "x='t', y='v'",
    ),
    (
        "python-dates",
        "line_chart",
        "{'d': [datetime.date(2024, 1, 1), datetime.date(2024, 1, 2)], 'v': [1, 2]}",
        "x='d'",
    ),
    (
        "ordered-category",
        "bar_chart",
        "pd.DataFrame({'k': pd.Categorical(['lo', 'hi'], ['lo', 'hi'], ordered=True), "
        "'v': [1, 2]})",
        "x='v', y='v', color='k'",
    ),
    (
        "nullable-ints",
        "line_chart",
        "pd.DataFrame({'v': pd.array([1, None, 3], dtype='Int64')})",
        "",
    ),
    ("nan", "line_chart", "pd.DataFrame({'v': [1.0, float('nan'), 3.0]})", ""),
]

# Cases Streamlit's environment cannot build (no polars there): compared with an equivalent.
EQUIVALENT = {"polars": "polars-as-pandas"}

# Where rillet deliberately differs from what Streamlit sends (see docs/elements/charts.md).
KNOWN = {
    # Streamlit titles the value axis of a melted horizontal bar chart with its internal name.
    ("bar-grouped-horizontal", ("encoding", "x", "title")),
}

STREAMLIT_SIDE = r"""
import datetime, json, math, sys
import numpy as np, pandas as pd, pyarrow as pa
from streamlit.elements.lib.built_in_chart_utils import ChartType, generate_chart
from streamlit.elements.vega_charts import (
    _convert_altair_to_vega_lite_spec, _prepare_vega_lite_spec, _stabilize_vega_json_spec)

def cell(v):
    if isinstance(v, pd.Timestamp) or isinstance(v, datetime.datetime):
        if v is pd.NaT:
            return None
        if v.tzinfo is not None:
            return int(v.timestamp() * 1000)
        return v.isoformat(timespec="milliseconds")
    if isinstance(v, datetime.date):
        return v.isoformat() + "T00:00:00.000"
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, np.generic):
        return cell(v.item())
    if v is pd.NA:
        return None
    return v

KINDS = {"line_chart": "LINE", "area_chart": "AREA", "bar_chart": "VERTICAL_BAR",
         "scatter_chart": "SCATTER"}
NAMES = {"x": "x_from_user", "y": "y_from_user", "color": "color_from_user",
         "size": "size_from_user", "sort": "sort_from_user", "x_label": "x_axis_label",
         "y_label": "y_axis_label"}

def run(command, data, **kw):
    kind = KINDS[command]
    if kw.pop("horizontal", False):
        kind = "HORIZONTAL_BAR"
    if command == "area_chart" and kw.get("stack") in (None, False):
        kw["stack"] = "layered"
    if command == "bar_chart":
        kw.setdefault("sort", True)
    width = kw.pop("width", "stretch")
    height = kw.pop("height", "content")
    kw = {NAMES.get(k, k): v for k, v in kw.items()}
    chart = generate_chart(getattr(ChartType, kind), data, width=width, height=height, **kw)
    spec = _prepare_vega_lite_spec(_convert_altair_to_vega_lite_spec(chart), width == "stretch")
    datasets = spec.pop("datasets", {})
    spec = json.loads(_stabilize_vega_json_spec(json.dumps(spec)))
    ((name, arrow),) = datasets.items()
    spec["data"] = {"name": "data"}
    frame = pa.ipc.open_stream(arrow).read_all().to_pandas()
    rows = [[cell(v) for v in row] for row in frame.itertuples(index=False)]
    return {"spec": spec, "columns": [str(c) for c in frame.columns], "rows": rows}

cases, setup = json.load(sys.stdin)
ns = {}
exec(setup, ns)
out = {}
for case_id, command, data, kwargs in cases:
    try:
        out[case_id] = eval(f"run({command!r}, {data}, {kwargs})", {**ns, "run": run})
    except ModuleNotFoundError as e:
        out[case_id] = {"missing": str(e)}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def streamlit_built() -> dict[str, Any]:
    """Streamlit 1.67's spec and data for every case, in one subprocess."""
    if not BENCH_PYTHON.exists():
        pytest.skip("Streamlit's bench environment (bench/.venv) is not installed")
    payload = json.dumps([CASES, SETUP])
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [str(BENCH_PYTHON), "-c", STREAMLIT_SIDE],
        input=payload,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def built(command: str, data: str, kwargs: str) -> Any:
    at = AppTest.from_string(
        f"import rillet as st\n{SETUP}\nst.{command}({data}, {kwargs})\n", default_timeout=10
    ).run()
    assert len(at.exception) == 0, at.exception[0].message if at.exception else ""
    return at.get(command)[0]


def differences(ours: Any, theirs: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Paths where two JSON values differ."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        found = []
        for key in sorted(set(ours) | set(theirs)):
            if key not in ours or key not in theirs:
                found.append((*path, key))
            else:
                found += differences(ours[key], theirs[key], (*path, key))
        return found
    if isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        return [
            p
            for i, (a, b) in enumerate(zip(ours, theirs, strict=True))
            for p in differences(a, b, (*path, str(i)))
        ]
    return [] if ours == theirs else [path]


def canonical(columns: list[str], rows: list[list[Any]]) -> list[str]:
    """Rows as sorted text keyed by column name (row order and column order aside)."""
    order = sorted(range(len(columns)), key=lambda i: columns[i])

    def same(value: Any) -> Any:  # 1 and 1.0 are one number to Vega
        value = cell(value)
        return int(value) if isinstance(value, float) and value.is_integer() else value

    return sorted(json.dumps([[columns[i], same(r[i])] for i in order]) for r in rows)


@pytest.mark.parametrize(("case_id", "command", "data", "kwargs"), CASES, ids=[c[0] for c in CASES])
def test_spec_and_data_match_streamlit(
    streamlit_built: dict[str, Any], case_id: str, command: str, data: str, kwargs: str
) -> None:
    theirs = streamlit_built[EQUIVALENT.get(case_id, case_id)]
    chart = built(command, data, kwargs)

    found = [p for p in differences(chart.spec, theirs["spec"]) if (case_id, p) not in KNOWN]
    for layer in range(3):  # a line chart's three layers share one encoding
        found = [
            p
            for p in found
            if (case_id, tuple(x for x in p if x not in ("layer", str(layer)))) not in KNOWN
        ]
    assert not found, [(p, _at(chart.spec, p), _at(theirs["spec"], p)) for p in found]
    assert sorted(chart.columns) == sorted(theirs["columns"])
    assert canonical(chart.columns, chart.rows) == canonical(theirs["columns"], theirs["rows"])


def _at(value: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if isinstance(value, dict):
            value = value.get(key, "<missing>")
        elif isinstance(value, list):
            value = value[int(key)]
    return value


# --- what the element carries ---------------------------------------------------------------------


def app(body: str) -> AppTest:
    return AppTest.from_string("import rillet as st\n" + SETUP + body, default_timeout=10).run()


def test_the_element_carries_spec_columns_theme_and_sizes() -> None:
    at = app("st.bar_chart(df, x='c', y='a', width=320, height='stretch', alt='Sales')")
    chart = at.get("bar_chart")[0]
    assert set(chart.props) == {"spec", "columns", "theme", "width", "height", "alt"}
    assert chart.spec["data"] == {"name": "data"}
    assert (chart.theme, chart.width, chart.height, chart.alt) == (
        "streamlit",
        320,
        "stretch",
        "Sales",
    )
    assert chart.spec["width"] == 320 and chart.spec["height"] == 0
    assert chart.columns == ["c", "a"]
    assert chart.rows == [["x", 1], ["y", 2], ["z", 3]]


def test_data_reads_back_as_a_dataframe_with_datetimes() -> None:
    at = app("st.line_chart(dated)")
    data = at.get("line_chart")[0].data
    assert list(data.columns) == ["index -- streamlit-generated", "v"]
    assert str(data.iloc[0, 0]) == "2024-01-01 00:00:00"
    assert data["v"].tolist() == [1, 2, 3]


def test_naive_times_travel_as_wall_clock_text_and_aware_ones_as_instants() -> None:
    at = app(
        "st.line_chart(pd.DataFrame({'t': pd.to_datetime(['2024-03-01 09:30']), 'v': [1]}),"
        " x='t')\n"
        "st.line_chart(pd.DataFrame({'t': pd.to_datetime(['2024-03-01 09:30']).tz_localize("
        "'Europe/Paris'), 'v': [1]}), x='t')\n"
    )
    naive, aware = at.get("line_chart")
    assert naive.rows == [["2024-03-01T09:30:00.000", 1]]
    assert aware.rows == [[1709281800000, 1]]  # 08:30 UTC
    assert naive.spec["layer"][0]["encoding"]["x"]["type"] == "temporal"


def test_use_container_width_false_means_content() -> None:
    at = app("st.line_chart(df, use_container_width=False)")
    assert at.get("line_chart")[0].width == "content"


def test_same_data_builds_the_same_element() -> None:
    at = app("st.line_chart(df)\nst.line_chart(df.copy())")
    first, second = at.get("line_chart")
    assert first.element == second.element


def test_a_blank_alt_is_no_alt() -> None:
    assert app("st.area_chart(df, alt='  ')").get("area_chart")[0].alt is None


# --- growth -----------------------------------------------------------------------------------


GROWING = """
n = st.session_state.setdefault("n", 3)
frame = pd.DataFrame({"a": range(n), "b": [i * 2.0 for i in range(n)]})
st.line_chart(frame)
st.session_state.n = n + 1
"""


def test_a_rerun_with_a_row_more_sends_only_the_new_rows() -> None:
    at = app(GROWING)
    at.run()
    extends = [m for m in at.messages if isinstance(m, Extend)]
    assert not [m for m in at.messages if isinstance(m, Delta)]
    assert len(extends) == 1
    # one data row, melted into one long row per column
    assert json.loads(bytes(extends[0].rows)) == [[3, "a", 3], [3, "b", 6.0]]


def test_a_fragment_redrawing_a_growing_chart_sends_only_extends() -> None:
    at = app(
        """
@st.fragment(run_every=1)
def live():
    n = st.session_state.setdefault("n", 5)
    st.bar_chart(pd.DataFrame({"v": list(range(n))}))
    st.session_state.n = n + 1
live()
"""
    )
    for _ in range(3):
        at.tick(1)
        kinds = {type(m).__name__ for m in at.messages}
        assert "Delta" not in kinds
        extends = [m for m in at.messages if isinstance(m, Extend)]
        assert len(extends) == 1 and len(json.loads(bytes(extends[0].rows))) == 1
    assert len(at.get("bar_chart")[0].rows) == 8


def test_add_rows_appends_shaped_rows_and_sends_an_extend() -> None:
    at = app(
        """
chart = st.line_chart(df[['a', 'b']])
chart.add_rows(pd.DataFrame({"a": [7], "b": [8.0]}))
"""
    )
    chart = at.get("line_chart")[0]
    # the index of appended rows continues the chart's (0, 1, 2 -> 3)
    assert chart.rows[-2:] == [[3, "a", 7], [3, "b", 8.0]]
    at.run()
    extends = [m for m in at.messages if isinstance(m, Extend)]
    assert [json.loads(bytes(m.rows)) for m in extends] == [[[3, "a", 7], [3, "b", 8.0]]]


def test_add_rows_twice_keeps_numbering_rows() -> None:
    at = app(
        """
chart = st.scatter_chart({"y": [1, 2]})
chart.add_rows({"y": [3]}).add_rows({"y": [4]})
"""
    )
    assert at.get("scatter_chart")[0].rows == [[0, 1], [1, 2], [2, 3], [3, 4]]


def test_add_rows_on_something_that_is_no_chart_is_an_error() -> None:
    at = app("st.text('hi').add_rows(df)")
    assert "add_rows()" in at.exception[0].message


def test_add_rows_refuses_columns_the_chart_does_not_have() -> None:
    at = app("c = st.vega_lite_chart(df, {'mark': 'point'})\nc.add_rows(pd.DataFrame({'zz': [1]}))")
    assert "zz" in at.exception[0].message


# --- big data -----------------------------------------------------------------------------------


def test_big_data_is_downsampled_in_order_with_a_notice() -> None:
    at = app("st.line_chart(pd.DataFrame({'v': range(120_000)}))")
    chart = at.get("line_chart")[0]
    assert len(chart.rows) == 40_000
    assert [r[0] for r in chart.rows[:3]] == [0, 3, 6]
    assert chart.notice.startswith("Showing 40,000 of 120,000 points (one data row in 3)")


def test_downsampling_keeps_whole_melted_rows() -> None:
    at = app("st.area_chart(pd.DataFrame({'p': range(30_000), 'q': range(30_000)}))")
    rows = at.get("area_chart")[0].rows
    assert len(rows) <= 50_000
    assert [r[1] for r in rows[:4]] == ["p", "q", "p", "q"]
    assert rows[0][0] == rows[1][0] and rows[2][0] == rows[3][0] != rows[0][0]


# --- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            "st.line_chart(df, x='nope')",
            'Data does not have a column named `"nope"`. Available columns are `a, b, c`',
        ),
        ("st.line_chart(df, y=['a', 'nope'])", 'column named `"nope"`'),
        ("st.bar_chart(df, x='c', y='a', sort='-nope')", 'column named `"nope"`'),
        ("st.line_chart(df, x=1)", "Invalid `x` type. Expected one of: str, None."),
        (
            "st.line_chart(df, y=['a', 'b'], color='#f00')",
            "The list of colors `['#f00']` must "
            "have the same length as the list of columns to be colored `['a', 'b']`.",
        ),
        ("st.line_chart(df, y=['a', 'b'], color=['#f00'])", "must have the same length"),
        (
            "st.line_chart(df, y='a', color='nope')",
            "This does not look like a valid color argument: `nope`.",
        ),
        (
            "st.line_chart(df, y=['a', 'b'], color=['#f00', 'nope'])",
            "This does not look like a valid color: 'nope'.",
        ),
        (
            "st.scatter_chart(df, size='nope')",
            "Invalid `size` value. Supported values: a column name, a number. Got 'nope'.",
        ),
        ("st.bar_chart(df, stack='up')", "Invalid `stack` value."),
        ("st.line_chart(df, width='wide')", "Invalid width value: 'wide'."),
        ("st.line_chart(df, height=0)", "Invalid height value: 0."),
        ("st.line_chart(object())", "Unable to convert object of type"),
    ],
)
def test_bad_input_raises_streamlits_error(call: str, message: str) -> None:
    at = app(call)
    assert len(at.exception) == 1
    assert message in at.exception[0].message


def test_importing_rillet_does_not_import_pandas_for_list_data() -> None:
    code = (
        "import sys, rillet.elements.charts.builtin as b\n"
        "from rillet.elements.charts.vegadata import to_table\n"
        "from rillet.elements.charts.builtinspec import build, LINE\n"
        "build(LINE, to_table({'a': [1, 2], 'b': [3, 4]}))\n"
        "assert 'pandas' not in sys.modules, 'pandas imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
