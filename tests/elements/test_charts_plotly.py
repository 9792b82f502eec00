"""st.plotly_chart through AppTest: the figure it sends (any input Plotly accepts, compact
typed arrays, the page template), sizes, config, theme, alt, selections, and Streamlit's errors."""

from __future__ import annotations

from typing import Any

import pytest

from rillet.testing import AppTest

FIG = """
import plotly.graph_objects as go
fig = go.Figure([go.Scatter(x=[1, 2, 3], y=[4, 5, 6], name="a"), go.Bar(x=[1, 2], y=[3, 4])])
"""


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run()


def chart(body: str, call: str = "st.plotly_chart(fig)") -> Any:
    at = app(FIG + body + "\n" + call)
    assert len(at.exception) == 0, at.exception[0].message if at.exception else ""
    return at.get("plotly_chart")[0]


def error_of(body: str) -> Any:
    at = app(FIG + body)
    assert len(at.exception) == 1
    return at.exception[0]


# --- what the figure becomes ------------------------------------------------------------------


def test_a_figure_is_sent_as_plotly_json_with_its_traces() -> None:
    figure = chart("").figure
    assert [t["type"] for t in figure["data"]] == ["scatter", "bar"]
    assert figure["data"][0]["name"] == "a"
    assert figure["data"][0]["y"] == [4, 5, 6]


@pytest.mark.parametrize(
    "call",
    [
        "st.plotly_chart(px.scatter(x=[1, 2], y=[3, 4]))",
        'st.plotly_chart({"data": [{"type": "bar", "y": [1, 2]}]})',
        "st.plotly_chart([go.Bar(y=[1, 2])])",
        'st.plotly_chart({"data": [go.Bar(y=[1, 2])], "layout": {"title": {"text": "T"}}})',
    ],
    ids=["express", "dict", "list-of-traces", "dict-of-traces"],
)
def test_anything_plotly_accepts_is_a_figure(call: str) -> None:
    figure = chart("import plotly.express as px", call).figure
    assert len(figure["data"]) == 1
    assert figure["data"][0]["type"] in ("bar", "scatter")


def test_a_matplotlib_figure_is_converted_by_plotly() -> None:
    pytest.importorskip("matplotlib")
    body = """
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
mpl, ax = plt.subplots()
ax.plot([1, 2, 3], [3, 1, 2])
"""
    at = app(FIG + body + "\nst.plotly_chart(mpl)")
    if at.exception:  # plotly's converter does not follow every matplotlib: as in Streamlit
        pytest.skip(at.exception[0].message)
    figure = at.get("plotly_chart")[0].figure
    assert (
        figure["data"][0]["y"] in ([3, 1, 2], [3.0, 1.0, 2.0]) or "bdata" in figure["data"][0]["y"]
    )


def test_numpy_arrays_stay_compact_base64_typed_arrays() -> None:
    body = "import numpy as np\nbig = go.Figure(go.Scatter(x=np.arange(10_000), y=np.ones(10_000)))"
    trace = chart(body, "st.plotly_chart(big)").figure["data"][0]
    assert trace["y"]["dtype"] == "f8"
    assert isinstance(trace["y"]["bdata"], str)
    # 8 bytes a number, base64: about 107 kB, not the decimal text of 10,000 numbers.
    assert len(trace["y"]["bdata"]) == 4 * ((10_000 * 8 + 2) // 3)


def test_write_and_magic_draw_a_plotly_figure() -> None:
    at = app(FIG + "st.write(fig)\nfig")
    assert len(at.get("plotly_chart")) == 2
    import plotly.graph_objects as go

    from rillet.elements.charts.plotly import is_plotly_figure

    assert is_plotly_figure(go.Figure())
    assert is_plotly_figure([go.Bar(y=[1])])
    assert not is_plotly_figure({"data": [1]})
    assert not is_plotly_figure("figure")


# --- theme ------------------------------------------------------------------------------------


def test_the_page_theme_replaces_plotlys_default_template() -> None:
    sent = chart("")
    assert sent.theme == "streamlit"
    assert "template" not in sent.figure["layout"]
    assert sent.props["page_template"] is True


def test_theme_none_keeps_plotlys_own_template() -> None:
    sent = chart("", "st.plotly_chart(fig, theme=None)")
    assert sent.theme is None
    assert sent.figure["layout"]["template"]["layout"]["colorway"][0] == "#636efa"
    assert "page_template" not in sent.props


def test_a_template_the_author_chose_is_kept() -> None:
    sent = chart('fig.update_layout(template="plotly_dark")')
    assert sent.figure["layout"]["template"]["layout"]["paper_bgcolor"] == "rgb(17,17,17)"
    assert "page_template" not in sent.props


def test_an_unknown_theme_is_refused() -> None:
    error = error_of('st.plotly_chart(fig, theme="dark")')
    assert error.message == "Invalid `theme` value. Supported values: 'streamlit', None."


# --- size, config, alt --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "args", "width", "height"),
    [
        ("", "", "stretch", 450),
        ("fig.update_layout(width=500, height=300)", "", "stretch", 300),
        ("fig.update_layout(width=500, height=300)", ', width="content"', 500, 300),
        ("", ', width="content"', 700, 450),
        ("", ", width=320, height=200", 320, 200),
        ("", ', height="stretch"', "stretch", "stretch"),
        ("", ", use_container_width=True", "stretch", 450),
        ("", ", use_container_width=False", 700, 450),
        ("", ", use_container_width=False, width=250", 250, 450),
    ],
)
def test_width_and_height_resolve_as_in_streamlit(
    setup: str, args: str, width: object, height: object
) -> None:
    sent = chart(setup, f"st.plotly_chart(fig{args})")
    assert (sent.width, sent.height) == (width, height)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("width=0", "Invalid width value: 0."),
        ('width="wide"', "Invalid width value: 'wide'."),
        ("height=-3", "Invalid height value: -3."),
    ],
)
def test_bad_sizes_are_refused(args: str, message: str) -> None:
    assert error_of(f"st.plotly_chart(fig, {args})").message.startswith(message)


def test_config_is_sent_as_given() -> None:
    sent = chart("", 'st.plotly_chart(fig, config={"scrollZoom": False, "displaylogo": True})')
    assert sent.config == {"scrollZoom": False, "displaylogo": True}
    assert chart("").config == {}


def test_a_config_that_is_not_a_dict_is_refused() -> None:
    assert "must be a dict" in error_of('st.plotly_chart(fig, config="x")').message


def test_alt_is_the_charts_accessible_name_and_blank_alt_is_none() -> None:
    assert chart("", 'st.plotly_chart(fig, alt="  Sales by month ")').alt == "Sales by month"
    assert chart("", 'st.plotly_chart(fig, alt="   ")').alt is None


# --- bad figures ------------------------------------------------------------------------------


def test_an_object_that_is_not_a_figure_raises_plotlys_error() -> None:
    error = error_of('st.plotly_chart("not a figure")')
    assert error.exception_type == "PlotlyError"
    assert "must be `dict`-like, `list`-like, or an instance of plotly.graph_objs.Figure" in (
        error.message
    )


def test_a_malformed_dict_raises_plotlys_validation_error() -> None:
    error = error_of('st.plotly_chart({"data": [{"type": "scatter", "colour": "red"}]})')
    assert error.exception_type == "ValueError"
    assert "colour" in error.message


def test_a_figure_without_data_raises_plotlys_empty_data_error() -> None:
    error = error_of('st.plotly_chart({"data": []})')
    # plotly 7.1 fails to find its own PlotlyEmptyDataError and raises AttributeError instead;
    # Streamlit calls the same function, so its users see the same.
    assert error.exception_type in ("PlotlyEmptyDataError", "AttributeError")
    assert "PlotlyEmptyDataError" in error.message or "Empty data list" in error.message


# --- selections -------------------------------------------------------------------------------

SELECTABLE = (
    FIG
    + """
event = st.plotly_chart(fig, key="chart", on_select="rerun")
st.text(repr(sorted(event.selection.point_indices)))
"""
)

POINT = {"curve_number": 0, "point_number": 1, "point_index": 1, "x": 2, "y": 5}
BOX = {"xref": "x", "yref": "y", "x": [1.5, 2.5], "y": [4.5, 5.5]}


def test_without_on_select_the_chart_is_no_widget() -> None:
    at = app(FIG + "out = st.plotly_chart(fig)\nst.text(type(out).__name__)")
    assert at.get("plotly_chart")[0].element.id is None
    assert at.text[0].value == "Container"
    assert "selection_mode" not in at.get("plotly_chart")[0].props


def test_with_on_select_the_chart_returns_an_empty_selection_first() -> None:
    at = app(SELECTABLE)
    sent = at.get("plotly_chart")[0]
    assert sent.props["selection_active"] is True
    assert sent.selection_mode == ["box", "lasso", "points"]
    assert at.session_state["chart"] == {
        "selection": {"points": [], "point_indices": [], "box": [], "lasso": []}
    }
    assert at.text[0].value == "[]"


def test_a_selection_reruns_the_app_with_streamlits_shape() -> None:
    at = app(SELECTABLE)
    at.get("plotly_chart")[0].select([POINT], box=[BOX]).run()
    state = at.session_state["chart"]
    assert state.selection.points == [POINT]
    assert state["selection"]["point_indices"] == [1]
    assert state.selection.box == [BOX]
    assert state.selection.lasso == []
    assert at.text[0].value == "[1]"

    at.get("plotly_chart")[0].select().run()
    assert at.text[0].value == "[]"


def test_a_callback_runs_before_the_rerun() -> None:
    at = app(
        FIG
        + """
def picked():
    st.session_state.picked = st.session_state.chart.selection.point_indices
st.plotly_chart(fig, key="chart", on_select=picked)
st.text(repr(st.session_state.get("picked")))
"""
    )
    at.get("plotly_chart")[0].select([POINT]).run()
    assert at.text[0].value == "[1]"


def test_a_region_of_a_mode_the_chart_does_not_allow_is_refused() -> None:
    at = app(FIG + 'e = st.plotly_chart(fig, key="c", on_select="rerun", selection_mode="points")')
    assert at.get("plotly_chart")[0].selection_mode == ["points"]
    at.get("plotly_chart")[0].select([POINT], box=[BOX]).run()
    assert at.session_state["c"].selection.box == []
    assert at.session_state["c"].selection.points == []


@pytest.mark.parametrize(
    "wire",
    [
        "points",
        {"points": "all"},
        {"point_indices": [-1]},
        {"point_indices": [True]},
        {"box": [{"x": [1, 2]}]},
        {"lasso": [{"xref": "x", "yref": "y", "x": [{}], "y": []}]},
        {"selected": []},
    ],
)
def test_a_malformed_selection_from_the_browser_is_refused(wire: object) -> None:
    at = app(SELECTABLE)
    at._pending[at.get("plotly_chart")[0].id] = wire
    at.run()
    assert len(at.exception) == 0
    assert at.text[0].value == "[]"


@pytest.mark.parametrize(
    ("on_select", "message"),
    [
        (
            "True",
            "Invalid `on_select` value. Supported values: 'rerun', 'ignore', a callback function.",
        ),
        (
            '"select"',
            "Invalid `on_select` value. Supported values: 'rerun', 'ignore', a callback function.",
        ),
    ],
)
def test_bad_on_select_values_raise_streamlits_error(on_select: str, message: str) -> None:
    assert error_of(f"st.plotly_chart(fig, on_select={on_select})").message == message


def test_an_unknown_selection_mode_raises_streamlits_error() -> None:
    error = error_of('st.plotly_chart(fig, on_select="rerun", selection_mode=["box", "circle"])')
    assert error.message == (
        "Invalid `selection_mode` value. Supported values: 'box', 'lasso', 'points'."
    )
    # As in Streamlit, selection modes are only checked when selections are on.
    assert chart("", 'st.plotly_chart(fig, selection_mode="circle")').element.id is None


def test_a_key_must_be_text_or_a_number() -> None:
    assert "key must be a string" in error_of("st.plotly_chart(fig, key=[1])").message
