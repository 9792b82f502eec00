"""altair_chart and vega_lite_chart through AppTest: the spec and tables they send (the main
dataset as rows, the others in props), sizes, theme, selections as widgets, growth, and
Streamlit's errors."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from rillet.protocol.messages import Delta, Extend
from rillet.testing import AppTest

pytest.importorskip("altair")

ROOT = Path(__file__).resolve().parents[2]
BENCH_PYTHON = ROOT / "bench" / ".venv" / "bin" / "python"

SETUP = """
import altair as alt
import pandas as pd
import rillet as st
df = pd.DataFrame({"a": [1, 2, 3], "b": [4.0, 5.0, 6.0], "c": ["x", "y", "z"]})
other = pd.DataFrame({"q": [2.5]})
point = alt.Chart(df).mark_point().encode(x="a", y="b")
"""


def app(body: str) -> AppTest:
    return AppTest.from_string(SETUP + body, default_timeout=10).run()


def only(at: AppTest, kind: str) -> Any:
    assert len(at.exception) == 0, at.exception[0].message if at.exception else ""
    (chart,) = at.get(kind)
    return chart


def error(body: str) -> str:
    at = app(body)
    assert len(at.exception) == 1
    return str(at.exception[0].message)


# --- Altair -----------------------------------------------------------------------------------


def test_an_altair_chart_sends_its_dataframe_as_rows_of_the_dataset_named_data() -> None:
    chart = only(app("st.altair_chart(point)"), "altair_chart")
    assert chart.spec["data"] == {"name": "data"}
    assert chart.spec["mark"] == {"type": "point"}
    assert chart.spec["encoding"]["x"] == {"field": "a", "type": "quantitative"}
    assert chart.columns == ["a", "b", "c"]
    assert chart.rows == [[1, 4.0, "x"], [2, 5.0, "y"], [3, 6.0, "z"]]
    assert "datasets" not in chart.props
    assert (chart.theme, chart.width, chart.height) == ("streamlit", "stretch", "content")


def test_a_layered_chart_with_two_dataframes_sends_both() -> None:
    chart = only(
        app("st.altair_chart(alt.layer(point, alt.Chart(other).mark_rule().encode(y='q')))"),
        "altair_chart",
    )
    names = [layer["data"]["name"] for layer in chart.spec["layer"]]
    # numbered, not named by content: new data leaves the spec as it was
    assert names == ["data_1", "data_2"] == list(chart.datasets)
    assert sorted(len(d) for d in chart.datasets.values()) == [1, 3]
    assert chart.rows == []  # the top level draws no dataset of its own


def test_a_layered_chart_of_one_dataframe_draws_it_as_the_main_dataset() -> None:
    chart = only(app("st.altair_chart(point + point.mark_line())"), "altair_chart")
    assert chart.spec["data"] == {"name": "data"}
    assert len(chart.rows) == 3 and "datasets" not in chart.props


def test_facet_and_hconcat_charts_keep_their_own_width() -> None:
    at = app(
        "st.altair_chart(point.facet(column='c'))\n"
        "st.altair_chart(alt.hconcat(point, point))\n"
        "st.altair_chart(alt.vconcat(point, point))\n"
    )
    facet, hconcat, vconcat = at.get("altair_chart")
    assert (facet.width, hconcat.width, vconcat.width) == ("content", "content", "stretch")
    assert facet.spec["autosize"] == {"type": "pad", "contains": "padding"}
    assert vconcat.spec["autosize"] == {"type": "fit-x", "contains": "padding"}


def test_generated_names_are_the_same_on_every_run() -> None:
    at = app("st.altair_chart(alt.layer(point.add_params(alt.selection_interval()), point))")
    first = at.get("altair_chart")[0].spec
    at.run()
    assert at.get("altair_chart")[0].spec == first
    assert first["params"][0]["name"] == "param_1"
    assert [layer.get("name") for layer in first["layer"]] == ["view_1", None]


def test_a_chart_from_json_with_inline_datasets_keeps_its_data() -> None:
    spec = {"data": {"name": "src"}, "mark": "bar", "datasets": {"src": [{"a": 1}, {"a": 2}]}}
    chart = only(
        app(f"st.altair_chart(alt.Chart.from_dict({spec!r}))"),
        "altair_chart",
    )
    assert chart.spec["data"] == {"name": "data"}
    assert chart.rows == [[1], [2]]


def test_altair_chart_refuses_what_is_no_altair_chart() -> None:
    assert "st.altair_chart takes an Altair chart" in error("st.altair_chart({'mark': 'bar'})")


STREAMLIT_ALTAIR = r"""
import json, sys
import altair as alt, pandas as pd
from streamlit.elements.vega_charts import (
    _convert_altair_to_vega_lite_spec, _prepare_vega_lite_spec, _stabilize_vega_json_spec)
exec(sys.stdin.read())
out = {}
for name, chart, stretch in CHARTS:
    spec = _prepare_vega_lite_spec(_convert_altair_to_vega_lite_spec(chart), stretch)
    spec.pop("datasets", None)
    out[name] = json.loads(_stabilize_vega_json_spec(json.dumps(spec)))
print(json.dumps(out))
"""

ALTAIR_CHARTS = """
df = pd.DataFrame({"a": [1, 2, 3], "b": [4.0, 5.0, 6.0], "c": ["x", "y", "z"]})
point = alt.Chart(df).mark_point().encode(x="a", y="b")
CHARTS = [
    ("point", point, True),
    ("interactive", point.interactive(), True),
    ("selection", point.add_params(alt.selection_point(name="p")), True),
    ("facet", point.facet(column="c"), False),
    ("vconcat", alt.vconcat(point, point.mark_bar()), True),
    ("layer", alt.layer(point, point.mark_line()), True),
]
"""


def _strip_data(spec: Any) -> Any:
    if isinstance(spec, dict):
        return {k: _strip_data(v) for k, v in spec.items() if k != "data"}
    if isinstance(spec, list):
        return [_strip_data(v) for v in spec]
    return spec


def test_altair_specs_match_streamlits_but_for_data_names() -> None:
    if not BENCH_PYTHON.exists():
        pytest.skip("Streamlit's bench environment (bench/.venv) is not installed")
    done = subprocess.run(
        [str(BENCH_PYTHON), "-c", STREAMLIT_ALTAIR],
        input=ALTAIR_CHARTS,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    theirs = json.loads(done.stdout)
    body = ALTAIR_CHARTS.replace('df = pd.DataFrame({"a"', 'df = pd.DataFrame({"a"') + (
        "\nfor _name, _chart, _stretch in CHARTS:\n"
        "    st.altair_chart(_chart, width=None if _stretch else 'content')\n"
    )
    at = app(body)
    ours = [c.spec for c in at.get("altair_chart")]
    assert [_strip_data(s) for s in ours] == [_strip_data(theirs[n]) for n, *_ in ALTAIR_NAMES]


ALTAIR_NAMES = [("point",), ("interactive",), ("selection",), ("facet",), ("vconcat",), ("layer",)]


# --- Vega-Lite specs ------------------------------------------------------------------------------


SPEC = "{'mark': 'bar', 'encoding': {'x': {'field': 'c', 'type': 'nominal'}}}"


@pytest.mark.parametrize(
    "call",
    [
        f"st.vega_lite_chart(df, {SPEC})",
        f"st.vega_lite_chart({{**{SPEC}, 'data': {{'values': df}}}})",
        f"st.vega_lite_chart({{**{SPEC}, 'data': df}})",
        f"st.vega_lite_chart({{**{SPEC}, 'data': {{'values': df.to_dict('records')}}}})",
        f"st.vega_lite_chart(None, {{**{SPEC}, 'data': {{'name': 't'}}, 'datasets': {{'t': df}}}})",
        f"st.vega_lite_chart(spec={{**{SPEC}, 'data': {{'values': df}}}})",
    ],
    ids=["argument", "values", "table-in-data", "records", "named", "spec-keyword"],
)
def test_the_data_may_come_as_argument_or_in_the_spec(call: str) -> None:
    chart = only(app(call), "vega_lite_chart")
    assert chart.spec["data"] == {"name": "data"}
    assert chart.spec["mark"] == "bar"
    assert chart.data[["a", "b", "c"]].values.tolist() == [
        [1, 4.0, "x"],
        [2, 5.0, "y"],
        [3, 6.0, "z"],
    ]
    assert "datasets" not in chart.props


def test_other_named_datasets_travel_in_props() -> None:
    chart = only(
        app(
            "st.vega_lite_chart(df, {'layer': [{'mark': 'point'}, {'data': {'name': 'extra'}, "
            "'mark': 'rule'}], 'datasets': {'extra': other, 'unused': other}})"
        ),
        "vega_lite_chart",
    )
    assert chart.props["datasets"] == {"extra": {"columns": ["q"], "rows": [[2.5]]}}
    assert chart.datasets["extra"]["q"].tolist() == [2.5]


def test_geojson_stays_in_the_spec() -> None:
    geo = {"type": "FeatureCollection", "features": []}
    chart = only(
        app(f"st.vega_lite_chart({{'mark': 'geoshape', 'data': {{'values': {geo!r}}}}})"),
        "vega_lite_chart",
    )
    assert chart.spec["data"] == {"values": geo}
    assert chart.rows == []


def test_theme_none_and_sizes_are_sent() -> None:
    chart = only(
        app(f"st.vega_lite_chart(df, {SPEC}, theme=None, width=250, height=120, alt='Bars')"),
        "vega_lite_chart",
    )
    assert (chart.theme, chart.width, chart.height, chart.alt) == (None, 250, 120, "Bars")


def test_the_callers_spec_is_left_as_it_was() -> None:
    at = app(
        "spec = {'mark': 'point', 'data': {'values': df}, 'encoding': {'color': {'title': None}}}"
        "\nst.vega_lite_chart(spec)\nst.text(repr((sorted(spec), spec['encoding'])))"
    )
    assert at.get("vega_lite_chart")[0].spec["encoding"]["color"]["title"] == " "
    assert at.text[0].value == "(['data', 'encoding', 'mark'], {'color': {'title': None}})"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            "st.vega_lite_chart(df)",
            "The `spec` parameter is required. Vega-Lite charts require a non-empty spec dict.",
        ),
        ("st.vega_lite_chart(df, 'bar')", "must be a dict"),
        (
            "st.vega_lite_chart(None, {'mark': 'bar', 'data': {'name': 'gone'}})",
            "the dataset named 'gone'",
        ),
        (
            f"st.vega_lite_chart(df, {SPEC}, theme='dark')",
            "Invalid `theme` value. Supported values: 'streamlit', None.",
        ),
        (
            f"st.vega_lite_chart(df, {SPEC}, on_select='click')",
            "Invalid `on_select` value. Supported values: 'rerun', 'ignore', a callback function.",
        ),
        (f"st.vega_lite_chart(df, {SPEC}, width='wide')", "Invalid width value"),
        (f"st.vega_lite_chart(object(), {SPEC})", "Unable to convert object of type"),
    ],
)
def test_bad_input_raises_a_clear_error(call: str, message: str) -> None:
    assert message in error(call)


def test_too_much_data_is_refused_with_advice() -> None:
    message = error(f"st.vega_lite_chart(pd.DataFrame({{'c': range(250_001)}}), {SPEC})")
    assert "250,001 rows, more than the 250,000" in message
    assert "Aggregate" in message


# --- growth ---------------------------------------------------------------------------------------


def test_an_altair_chart_of_growing_data_sends_only_new_rows() -> None:
    at = app(
        """
n = st.session_state.setdefault("n", 3)
st.altair_chart(alt.Chart(pd.DataFrame({"v": range(n)})).mark_line().encode(x="v", y="v"))
st.session_state.n = n + 1
"""
    )
    at.run()
    assert not [m for m in at.messages if isinstance(m, Delta)]
    (extend,) = [m for m in at.messages if isinstance(m, Extend)]
    assert json.loads(bytes(extend.rows)) == [[3]]


def test_add_rows_appends_to_the_main_or_a_named_dataset() -> None:
    at = app(
        """
chart = st.vega_lite_chart(df, {'layer': [{'mark': 'point'}, {'data': {'name': 'extra'},
    'mark': 'rule'}], 'datasets': {'extra': other}})
chart.add_rows(pd.DataFrame({"a": [9], "c": ["w"]}))
chart.add_rows(extra=pd.DataFrame({"q": [7.5]}))
"""
    )
    chart = only(at, "vega_lite_chart")
    assert chart.rows[-1] == [9, None, "w"]
    assert chart.props["datasets"]["extra"]["rows"] == [[2.5], [7.5]]


def test_add_rows_with_an_unknown_dataset_name_is_an_error() -> None:
    assert "no dataset named 'zz'" in error(f"st.vega_lite_chart(df, {SPEC}).add_rows(zz=df)")


# --- selections -----------------------------------------------------------------------------------


SELECTABLE = """
spec = {
    "mark": "point",
    "encoding": {"x": {"field": "a", "type": "quantitative"}},
    "params": [{"name": "pick", "select": "point"},
               {"name": "box", "select": {"type": "interval", "encodings": ["x"]}}],
}
"""


def test_a_chart_with_on_select_returns_empty_selections_for_its_params() -> None:
    at = app(
        SELECTABLE + "event = st.vega_lite_chart(df, spec, on_select='rerun')\n"
        "st.write(event.selection.pick, event['selection']['box'])"
    )
    chart = only(at, "vega_lite_chart")
    assert chart.props["selection_active"] is True
    assert chart.selection_modes == ["box", "pick"]
    assert chart.value == {"selection": {"box": {}, "pick": {}}}


def test_a_selection_from_the_browser_reaches_the_script_and_session_state() -> None:
    at = app(
        SELECTABLE + "event = st.vega_lite_chart(df, spec, on_select='rerun', key='k')\n"
        "st.write(event.selection)"
    )
    chart = at.get("vega_lite_chart")[0]
    chart.select({"pick": [{"a": 2}], "box": {"a": [1, 2.5]}}).run()
    expected = {"pick": [{"a": 2}], "box": {"a": [1, 2.5]}}
    assert at.session_state["k"]["selection"] == expected
    assert at.get("vega_lite_chart")[0].value["selection"] == expected


def test_selection_mode_limits_the_reported_params() -> None:
    at = app(SELECTABLE + "st.vega_lite_chart(df, spec, on_select='rerun', selection_mode='pick')")
    assert at.get("vega_lite_chart")[0].value == {"selection": {"pick": {}}}


@pytest.mark.parametrize(
    "wire",
    [{"nope": []}, {"pick": "a"}, {"pick": [1]}, {"box": {"a": 3}}, ["pick"]],
    ids=["unknown-param", "text", "point-not-dict", "extent-not-list", "not-a-dict"],
)
def test_a_malformed_selection_is_refused(wire: Any) -> None:
    at = app(SELECTABLE + "st.vega_lite_chart(df, spec, on_select='rerun', key='k')")
    chart = at.get("vega_lite_chart")[0]
    at._pending[chart.id] = wire
    at.run()
    assert at.session_state["k"]["selection"] == {"box": {}, "pick": {}}


def test_a_callback_runs_before_the_rerun() -> None:
    at = app(
        SELECTABLE
        + """
def picked():
    st.session_state.seen = st.session_state.k.selection.pick
st.vega_lite_chart(df, spec, on_select=picked, key='k')
st.write(st.session_state.get("seen"))
"""
    )
    at.get("vega_lite_chart")[0].select({"pick": [{"a": 3}]}).run()
    assert at.session_state["seen"] == [{"a": 3}]


def test_a_selection_inside_a_fragment_reruns_only_the_fragment() -> None:
    at = app(
        SELECTABLE
        + """
st.session_state.app_runs = st.session_state.get("app_runs", 0) + 1
@st.fragment
def part():
    event = st.vega_lite_chart(df, spec, on_select='rerun', key='k')
    st.text(len(event.selection.pick))
part()
"""
    )
    at.get("vega_lite_chart")[0].select({"pick": [{"a": 1}, {"a": 2}]}).run()
    assert at.session_state["app_runs"] == 1
    assert at.text[-1].value == "2"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            f"st.vega_lite_chart(df, {SPEC}, on_select='rerun')",
            "Selections are activated, but the provided chart spec does not have any selections "
            "defined.",
        ),
        (
            "st.vega_lite_chart(df, spec, on_select='rerun', selection_mode=['pick', 'zz'])",
            "Selection parameter 'zz' is not defined in the chart spec. Available selection "
            "parameters are: {",
        ),
    ],
)
def test_selection_errors_are_streamlits(call: str, message: str) -> None:
    assert message in error(SELECTABLE + call)


def test_altair_selections_work_the_same() -> None:
    at = app(
        "sel = alt.selection_point(name='pick', fields=['c'])\n"
        "event = st.altair_chart(point.add_params(sel), on_select='rerun')\n"
    )
    chart = at.get("altair_chart")[0]
    assert chart.value == {"selection": {"pick": {}}}
    chart.select({"pick": [{"c": "y"}]}).run()
    assert at.get("altair_chart")[0].value == {"selection": {"pick": [{"c": "y"}]}}
