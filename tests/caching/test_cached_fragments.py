"""cache_data stacked on a fragment: skipped on unchanged full reruns, yet fully interactive."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest

ORDERS = {
    "cache outside": "@st.cache_data\n@st.fragment\n",
    "fragment outside": "@st.fragment\n@st.cache_data\n",
}

APP = """
import rillet as st
st.session_state.setdefault("body_runs", 0)
st.session_state.setdefault("full", 0)
st.session_state.full += 1
size = st.slider("Size", 1, 5, 2, key="size")
theme = st.checkbox("Dark", key="dark")

DECORATORS
def report(n):
    st.session_state.body_runs += 1
    st.text(f"report for {n}, dark={st.session_state.dark}")
    if st.button("Refresh report"):
        st.text("refreshed")
    st.sidebar.text(f"sidebar note {n}")
    return n * 10

value = report(size)
st.text(f"full={st.session_state.full} body_runs={st.session_state.body_runs} value={value}")
st.sidebar.text("sidebar end")
"""


def app(order: str) -> AppTest:
    return AppTest.from_string(APP.replace("DECORATORS\n", ORDERS[order])).run()


def last(at: AppTest) -> str:
    return str(at.main.text[-1].value)


@pytest.mark.parametrize("order", list(ORDERS))
def test_unchanged_full_rerun_skips_the_body_but_keeps_everything(order: str) -> None:
    at = app(order)
    assert last(at) == "full=1 body_runs=1 value=20"
    at.run()
    assert last(at) == "full=2 body_runs=1 value=20"
    assert at.main.text.values[0] == "report for 2, dark=False"
    assert at.sidebar.text.values == ["sidebar note 2", "sidebar end"]
    # Its widget is still live and its own interaction still reruns it.
    at.button[0].click().run()
    assert "refreshed" in at.main.text.values
    assert st_runs(at) == 2


def st_runs(at: AppTest) -> int:
    return int(at.session_state["body_runs"])


@pytest.mark.parametrize("order", list(ORDERS))
def test_changed_arguments_or_read_state_run_it_again(order: str) -> None:
    at = app(order)
    at.slider(key="size").set_value(3).run()
    assert last(at) == "full=2 body_runs=2 value=30"
    at.checkbox(key="dark").check().run()  # the body read session_state.dark
    assert last(at) == "full=3 body_runs=3 value=30"
    assert at.main.text.values[0] == "report for 3, dark=True"
    at.run()
    assert last(at) == "full=4 body_runs=3 value=30"


def test_returned_value_is_a_copy() -> None:
    at = AppTest.from_string(
        """
import rillet as st
@st.fragment
@st.cache_data
def items():
    st.text("listing")
    return [1, 2]
got = items()
got.append(99)
st.text(str(items.__name__) + str(len(got)))
"""
    ).run()
    at.run()
    assert at.text.values[-1] == "items3"
