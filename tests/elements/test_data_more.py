"""The paged dataframe (every data type, paging, sorting, column settings, what reruns send,
what the session keeps), the static table, and metric's newer parameters."""

from __future__ import annotations

import pytest

from rillet.elements.data import PAGE_ROWS
from rillet.protocol.messages import Delta, RowsRequest
from rillet.testing import AppTest


def app(body: str, timeout: float = 10) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run(timeout=timeout)


def labels(at: AppTest, i: int = 0) -> list[str]:
    return [c["label"] for c in at.dataframe[i].props["columns"]]


def deltas(at: AppTest, kind: str) -> list[Delta]:
    return [m for m in at.messages if isinstance(m, Delta) and m.element.kind == kind]


# --- every supported data type -----------------------------------------------------------------

SOURCES = {
    "pandas": "import pandas as pd\ndata = pd.DataFrame({'n': [3, 1, 2], 's': ['c', 'a', 'b']})",
    "polars": "import polars as pl\ndata = pl.DataFrame({'n': [3, 1, 2], 's': ['c', 'a', 'b']})",
    "polars lazy": "import polars as pl\n"
    "data = pl.DataFrame({'n': [3, 1, 2], 's': ['c', 'a', 'b']}).lazy()",
    "pyarrow": "import pyarrow as pa\ndata = pa.table({'n': [3, 1, 2], 's': ['c', 'a', 'b']})",
    "pyarrow batch": "import pyarrow as pa\n"
    "data = pa.RecordBatch.from_pydict({'n': [3, 1, 2], 's': ['c', 'a', 'b']})",
    "numpy structured": "import numpy as np\n"
    "data = np.array([(3, 'c'), (1, 'a'), (2, 'b')], dtype=[('n', 'i8'), ('s', 'U1')])",
    "dict of lists": "data = {'n': [3, 1, 2], 's': ['c', 'a', 'b']}",
    "list of dicts": "data = [{'n': 3, 's': 'c'}, {'n': 1, 's': 'a'}, {'n': 2, 's': 'b'}]",
}


@pytest.mark.parametrize("source", SOURCES.values(), ids=SOURCES.keys())
def test_every_data_type_shows_its_columns_and_sorts(source: str) -> None:
    at = app(source + "\nst.dataframe(data, hide_index=True)\n")

    frame = at.dataframe[0]
    assert labels(at) == ["n", "s"]
    assert frame.props["rows"] == [[3, "c"], [1, "a"], [2, "b"]]
    assert frame.total == 3
    assert frame.rows(0, 3, (0, "asc")) == [[1, "a"], [2, "b"], [3, "c"]]
    assert frame.rows(0, 3, (1, "desc")) == [[3, "c"], [2, "b"], [1, "a"]]
    assert frame.value["n"].tolist() == [3, 1, 2]


def test_only_pandas_data_shows_its_index_by_default() -> None:
    at = app(
        """
import numpy as np
import pandas as pd
st.dataframe(pd.DataFrame({"a": [1, 2]}, index=["x", "y"]))
st.dataframe(np.arange(4).reshape(2, 2))
st.dataframe([[1, 2], [3, 4]])
"""
    )

    assert [c.get("index", False) for c in at.dataframe[0].props["columns"]] == [True, False]
    assert at.dataframe[0].props["rows"] == [["x", 1], ["y", 2]]
    assert labels(at, 1) == ["0", "1"] and labels(at, 2) == ["0", "1"]


def test_a_series_a_pandas_index_and_a_key_value_dict() -> None:
    at = app(
        """
import pandas as pd
st.dataframe(pd.Series([1, 2], name="score"))
st.dataframe(pd.Index(["a", "b"], name="letter"))
st.dataframe({"alpha": 1, "beta": 2})
"""
    )

    assert labels(at, 0) == ["", "score"]
    assert labels(at, 1) == ["letter"]
    assert at.dataframe[2].props["rows"] == [["alpha", 1], ["beta", 2]]


def test_unconvertible_data_is_an_error() -> None:
    at = app("st.dataframe(object())\n")

    assert at.exception[0].message == "Unable to convert object of type object to a table."


# --- paging ------------------------------------------------------------------------------------

BIG = """
import numpy as np
import pandas as pd
n = {n}
names = [f"r{{k}}" for k in range(n)]
df = pd.DataFrame({{"i": np.arange(n), "half": np.arange(n) // 2, "name": names}})
"""


def test_a_large_frame_sends_its_first_rows_and_the_rest_on_request() -> None:
    at = app(BIG.format(n=100_000) + "st.dataframe(df)\n", timeout=30)

    frame = at.dataframe[0]
    assert frame.total == 100_000
    assert len(frame.props["rows"]) == PAGE_ROWS
    assert frame.rows(50_000, 50_002) == [
        [50_000, 50_000, 25_000, "r50000"],
        [50_001, 50_001, 25_000, "r50001"],
    ]
    assert frame.value.shape == (100_000, 3)


def test_sorting_is_stable_and_puts_missing_values_last() -> None:
    at = app(
        """
import pandas as pd
df = pd.DataFrame({"k": [2.0, None, 1.0, 2.0, 1.0], "tag": list("abcde")})
st.dataframe(df, hide_index=True)
"""
    )

    frame = at.dataframe[0]
    assert frame.rows(0, 5, (0, "asc")) == [
        [1.0, "c"], [1.0, "e"], [2.0, "a"], [2.0, "d"], [None, "b"],
    ]
    assert frame.rows(0, 5, (0, "desc")) == [
        [2.0, "a"], [2.0, "d"], [1.0, "c"], [1.0, "e"], [None, "b"],
    ]


def test_python_lists_with_mixed_values_sort_by_type_then_value() -> None:
    at = app('st.dataframe({"v": [3, None, "b", 1, "a"]})\n')

    assert at.dataframe[0].rows(0, 5, (0, "asc")) == [[1], [3], ["a"], ["b"], [None]]


def test_numpy_columns_in_a_dict_sort_as_numbers() -> None:
    at = app(
        """
import numpy as np
st.dataframe({"a": np.array([10, 9, 100]), "b": np.array([np.nan, 2.0, 1.0], "float32")})
"""
    )

    assert at.dataframe[0].rows(0, 3, (0, "asc")) == [[9, 2.0], [10, None], [100, 1.0]]
    assert at.dataframe[0].rows(0, 3, (1, "desc")) == [[9, 2.0], [100, 1.0], [10, None]]


def test_the_index_column_sorts_too() -> None:
    at = app(
        """
import pandas as pd
st.dataframe(pd.DataFrame({"a": [1, 2, 3]}, index=["b", "c", "a"]))
"""
    )

    assert at.dataframe[0].rows(0, 3, (0, "asc")) == [["a", 3], ["b", 1], ["c", 2]]


def test_a_rerun_with_an_unchanged_frame_sends_no_rows() -> None:
    at = app(BIG.format(n=1000) + 'st.dataframe(df)\nst.button("again")\n')
    assert len(deltas(at, "dataframe")) == 1

    at.button[0].click().run()

    assert deltas(at, "dataframe") == []
    assert len(at._session.datasets) == 1


def test_a_changed_frame_is_a_new_table_and_the_old_one_is_dropped() -> None:
    at = app(
        """
n = st.slider("n", 1, 5, 2)
st.dataframe({"x": list(range(n))})
"""
    )
    first = at.dataframe[0].data_id

    at.slider[0].set_value(3).run()

    (delta,) = deltas(at, "dataframe")
    assert delta.element.props["data_id"] != first
    assert delta.element.props["rows"] == [[0], [1], [2]]
    assert list(at._session.datasets._kept) == [at.dataframe[0].data_id]


def test_the_table_is_dropped_when_its_element_leaves_and_with_the_session() -> None:
    at = app(
        """
if not st.checkbox("hide"):
    st.dataframe({"x": [1, 2]})
"""
    )
    assert len(at._session.datasets) == 1

    at.checkbox[0].check().run()
    assert len(at._session.datasets) == 0

    at.checkbox[0].uncheck().run()
    assert len(at._session.datasets) == 1
    at._session.close()
    assert len(at._session.datasets) == 0


def test_the_same_frame_twice_is_kept_once() -> None:
    at = app('st.dataframe({"x": [1]})\nst.dataframe({"x": [1]})\n')

    assert at.dataframe[0].data_id == at.dataframe[1].data_id
    assert len(at._session.datasets) == 1


def test_a_frame_changed_after_it_was_shown_still_shows_what_was_shown() -> None:
    at = app(
        """
import pandas as pd
df = pd.DataFrame({"x": list(range(300))})
st.dataframe(df, hide_index=True)
df.loc[250, "x"] = -1
"""
    )

    assert at.dataframe[0].rows(250, 251) == [[250]]


def test_a_dataframe_written_in_a_cached_function_carries_every_row() -> None:
    at = app(
        """
@st.cache_data
def show(n):
    st.dataframe({"x": list(range(n))})
show(150)
"""
    )

    assert len(at.dataframe[0].props["rows"]) == 150


def test_row_requests_go_through_the_session_checks() -> None:
    at = app('st.dataframe({"x": [1, 2, 3]})\n')
    session = at._session
    data_id = at.dataframe[0].data_id

    assert session.answer_rows(RowsRequest(data_id, 1, 9)).rows == [[2], [3]]  # type: ignore[union-attr]
    assert session.answer_rows(RowsRequest(data_id, 5, 9)) is None
    assert session.answer_rows(RowsRequest(data_id, 0, 1, (3, "asc"))) is None
    assert session.answer_rows(RowsRequest("0" * 32, 0, 1)) is None


# --- columns -----------------------------------------------------------------------------------

CONFIGURED = """
import pandas as pd
df = pd.DataFrame({"price": [1.5, 20.0], "name": ["a", "b"], "secret": [1, 2], "n": [3, 4]})
"""


def test_column_config_labels_hides_sizes_and_formats() -> None:
    at = app(
        CONFIGURED
        + """
st.dataframe(df, column_config={
    "price": st.column_config.NumberColumn("Price", format="$%.2f", width="small", help="USD"),
    "name": "Name",
    "secret": None,
    "_index": st.column_config.Column("Row"),
    3: {"label": "Count", "width": 120, "alignment": "center"},
})
"""
    )

    columns = at.dataframe[0].props["columns"]
    assert [c["label"] for c in columns] == ["Row", "Price", "Name", "Count"]
    assert columns[1] == {
        "label": "Price", "kind": "number", "width": 75, "help": "USD", "format": "$%.2f",
        "type": "number",
    }
    assert (columns[3]["width"], columns[3]["align"]) == (120, "center")
    assert at.dataframe[0].props["rows"] == [[0, 1.5, "a", 3], [1, 20.0, "b", 4]]
    assert list(at.dataframe[0].value.columns) == ["price", "name", "secret", "n"]


def test_column_order_picks_and_orders_columns() -> None:
    at = app(CONFIGURED + 'st.dataframe(df, column_order=["n", "name"], hide_index=True)\n')

    assert labels(at) == ["n", "name"]
    assert at.dataframe[0].props["rows"] == [[3, "a"], [4, "b"]]
    assert at.dataframe[0].rows(0, 2, (0, "desc")) == [[4, "b"], [3, "a"]]


def test_text_column_and_editing_options_are_accepted() -> None:
    at = app(
        CONFIGURED
        + """
st.dataframe(df, column_config={
    "name": st.column_config.TextColumn("Name", max_chars=3, disabled=True, required=True),
})
"""
    )

    assert labels(at)[2] == "Name"


@pytest.mark.parametrize(
    ("config", "error", "message"),
    [
        ('{"name": 3}', "RilletAPIException", "Invalid column config for column `name`"),
        ('{"name": {"width": "huge"}}', "RilletAPIException", "Invalid width for column"),
        ('{"name": {"type_config": {"type": "rainbow"}}}', "RilletAPIException", "unknown type"),
    ],
)
def test_bad_or_unsupported_column_config(config: str, error: str, message: str) -> None:
    at = app(CONFIGURED + f"st.dataframe(df, column_config={config})\n")

    assert at.exception[0].exception_type == error
    assert message in at.exception[0].message


# --- sizes and options --------------------------------------------------------------------------


def test_sizes_and_display_options_reach_the_browser() -> None:
    at = app(
        'st.dataframe({"a": [None]}, width=300, height=250, row_height=28, placeholder="-")\n'
        'st.dataframe({"a": [1]}, use_container_width=False)\n'
        'st.dataframe({"a": [1]})\n'
    )

    props = at.dataframe[0].props
    assert (props["width"], props["height"], props["row_height"], props["placeholder"]) == (
        300, 250, 28, "-",
    )
    assert at.dataframe[1].props["width"] == "content"
    assert not {"width", "height", "row_height", "placeholder"} & set(at.dataframe[2].props)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        ('on_select="sometimes"', "RilletAPIException", "You have passed sometimes to `on_select`"),
        ('selection_mode="all"', "RilletAPIException", "Invalid selection mode: all"),
        ("width=-3", "RilletAPIException", "Invalid width value: -3"),
        ('height="tall"', "RilletAPIException", "Invalid height value: 'tall'"),
        ("row_height=0", "RilletAPIException", "row_height must be a positive integer"),
        ("key=[1]", "RilletAPIException", "A widget key must be a string"),
    ],
)
def test_dataframe_parameter_errors(call: str, error: str, message: str) -> None:
    at = app(f'st.dataframe({{"a": [1]}}, {call})\n')

    assert at.exception[0].exception_type == error
    assert message in at.exception[0].message
    assert len(at.dataframe) == 0


# --- table ---------------------------------------------------------------------------------------


def test_table_shows_every_row_of_any_data_type_without_paging() -> None:
    at = app(
        """
import polars as pl
import pyarrow as pa
st.table(pl.DataFrame({"a": list(range(300))}))
st.table(pa.table({"b": ["x", None]}), border="horizontal")
st.table({"c": [1]}, border=False)
"""
    )

    assert len(at.table[0].props["rows"]) == 300
    assert at.table[1].props["rows"] == [["x"], [None]]
    assert [t.props.get("border", True) for t in at.table] == [True, "horizontal", False]
    assert "data_id" not in at.table[0].props


def test_table_border_must_be_known() -> None:
    at = app('st.table({"a": [1]}, border="dotted")\n')

    assert at.exception[0].message == (
        "Invalid border value: 'dotted'. Border must be a boolean or 'horizontal'."
    )


# --- metric ---------------------------------------------------------------------------------------


def test_metric_sizes_and_arrow_reach_the_browser() -> None:
    at = app(
        'st.metric("A", 1, 2, width="content", height=120, delta_arrow="down")\n'
        'st.metric("B", 1)\n'
    )

    props = at.metric[0].props
    assert (props["width"], props["height"], props["delta_arrow"]) == ("content", 120, "down")
    assert not {"width", "height", "delta_arrow"} & set(at.metric[1].props)


def test_metric_accepts_numpy_and_decimal_values() -> None:
    at = app(
        """
import decimal
import numpy as np
st.metric("np", np.int64(5), np.float64(-1.5))
st.metric("dec", decimal.Decimal("2.50"))
"""
    )

    assert [(m.value, m.delta) for m in at.metric] == [("5", "-1.5"), ("2.50", None)]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        ('st.metric("A", [1])', "TypeError", "'[1]' is of type <class 'list'>, which is not"),
        ("st.metric(3, 1)", "TypeError", "'3' is of type <class 'int'>, which is not"),
        ('st.metric("A", 1, chart_data=["x"])', "RilletAPIException", "Only numeric values"),
        ('st.metric("A", 1, chart_type="pie")', "RilletAPIException", "chart_type only accepts"),
        ('st.metric("A", 1, delta_arrow="left")', "RilletAPIException", "`delta_arrow` value"),
        ('st.metric("A", 1, width="wide")', "RilletAPIException", "Invalid width value"),
        ('st.metric("A", 1, label_visibility="gone")', "RilletAPIException", "label_visibility"),
    ],
)
def test_metric_errors(call: str, error: str, message: str) -> None:
    at = app(call + "\n")

    assert at.exception[0].exception_type == error
    assert message in at.exception[0].message
