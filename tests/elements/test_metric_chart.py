"""st.metric's sparkline: what chart_data becomes on the wire, and what it refuses."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest


def metric_props(body: str) -> dict[str, object]:
    """The props of the first metric a script (after ``import rillet as st``) shows."""
    at = AppTest.from_string("import rillet as st\n" + body).run()
    assert not at.exception, at.exception
    return at.metric[0].props


def test_a_list_becomes_floats_with_its_chart_type() -> None:
    props = metric_props("st.metric('A', 10, 2, chart_data=[3, 5, 2], chart_type='bar')\n")

    assert props["chart_data"] == [3.0, 5.0, 2.0]
    assert props["chart_type"] == "bar"


def test_the_chart_type_defaults_to_a_line() -> None:
    assert metric_props("st.metric('A', 1, chart_data=(1, 2))\n")["chart_type"] == "line"


@pytest.mark.parametrize(
    ("data", "points"),
    [
        ("pd.Series([1, 2, 3])", [1.0, 2.0, 3.0]),
        ("pd.DataFrame({'a': [4, 5], 'b': [9, 9]})", [4.0, 5.0]),  # the first column
        ("np.array([1.5, 2.5])", [1.5, 2.5]),
        ("7", [7.0]),  # a lone number is a list of one
        ("['1', '2.5']", [1.0, 2.5]),  # text that is a number is cast, as Streamlit does
        ("[True, False]", [1.0, 0.0]),
        ("[1, float('nan'), 3]", [1.0, None, 3.0]),  # a gap, since JSON has no NaN
    ],
)
def test_data_shapes_are_read_as_streamlit_reads_them(data: str, points: list[object]) -> None:
    props = metric_props(
        f"import pandas as pd\nimport numpy as np\nst.metric('A', 1, chart_data={data})\n"
    )

    assert props["chart_data"] == points


@pytest.mark.parametrize("data", ["None", "[]", "pd.Series([], dtype=float)"])
def test_no_values_means_no_chart(data: str) -> None:
    props = metric_props(f"import pandas as pd\nst.metric('A', 1, chart_data={data})\n")

    assert "chart_data" not in props
    assert "chart_type" not in props


def test_a_value_that_is_not_a_number_is_refused_with_streamlits_text() -> None:
    at = AppTest.from_string("import rillet as st\nst.metric('A', 1, chart_data=[1, 'x'])\n").run()

    assert at.exception[0].exception_type == "RilletAPIException"
    assert at.exception[0].message == (
        "Only numeric values are supported for chart data sequence. The value 'x' is of type "
        "<class 'str'> and cannot be converted to float."
    )
    assert not at.metric


def test_an_unknown_chart_type_is_refused_with_streamlits_text() -> None:
    at = AppTest.from_string(
        "import rillet as st\nst.metric('A', 1, chart_data=[1], chart_type='pie')\n"
    ).run()

    assert at.exception[0].message == (
        "'pie' is not an accepted value. chart_type only accepts: 'line', 'bar', or 'area'"
    )
