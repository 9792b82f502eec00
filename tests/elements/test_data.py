"""Data elements: dataframe and table (pandas, numpy, dicts and lists), and metric."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest
from rillet.testing.elements import Node


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run()


def shape(node: Node) -> tuple[list[str], list[list[object]]]:
    """Data column names and rows (without the index) of a table or a dataframe."""
    if node.element.kind != "dataframe":
        return node.props["columns"], node.props["rows"]
    columns = node.props["columns"]
    indexed = bool(columns) and columns[0].get("index", False)
    rows = [r[1:] if indexed else r for r in node.props["rows"]]
    return [c["label"] for c in columns if not c.get("index")], rows


def index_of(node: Node) -> list[object] | None:
    """The index cells a dataframe shows, or None when its index is hidden."""
    columns = node.props["columns"]
    if not columns or not columns[0].get("index"):
        return None
    return [r[0] for r in node.props["rows"]]


# --- every command works in main, in a container and in the sidebar ----------------------------

COMMANDS = [
    ('dataframe({"a": [1, 2]})', "dataframe"),
    ('table({"a": [1, 2]})', "table"),
    ('metric("Users", 10, 2)', "metric"),
]


@pytest.mark.parametrize(("call", "name"), COMMANDS, ids=[c[1] for c in COMMANDS])
def test_command_writes_to_main_a_container_and_the_sidebar(call: str, name: str) -> None:
    at = app(
        f"""
st.{call}
box = st.container()
box.{call}
with st.container():
    st.{call}
st.sidebar.{call}
"""
    )

    found = at.get(name)
    assert [n.path for n in found] == [(0, 0), (0, 1, 0), (0, 2, 0), (1, 0)]
    assert len({repr(n.props) for n in found}) == 1
    assert len(at.exception) == 0


# --- dataframe and table -------------------------------------------------------------------


def test_dataframe_from_pandas_keeps_columns_index_and_values() -> None:
    at = app(
        """
import pandas as pd
df = pd.DataFrame({"city": ["Oslo", "Lima"], "temp": [3.5, 19.0]}, index=["a", "b"])
st.dataframe(df)
"""
    )

    frame = at.dataframe[0]
    assert shape(frame) == (["city", "temp"], [["Oslo", 3.5], ["Lima", 19.0]])
    assert index_of(frame) == ["a", "b"]
    assert frame.value["city"].tolist() == ["Oslo", "Lima"]
    assert frame.value.index.tolist() == ["a", "b"]
    assert len(at.table) == 0


def test_dataframe_from_a_dict_of_lists() -> None:
    at = app('st.dataframe({"x": [1, 2, 3], "y": ["a", "b", "c"]})\n')

    assert shape(at.dataframe[0]) == (["x", "y"], [[1, "a"], [2, "b"], [3, "c"]])
    assert index_of(at.dataframe[0]) is None, "as in Streamlit, only pandas data shows its index"


def test_table_from_a_list_of_dicts_fills_missing_cells() -> None:
    at = app('st.table([{"a": 1, "b": 2}, {"a": 3, "c": "new"}])\n')

    assert shape(at.table[0]) == (["a", "b", "c"], [[1, 2, None], [3, None, "new"]])


def test_table_from_a_list_of_lists_and_of_scalars() -> None:
    at = app("st.table([[1, 2], [3, 4]])\nst.table(['x', 'y'])\n")

    assert shape(at.table[0]) == (["0", "1"], [[1, 2], [3, 4]])
    assert shape(at.table[1]) == (["0"], [["x"], ["y"]])


def test_dataframe_from_numpy_arrays() -> None:
    at = app(
        """
import numpy as np
st.dataframe(np.arange(6).reshape(3, 2))
st.dataframe(np.array([1.5, 2.5]))
"""
    )

    assert shape(at.dataframe[0]) == (["0", "1"], [[0, 1], [2, 3], [4, 5]])
    assert shape(at.dataframe[1]) == (["0"], [[1.5], [2.5]])
    assert all(type(v) is int for row in at.dataframe[0].props["rows"] for v in row)


def test_dataframe_from_a_pandas_series() -> None:
    at = app(
        """
import pandas as pd
st.dataframe(pd.Series([10, 20], name="score"))
"""
    )

    assert shape(at.dataframe[0]) == (["score"], [[10], [20]])


def test_missing_values_become_empty_cells() -> None:
    at = app(
        """
import numpy as np
import pandas as pd
st.table(pd.DataFrame({"a": [1.0, np.nan], "b": [None, "x"]}))
st.table({"a": [float("nan"), 2.0]})
"""
    )

    assert at.table[0].props["rows"] == [[1.0, None], [None, "x"]]
    assert at.table[1].props["rows"] == [[None], [2.0]]


def test_other_cell_values_are_sent_as_text() -> None:
    at = app(
        """
import datetime
import pandas as pd
st.table({"when": [datetime.date(2024, 5, 1)], "ok": [True]})
st.table(pd.DataFrame({"t": pd.to_datetime(["2024-05-01"])}))
"""
    )

    assert at.table[0].props["rows"] == [["2024-05-01", True]]
    assert at.table[1].props["rows"][0][0].startswith("2024-05-01")


def test_empty_dataframe_and_table() -> None:
    at = app("st.dataframe()\nst.table([])\n")

    assert shape(at.dataframe[0]) == ([], [])
    assert shape(at.table[0]) == ([], [])


def test_dataframe_scrolls_and_table_does_not() -> None:
    at = app('st.dataframe({"a": [1]}, height=200)\nst.table({"a": [1]})\n')

    assert at.dataframe[0].element.kind == "dataframe"
    assert at.dataframe[0].props["height"] == 200
    assert at.table[0].element.kind == "table"
    assert "height" not in at.table[0].props


def test_dataframe_can_hide_its_index() -> None:
    at = app(
        """
import pandas as pd
st.dataframe(pd.DataFrame({"a": [1, 2]}), hide_index=True)
"""
    )

    assert index_of(at.dataframe[0]) is None
    assert at.dataframe[0].value["a"].tolist() == [1, 2]


def test_unsupported_data_is_an_error() -> None:
    at = app("st.table(42)\n")

    assert at.exception[0].message == "Unable to convert object of type int to a table."
    assert len(at.table) == 0


def test_changing_one_cell_resends_only_that_table() -> None:
    at = app(
        """
n = st.slider("n", 0, 5)
st.table({"fixed": [1, 2]})
st.table({"n": [n]})
"""
    )

    at.slider[0].set_value(4).run()

    changed = [m for m in at.messages if type(m).__name__ == "Delta" and m.element.kind == "table"]
    assert [(m.path, m.element.props["rows"]) for m in changed] == [([0, 2], [[4]])]


# --- metric --------------------------------------------------------------------------------


def test_metric_shows_label_value_and_signed_delta() -> None:
    at = app(
        """
st.metric("Temperature", "21 °C", 1.5)
st.metric("Sales", 1200, -30)
st.metric("Flat", 5, 0)
st.metric("Plain", 7)
"""
    )

    assert [(m.label, m.value, m.delta) for m in at.metric] == [
        ("Temperature", "21 °C", "+1.5"),
        ("Sales", "1200", "-30"),
        ("Flat", "5", "0"),
        ("Plain", "7", None),
    ]


def test_metric_text_delta_and_missing_value() -> None:
    at = app('st.metric("Growth", None, "-4%")\nst.metric("Empty delta", 1, "")\n')

    assert at.metric[0].value == "—"
    assert at.metric[0].delta == "-4%"
    assert at.metric[1].delta is None


def test_metric_options_reach_the_browser() -> None:
    at = app(
        'st.metric("Cost", 3, 1, delta_color="inverse", help="per unit", '
        'label_visibility="collapsed", border=True)\n'
    )

    props = at.metric[0].props
    assert (props["delta_color"], props["help"], props["label_visibility"], props["border"]) == (
        "inverse",
        "per unit",
        "collapsed",
        True,
    )


def test_metric_delta_color_must_be_known() -> None:
    at = app('st.metric("Cost", 3, 1, delta_color="pink")\n')

    # Streamlit 1.67's words, checked by running the same call on it.
    assert at.exception[0].message == (
        "Invalid `delta_color` value. Supported values: 'normal', 'inverse', 'off', 'red', "
        "'orange', 'yellow', 'green', 'blue', 'violet', 'gray', 'grey', 'primary'."
    )
    assert len(at.metric) == 0


def test_metric_delta_color_names_a_colour_whatever_the_sign() -> None:
    at = app(
        'st.metric("Cost", 3, -1, delta_color="violet")\n'
        'st.metric("Load", 3, 1, delta_color="grey")\n'
    )

    assert [m.props["delta_color"] for m in at.metric] == ["violet", "gray"]


def test_metric_delta_arrow_must_be_known() -> None:
    at = app('st.metric("Cost", 3, 1, delta_arrow="left")\n')

    assert at.exception[0].message == (
        "Invalid `delta_arrow` value. Supported values: 'auto', 'up', 'down', 'off'."
    )


def test_metric_value_change_sends_one_delta() -> None:
    at = app(
        """
n = st.slider("n", 0, 5)
st.metric("Fixed", 1)
st.metric("Count", n)
"""
    )

    at.slider[0].set_value(3).run()

    changed = [m for m in at.messages if type(m).__name__ == "Delta" and m.element.kind == "metric"]
    assert [(m.path, m.element.props["value"]) for m in changed] == [([0, 2], "3")]
