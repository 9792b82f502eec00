"""An exception the script does not catch is logged to the terminal with its whole traceback
("Uncaught app exception", as Streamlit logs it), once, as well as shown in the page."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from rillet.runtime.options import STORE
from rillet.testing import AppTest

RAISING = """
import rillet as st
st.text("before")
def inner():
    raise ValueError("bad input 42")
inner()
"""


def uncaught(caplog: Any) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.getMessage() == "Uncaught app exception"]


def test_uncaught_exception_is_logged_with_its_traceback(caplog: Any) -> None:
    with caplog.at_level(logging.ERROR, logger="rillet"):
        at = AppTest.from_string(RAISING).run()
    assert at.exception[0].message == "bad input 42"
    [record] = uncaught(caplog)
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None and record.exc_info[0] is ValueError
    text = caplog.text
    assert "Traceback (most recent call last)" in text
    assert "in inner" in text and "ValueError: bad input 42" in text


def test_exception_in_a_fragment_is_logged_once(caplog: Any) -> None:
    source = """
import rillet as st

@st.fragment
def part():
    @st.fragment
    def inner():
        raise KeyError("missing")
    inner()

part()
"""
    with caplog.at_level(logging.ERROR, logger="rillet"):
        AppTest.from_string(source).run()
    [record] = uncaught(caplog)
    assert record.exc_info is not None and record.exc_info[0] is KeyError


def test_a_caught_exception_and_st_stop_are_not_logged(caplog: Any) -> None:
    source = """
import rillet as st
try:
    raise ValueError("handled")
except ValueError:
    st.text("handled")
st.stop()
"""
    with caplog.at_level(logging.ERROR, logger="rillet"):
        at = AppTest.from_string(source).run()
    assert not at.exception
    assert uncaught(caplog) == []


@pytest.mark.parametrize("details", ["stacktrace", "type", "none"])
def test_hidden_details_are_still_logged_in_full(caplog: Any, details: str) -> None:
    before = STORE.get("client.showErrorDetails")
    STORE.set("client.showErrorDetails", details)
    try:
        with caplog.at_level(logging.ERROR, logger="rillet"):
            at = AppTest.from_string(RAISING).run()
    finally:
        STORE.set("client.showErrorDetails", before)
    assert "bad input 42" not in at.exception[0].message
    assert len(uncaught(caplog)) == 1
    assert "ValueError: bad input 42" in caplog.text
