"""``bind="query-params"`` on every widget: address -> value, value -> address, invalid values
and defaults left out of the address (Streamlit 1.67's rules, checked against it)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from rillet.testing import AppTest

SCRIPT = """
import datetime as dt
import rillet as st
st.text_input("t", key="t", bind="query-params")
st.text_area("ta", key="ta", bind="query-params")
st.number_input("n", key="n", bind="query-params")
st.number_input("ni", value=3, key="ni", bind="query-params")
st.number_input("nn", value=None, key="nn", bind="query-params")
st.checkbox("c", key="c", bind="query-params")
st.toggle("tg", key="tg", bind="query-params")
st.slider("s", 0, 10, key="s", bind="query-params")
st.slider("sr", 0, 10, (2, 5), key="sr", bind="query-params")
st.slider("sd", dt.date(2024, 1, 1), dt.date(2024, 12, 31), dt.date(2024, 1, 1), key="sd",
          bind="query-params")
st.select_slider("ss", ["a", "b", "c"], key="ss", bind="query-params")
st.select_slider("ssr", ["a", "b", "c"], ("a", "b"), key="ssr", bind="query-params")
st.radio("r", ["x", "y", "z"], key="r", bind="query-params")
st.selectbox("sb", ["x", "y", "z"], key="sb", bind="query-params")
st.selectbox("sbn", ["x", "y", "z"], index=None, key="sbn", bind="query-params")
st.multiselect("m", ["x", "y", "z"], key="m", bind="query-params")
st.pills("p", ["x", "y", "z"], key="p", bind="query-params")
st.pills("pm", ["x", "y", "z"], selection_mode="multi", key="pm", bind="query-params")
st.segmented_control("sc", ["x", "y", "z"], key="sc", bind="query-params")
st.feedback("thumbs", key="f", bind="query-params")
st.color_picker("cp", key="cp", bind="query-params")
st.date_input("d", dt.date(2024, 1, 1), key="d", bind="query-params")
st.date_input("dr", (dt.date(2024, 1, 1), dt.date(2024, 1, 5)), key="dr", bind="query-params")
st.time_input("ti", dt.time(8, 0), key="ti", bind="query-params")
st.datetime_input("dti", dt.datetime(2024, 1, 1, 8, 0), key="dti", bind="query-params")
st.pagination(5, key="pg", bind="query-params")
"""

# Address (repeated parameters as lists) -> the value the widget starts with: what
# Streamlit 1.67 gives for the same address.
GOOD: dict[str, tuple[str | list[str], Any]] = {
    "t": ("hi", "hi"),
    "ta": ("x", "x"),
    "n": ("2.5", 2.5),
    "ni": ("7", 7),
    "nn": ("4", 4.0),
    "c": ("TRUE", True),
    "tg": ("true", True),
    "s": ("4", 4),
    "sr": (["3", "8"], (3, 8)),
    "sd": ("2024-03-01", date(2024, 3, 1)),
    "ss": ("b", "b"),
    "ssr": (["b", "c"], ("b", "c")),
    "r": ("y", "y"),
    "sb": ("z", "z"),
    "sbn": ("y", "y"),
    "m": (["x", "z"], ["x", "z"]),
    "p": ("y", "y"),
    "pm": (["x", "y"], ["x", "y"]),
    "sc": ("z", "z"),
    "f": ("1", 1),
    "cp": ("#ff0000", "#ff0000"),
    "d": ("2024-02-02", date(2024, 2, 2)),
    "dr": (["2024-02-02", "2024-02-04"], (date(2024, 2, 2), date(2024, 2, 4))),
    "ti": ("09:30", time(9, 30)),
    "dti": ("2024-02-02T10:00", "2024-02-02 10:00:00"),
    "pg": ("3", 3),
}

# Text no widget value matches: the widget keeps its default and the address drops it.
BAD: dict[str, tuple[str | list[str], Any]] = {
    "n": ("abc", 0.0),
    "c": ("yes", False),
    "s": ("99", 0),
    "sd": ("bad", date(2024, 1, 1)),
    "ss": ("q", "a"),
    "r": ("q", "x"),
    "sb": ("", "x"),
    "f": ("9", None),
    "d": ("bad", date(2024, 1, 1)),
    "ti": ("25:00", time(8, 0)),
    "dti": ("x", "2024-01-01 08:00:00"),
    "pg": ("9", 1),
}


def _run(params: dict[str, str | list[str]]) -> AppTest:
    at = AppTest.from_string(SCRIPT)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def _value(at: AppTest, key: str) -> Any:
    value = at.session_state[key]
    return str(value) if key == "dti" else value


@pytest.mark.parametrize("key", GOOD)
def test_the_address_sets_the_widget(key: str) -> None:
    text, expected = GOOD[key]
    at = _run({key: text})

    assert not at.exception
    assert _value(at, key) == expected
    assert at.query_params == {key: text}  # kept as written


@pytest.mark.parametrize("key", BAD)
def test_an_invalid_address_value_is_dropped(key: str) -> None:
    text, expected = BAD[key]
    at = _run({key: text})

    assert not at.exception
    assert _value(at, key) == expected
    assert at.query_params == {}


def test_an_address_value_that_means_the_default_is_dropped() -> None:
    at = _run({"c": "false", "s": "0", "sb": "x", "m": ""})

    assert at.query_params == {}
    assert at.session_state["m"] == []


def test_a_cleared_widget_is_an_empty_parameter() -> None:
    at = _run({"sbn": "", "pm": ""})

    assert at.session_state["sbn"] is None
    assert at.session_state["pm"] == []
    assert at.query_params == {}


def test_options_not_offered_and_repeats_leave_a_list() -> None:
    at = _run({"m": ["x", "q", "x", "z"]})

    assert at.session_state["m"] == ["x", "z"]
    assert at.query_params == {"m": ["x", "z"]}


def test_values_the_user_picks_go_to_the_address_and_defaults_leave_it() -> None:
    at = _run({})
    assert at.query_params == {}

    at.text_input(key="t").input("hi there&x")
    at.checkbox(key="c").check()
    at.slider(key="sr").set_range(1, 9)
    at.multiselect(key="m").select("z").select("x")
    at.selectbox(key="sbn").select("y")
    at.run()
    assert at.query_params == {
        "t": "hi there&x",
        "c": "true",
        "sr": ["1", "9"],
        "m": ["z", "x"],
        "sbn": "y",
    }

    at.checkbox(key="c").uncheck()
    at.text_input(key="t").input("")
    at.run()
    assert at.query_params == {"sr": ["1", "9"], "m": ["z", "x"], "sbn": "y"}


def test_values_set_through_session_state_go_to_the_address() -> None:
    at = _run({})
    at.session_state["sd"] = date(2024, 5, 6)
    at.session_state["ti"] = time(10, 15)
    at.session_state["n"] = 2.0
    at.session_state["f"] = 0
    at.run()

    assert at.query_params == {"sd": "2024-05-06", "ti": "10:15", "n": "2", "f": "0"}


def test_a_new_address_wins_over_the_session_and_a_missing_one_restores_the_default() -> None:
    at = _run({"s": "4"})
    at.slider(key="s").set_value(6).run()
    assert at.query_params == {"s": "6"}

    at.query_params["s"] = "2"  # Back/Forward, or a reload at another address
    at.run()
    assert at.session_state["s"] == 2

    del at.query_params["s"]
    at.run()
    assert at.session_state["s"] == 0


def test_a_bound_widget_needs_a_key_and_a_valid_bind() -> None:
    at = AppTest.from_string('import rillet as st\nst.checkbox("c", bind="query-params")\n').run()
    assert "the widget must have a unique 'key'" in at.exception[0].value

    at = AppTest.from_string('import rillet as st\nst.checkbox("c", key="c", bind="url")\n').run()
    assert at.exception[0].value == (
        "Invalid `bind` value. Supported values: 'query-params', None."
    )


def test_a_hidden_bound_widget_leaves_the_address_and_comes_back_with_its_value() -> None:
    at = AppTest.from_string(
        "import rillet as st\n"
        'if st.checkbox("show", value=True):\n'
        '    st.slider("s", 0, 10, key="s", bind="query-params")\n'
    ).run()
    at.slider(key="s").set_value(6).run()
    assert at.query_params == {"s": "6"}

    at.checkbox[0].uncheck().run()
    assert at.query_params == {}
    assert at.session_state["s"] == 6

    at.checkbox[0].check().run()
    assert at.slider(key="s").value == 6
    assert at.query_params == {"s": "6"}
