"""st.echarts_chart through AppTest: the option it sends (dicts, JSON text, pyecharts-like
objects, dataframes as rows), sizes, theme, renderer, alt, selections, and Streamlit's errors."""

from __future__ import annotations

from typing import Any

import pytest

from rillet.testing import AppTest

BAR = (
    '{"xAxis": {"type": "category", "data": ["A", "B"]}, "yAxis": {}, '
    '"series": [{"type": "bar", "data": [1, 2]}]}'
)


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run()


def chart(call: str, setup: str = "") -> Any:
    at = app(setup + "\n" + call)
    assert len(at.exception) == 0, at.exception[0].message if at.exception else ""
    return at.get("echarts_chart")[0]


def error_of(call: str, setup: str = "") -> Any:
    at = app(setup + "\n" + call)
    assert len(at.exception) == 1
    return at.exception[0]


# --- what the option becomes --------------------------------------------------------------------


def test_a_dict_option_is_sent_as_given() -> None:
    sent = chart(f"st.echarts_chart({BAR})")
    assert sent.spec["series"] == [{"type": "bar", "data": [1, 2]}]
    assert sent.renderer == "canvas"
    assert sent.theme == "streamlit"
    assert sent.element.rows is None


def test_json_text_is_parsed() -> None:
    sent = chart(f"st.echarts_chart('''{BAR}''')")
    assert sent.spec["xAxis"]["data"] == ["A", "B"]


def test_an_object_with_dump_options_is_read_like_a_pyecharts_chart() -> None:
    setup = f"""
class Bar:
    width = "640px"
    height = "500px"
    def dump_options(self):
        return '''{BAR}'''
"""
    sent = chart('st.echarts_chart(Bar(), width="content", height="content")', setup)
    assert sent.spec["yAxis"] == {}
    # Its own width counts; pyecharts' default height (500px) does not.
    assert (sent.width, sent.height) == (640, 350)


def test_the_option_the_author_passed_is_not_changed() -> None:
    setup = """
import pandas as pd
option = {"dataset": {"source": pd.DataFrame({"a": [1]})}, "series": [{"type": "bar"}]}
"""
    at = app(
        setup + "st.echarts_chart(option)\nst.text(type(option['dataset']['source']).__name__)"
    )
    assert at.text[0].value == "DataFrame"


def test_a_dataframe_source_becomes_the_charts_growable_rows() -> None:
    setup = """
import pandas as pd
df = pd.DataFrame({"day": ["Mon", "Tue"], "sales": [120, 200.5],
                   "when": pd.to_datetime(["2024-01-01", "2024-01-02"])})
"""
    sent = chart(
        'st.echarts_chart({"dataset": {"source": df}, "series": [{"type": "bar"}]})', setup
    )
    assert sent.props["spec"]["dataset"]["source"] == []
    assert sent.props["rows_dataset"] == -1
    assert sent.element.rows == [
        ["Mon", 120, "2024-01-01 00:00:00"],
        ["Tue", 200.5, "2024-01-02 00:00:00"],
    ]
    assert sent.spec["dataset"]["dimensions"] == ["day", "sales", "when"]
    assert sent.spec["dataset"]["sourceHeader"] is False
    assert list(sent.data.columns) == ["day", "sales", "when"]
    assert sent.data["sales"].tolist() == [120, 200.5]


def test_rows_appended_by_a_rerun_are_sent_alone() -> None:
    from rillet.protocol.messages import Extend

    setup = """
import pandas as pd
n = st.session_state.setdefault("n", 3)
df = pd.DataFrame({"x": list(range(n)), "y": [i * i for i in range(n)]})
st.echarts_chart({"dataset": {"source": df}, "xAxis": {}, "yAxis": {},
                  "series": [{"type": "line"}]})
"""
    at = app(setup)
    at.session_state["n"] = 4
    at.run()
    extends = [m for m in at._last_run if isinstance(m, Extend)]
    assert len(extends) == 1
    assert bytes(extends[0].rows) == b"[[3,9]]"
    assert at.get("echarts_chart")[0].element.rows[-1] == [3, 9]


def test_several_dataframe_datasets_the_first_is_rows_the_others_inline() -> None:
    setup = """
import pandas as pd
a = pd.DataFrame({"x": [1]})
b = pd.DataFrame({"y": [2]})
"""
    sent = chart('st.echarts_chart({"dataset": [{"source": a}, {"source": b}]})', setup)
    assert sent.props["rows_dataset"] == 0
    assert sent.element.rows == [[1]]
    assert sent.props["spec"]["dataset"][1]["source"] == [[2]]
    assert sent.spec["dataset"][0]["source"] == [[1]]


# --- options, sizes, theme -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "width", "height"),
    [
        ("", "stretch", 350),
        (', width="content"', 700, 350),
        (", width=300, height=200", 300, 200),
        (', height="stretch"', "stretch", "stretch"),
    ],
)
def test_width_and_height_resolve_as_in_streamlit(args: str, width: object, height: object) -> None:
    sent = chart(f"st.echarts_chart({BAR}{args})")
    assert (sent.width, sent.height) == (width, height)


def test_renderer_theme_and_alt_are_sent() -> None:
    sent = chart(f'st.echarts_chart({BAR}, renderer="svg", theme=None, alt=" Sales ")')
    assert (sent.renderer, sent.theme, sent.alt) == ("svg", None, "Sales")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            f'st.echarts_chart({BAR}, renderer="webgl")',
            "Invalid `renderer` value. Supported values: 'canvas', 'svg'.",
        ),
        (
            f'st.echarts_chart({BAR}, theme="dark")',
            "Invalid `theme` value. Supported values: 'streamlit', None.",
        ),
        (
            f"st.echarts_chart({BAR}, on_select=1)",
            "Invalid `on_select` value. Supported values: 'rerun', 'ignore', a callback function.",
        ),
        (
            "st.echarts_chart(42)",
            "Invalid `spec` type. Expected one of: dict, str, pyecharts chart. Provided type: int.",
        ),
        (
            "st.echarts_chart('[1, 2]')",
            "Invalid `spec` type. Expected one of: dict. Provided type: list. An ECharts spec must "
            "be a JSON object (mapping).",
        ),
        (
            "st.echarts_chart('{not json')",
            "The provided ECharts spec could not be parsed as JSON. `st.echarts_chart` only "
            "supports JSON-compatible option objects.",
        ),
        (
            'st.echarts_chart(\'{"tooltip": {"formatter": function (p) { return p; }}}\')',
            "The provided ECharts spec contains JavaScript callbacks",
        ),
        (
            """st.echarts_chart('{"tooltip": {"formatter": "--x_x--function(p){}--x_x--"}}')""",
            "The provided ECharts spec contains JavaScript callbacks",
        ),
        (
            "st.echarts_chart({'series': [{'type': 'scatter3D'}]})",
            "The provided ECharts spec uses the `scatter3D` series, which requires the ECharts GL",
        ),
        (
            "st.echarts_chart({'grid3D': {}})",
            "The provided ECharts spec uses the `grid3D` component, which requires the ECharts GL",
        ),
        (
            "st.echarts_chart({'series': [{'type': 'wordCloud'}]})",
            "The provided ECharts spec uses the `wordCloud` series, which requires the "
            "`echarts-wordcloud` extension.",
        ),
        (
            "st.echarts_chart({'series': {'type': 'custom'}})",
            "The provided ECharts spec uses a `custom` series",
        ),
        (
            "st.echarts_chart({'series': [{'type': 'map'}]})",
            "The provided ECharts spec uses a map or geo coordinate system",
        ),
        (
            "st.echarts_chart({'baseOption': {'geo': {}}})",
            "The provided ECharts spec uses a map or geo coordinate system",
        ),
        (
            "st.echarts_chart({'media': 3})",
            "The provided ECharts spec has a `media` value that is not a list.",
        ),
    ],
)
def test_bad_input_raises_streamlits_errors(call: str, message: str) -> None:
    assert error_of(call).message.startswith(message)


@pytest.mark.parametrize(
    ("value", "detail"),
    [
        ("float('nan')", "`series[0].data[1]` is `NaN`. Use `None` for missing or non-finite"),
        ("object()", "`series[0].data[1]` is a `object`."),
        ("print", "`series[0].data[1]` is a `builtin_function_or_method`."),
    ],
)
def test_a_value_json_cannot_carry_is_named(value: str, detail: str) -> None:
    message = error_of(f"st.echarts_chart({{'series': [{{'data': [1, {value}]}}]}})").message
    assert message.startswith("The provided ECharts spec is not JSON-serializable. " + detail)


# --- selections ---------------------------------------------------------------------------------

SELECTABLE = """
option = {"xAxis": {"type": "category", "data": ["A", "B", "C"]}, "yAxis": {}, "brush": {},
          "series": [{"type": "bar", "name": "Sales", "selectedMode": "multiple",
                      "data": [1, 2, 3]}]}
event = st.echarts_chart(option, key="chart", on_select="rerun")
st.text(repr([g["data_indices"] for g in event.selection.selected]))
"""


def test_with_on_select_the_chart_returns_an_empty_selection_first() -> None:
    at = app(SELECTABLE)
    assert at.get("echarts_chart")[0].props["selection_active"] is True
    assert at.session_state["chart"] == {"selection": {"selected": [], "areas": []}}
    assert at.text[0].value == "[]"


def test_a_selection_reruns_the_app_in_streamlits_shape() -> None:
    at = app(SELECTABLE)
    area = {"brush_index": 0, "brush_type": "rect", "coord_range": [[0, 1], [0, 3]]}
    at.get("echarts_chart")[0].select(
        [{"series_index": 0, "series_name": "Sales", "data_indices": [2, 0]}], [area]
    ).run()
    state = at.session_state["chart"]
    assert state.selection.selected == [
        {
            "series_index": 0,
            "series_id": None,
            "series_name": "Sales",
            "data_type": "main",
            "data_indices": [0, 2],
        }
    ]
    assert state.selection.areas == [area]
    assert at.text[0].value == "[[0, 2]]"


@pytest.mark.parametrize(
    "wire",
    [
        [],
        {"selected": "all"},
        {"selected": [{"series_index": 0}]},
        {
            "selected": [
                {
                    "series_index": -1,
                    "series_id": None,
                    "series_name": None,
                    "data_type": "main",
                    "data_indices": [],
                }
            ]
        },
        {
            "selected": [
                {
                    "series_index": 0,
                    "series_id": None,
                    "series_name": None,
                    "data_type": "link",
                    "data_indices": [],
                }
            ]
        },
        {"areas": [{"brush_index": 0, "brush_type": "circle", "coord_range": []}]},
        {"points": []},
    ],
)
def test_a_malformed_selection_from_the_browser_is_refused(wire: object) -> None:
    at = app(SELECTABLE)
    at._pending[at.get("echarts_chart")[0].id] = wire
    at.run()
    assert len(at.exception) == 0
    assert at.text[0].value == "[]"


def test_selections_on_a_spec_that_enables_none_log_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    chart(f'st.echarts_chart({BAR}, on_select="rerun")')
    assert "doesn't enable any" in caplog.text
