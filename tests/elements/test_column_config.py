"""st.column_config: every column type's factory, its validation, and what the dataframe
element sends for it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import rillet as st
from rillet.runtime.errors import RilletAPIException
from rillet.testing import AppTest

HEAD = """
import datetime
import pandas as pd
import rillet as st
cc = st.column_config
df = pd.DataFrame({
    "n": [1.5, 2.25], "t": ["a", "b"], "ok": [True, False], "url": ["https://x.org/a", "b"],
    "pick": ["x", "y"], "tags": [["a", "b"], ["c"]],
    "when": pd.to_datetime(["2024-05-01", "2024-06-02"]),
    "trend": [[1, 2, 3], [3, 1]], "p": [0.2, 0.9], "img": ["https://x.org/i.png", None],
    "js": [{"k": [1, 2]}, None],
})
"""


def columns(config: str) -> dict[str, dict[str, Any]]:
    at = AppTest.from_string(HEAD + f"st.dataframe(df, column_config={{{config}}})\n").run()
    assert not at.exception, at.exception[0].message
    return {c["label"]: c for c in at.dataframe[0].props["columns"]}


@pytest.mark.parametrize(
    ("config", "label", "expected"),
    [
        ('"n": cc.NumberColumn("N", format="%.1f", min_value=0, step=0.5)', "N",
         {"type": "number", "format": "%.1f", "config": {"min_value": 0, "step": 0.5}}),
        ('"t": cc.TextColumn(max_chars=3, validate="^[a-z]+$")', "t",
         {"type": "text", "config": {"max_chars": 3, "validate": "^[a-z]+$"}}),
        ('"ok": cc.CheckboxColumn("Done")', "Done", {"type": "checkbox"}),
        ('"url": cc.LinkColumn(display_text="Open")', "url",
         {"type": "link", "config": {"display_text": "Open"}}),
        ('"pick": cc.SelectboxColumn(options=["x", "y"], format_func=str.upper)', "pick",
         {"type": "selectbox",
          "config": {"options": [{"value": "x", "label": "X"}, {"value": "y", "label": "Y"}]}}),
        ('"tags": cc.MultiselectColumn(options=["a", "b", "c"], accept_new_options=True)', "tags",
         {"type": "multiselect", "config": {
             "options": [{"value": v, "label": v} for v in "abc"], "accept_new_options": True}}),
        ('"tags": cc.ListColumn()', "tags", {"type": "list"}),
        ('"when": cc.DatetimeColumn(format="D MMM YYYY", timezone="UTC")', "when",
         {"type": "datetime", "config": {"timezone": "UTC"}}),
        ('"when": cc.DateColumn(min_value=datetime.date(2024, 1, 1))', "when",
         {"type": "date", "config": {"min_value": "2024-01-01"}}),
        ('"when": cc.TimeColumn(step=datetime.timedelta(minutes=15))', "when",
         {"type": "time", "config": {"step": 900.0}}),
        ('"p": cc.ProgressColumn(min_value=0, max_value=1, format="percent")', "p",
         {"type": "progress", "format": "percent", "config": {"min_value": 0, "max_value": 1}}),
        ('"trend": cc.LineChartColumn(y_min=0, y_max=5)', "trend",
         {"type": "line_chart", "config": {"y_min": 0, "y_max": 5}}),
        ('"trend": cc.BarChartColumn(color="green")', "trend",
         {"type": "bar_chart", "config": {"color": "green"}}),
        ('"trend": cc.AreaChartColumn()', "trend", {"type": "area_chart"}),
        ('"img": cc.ImageColumn("Picture")', "Picture", {"type": "image"}),
        ('"js": cc.JsonColumn()', "js", {"type": "json"}),
        ('"t": cc.Column("Text", width="small", help="Some text", pinned=True)', "Text",
         {"width": 75, "help": "Some text", "pinned": True}),
    ],
)
def test_every_column_type_reaches_the_browser(
    config: str, label: str, expected: dict[str, Any]
) -> None:
    column = columns(config)[label]
    for key, value in expected.items():
        assert column.get(key) == value, (key, column)
    if "type" not in expected:
        assert "type" not in column


def test_list_chart_and_json_cells_travel_as_json_not_text() -> None:
    at = AppTest.from_string(
        HEAD + "st.dataframe(df[['tags', 'trend', 'js']], hide_index=True, column_config={"
        "'tags': cc.ListColumn(), 'trend': cc.LineChartColumn(), 'js': cc.JsonColumn()})\n"
    ).run()
    assert at.dataframe[0].props["rows"] == [
        [["a", "b"], [1, 2, 3], {"k": [1, 2]}],
        [["c"], [3, 1], None],
    ]


def test_pinned_columns_come_first_and_the_index_can_be_unpinned() -> None:
    cols = AppTest.from_string(
        HEAD + "st.dataframe(df[['n', 't']], column_config={'t': cc.Column(pinned=True), "
        "'_index': cc.Column(pinned=False)})\n"
    ).run().dataframe[0].props["columns"]
    assert [(c["label"], c.get("pinned")) for c in cols] == [("t", True), ("", False), ("n", None)]


def test_factories_build_streamlits_dicts() -> None:
    assert st.column_config.NumberColumn("Price", format="$%.2f", min_value=0) == {
        "label": "Price",
        "type_config": {"type": "number", "format": "$%.2f", "min_value": 0},
    }
    assert st.column_config.CheckboxColumn(default=True) == {
        "default": True, "type_config": {"type": "checkbox"}
    }
    assert st.column_config.DateColumn(default=datetime.date(2024, 1, 2))["default"] == "2024-01-02"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('"n": cc.NumberColumn(min_value=5, max_value=1)', "min_value (5) is larger than"),
        ('"t": cc.TextColumn(validate="(")', "not a valid regular expression"),
        ('"n": {"type_config": {"type": "number", "colour": 1}}', "unknown options: colour"),
        ('"n": {"alignment": "middle"}', "Invalid alignment for column `n`"),
    ],
)
def test_bad_column_configs_raise_clear_errors(config: str, message: str) -> None:
    at = AppTest.from_string(HEAD + f"st.dataframe(df, column_config={{{config}}})\n").run()
    assert message in at.exception[0].message


def test_a_bad_chart_colour_raises_when_the_column_is_configured() -> None:
    with pytest.raises(RilletAPIException, match="Invalid `color` value"):
        st.column_config.BarChartColumn(color="not a colour")
