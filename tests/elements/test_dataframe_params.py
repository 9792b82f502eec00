"""st.dataframe's ``selection_default``, ``lazy`` and ``alt``, and st.data_editor's ``alt``
(Streamlit 1.67): results and error texts checked against Streamlit's for the same calls."""

from __future__ import annotations

import ast
import logging

import pytest

from rillet.testing import AppTest

HEAD = """
import pandas as pd
import rillet as st
df = pd.DataFrame({"a": [1, 2, 3], "b": [4, 5, 6]})
"""

EMPTY: dict[str, list[object]] = {"rows": [], "columns": [], "cells": []}


def run(body: str) -> AppTest:
    return AppTest.from_string(HEAD + body).run()


def first_selection(default: str, mode: object) -> dict[str, object]:
    """What the command returns on its first run with ``selection_default=default``."""
    at = run(
        f"e = st.dataframe(df, on_select='rerun', selection_mode={mode!r}, "
        f"selection_default={default})\nst.write(repr(dict(e.selection)))\n"
    )
    assert not at.exception, at.exception[0].message
    return ast.literal_eval(at.markdown[0].value)


# --- selection_default ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("default", "mode", "expected"),
    [
        # Streamlit 1.67 returns the same for each call (run side by side on its AppTest).
        ("{'selection': {'rows': [2, 0, 9, 'x', 2]}}", "multi-row", {**EMPTY, "rows": [2, 0]}),
        ("{'selection': {'rows': [2, 0]}}", "single-row", {**EMPTY, "rows": [2]}),
        (
            "{'selection': {'rows': [1], 'columns': ['b', 'zz'], 'cells': [[0, 'a']]}}",
            ["multi-column", "multi-cell"],
            {**EMPTY, "columns": ["b"]},
        ),
        (
            "{'selection': {'cells': [[0, 'a'], (1, 'b')]}}",
            "single-cell",
            {**EMPTY, "cells": [(0, "a")]},
        ),
        ("{'selection': {'rows': 1}}", "multi-row", EMPTY),
        ("{'selection': {}}", "multi-row", EMPTY),
    ],
)
def test_the_default_is_the_first_value_with_what_the_table_lacks_dropped(
    default: str, mode: object, expected: dict[str, object]
) -> None:
    assert first_selection(default, mode) == expected


def test_the_page_shows_the_default_selected() -> None:
    at = run(
        "st.dataframe(df, on_select='rerun', selection_default={'selection': {'rows': [1]}})\n"
    )
    assert at.dataframe[0].props["value"] == {"rows": [1], "columns": [], "cells": []}


def test_the_default_never_replaces_the_users_selection() -> None:
    at = run(
        "e = st.dataframe(df, on_select='rerun', key='t', "
        "selection_default={'selection': {'rows': [1]}})\nst.write(str(list(e.selection.rows)))\n"
    )
    assert at.markdown[0].value == "[1]"
    at.dataframe[0].select_rows([]).run()
    assert at.markdown[0].value == "[]"
    at.run()
    assert at.markdown[0].value == "[]"
    assert at.session_state["t"]["selection"]["rows"] == []


def test_a_selection_in_session_state_wins_over_the_default() -> None:
    at = run(
        "st.session_state.setdefault('t', {'selection': {'rows': [2], 'columns': [], "
        "'cells': []}})\n"
        "e = st.dataframe(df, on_select='rerun', key='t', "
        "selection_default={'selection': {'rows': [1]}})\nst.write(str(list(e.selection.rows)))\n"
    )
    assert at.markdown[0].value == "[2]"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            "selection_default={'selection': {'rows': [1]}}",
            "`selection_default` and `on_select='ignore'` cannot be used together. Set "
            "`on_select` to `'rerun'` or a callback to use `selection_default`.",
        ),
        *[
            (
                f"on_select='rerun', selection_default={bad}",
                "Selection state must be a dictionary with a 'selection' key containing "
                "'rows', 'columns', and 'cells' arrays.",
            )
            for bad in ("{'rows': [1]}", "[1]", "{'selection': []}", "{}")
        ],
    ],
)
def test_bad_defaults_raise_streamlits_errors(args: str, message: str) -> None:
    at = run(f"st.dataframe(df, {args})\n")
    assert at.exception[0].message == message


# --- lazy -------------------------------------------------------------------------------------


def test_lazy_false_sends_every_row_with_the_table() -> None:
    at = run(
        "big = pd.DataFrame({'n': range(500)})\n"
        "st.dataframe(big)\nst.dataframe(big, lazy=True)\nst.dataframe(big, lazy=False)\n"
    )
    paged, lazy, eager = (len(f.props["rows"]) for f in at.dataframe)
    assert (paged, lazy, eager) == (100, 100, 500)
    assert at.dataframe[2].props["rows"][-1] == [499, 499]
    assert at.dataframe[2].props["total"] == 500


def test_lazy_false_keeps_selections_working() -> None:
    at = run(
        "big = pd.DataFrame({'n': range(300)})\n"
        "e = st.dataframe(big, lazy=False, on_select='rerun')\n"
        "st.write(str(list(e.selection.rows)))\n"
    )
    assert len(at.dataframe[0].props["rows"]) == 300
    at.dataframe[0].select_rows([250]).run()
    assert at.markdown[0].value == "[250]"


def test_lazy_takes_a_bool_or_none() -> None:
    at = run("st.dataframe(df, lazy='yes')\n")
    assert at.exception[0].message == (
        "Invalid `lazy` type. Expected one of: bool, None. Provided type: str."
    )


# --- alt --------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["dataframe", "data_editor"])
def test_alt_names_the_grid(command: str) -> None:
    at = run(f"st.{command}(df, alt='  Top customers ')\n")
    assert at.get(command)[0].props["alt"] == "Top customers"


@pytest.mark.parametrize("command", ["dataframe", "data_editor"])
def test_blank_alt_is_none_with_streamlits_warning(
    command: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        at = run(f"st.{command}(df, alt='   ')\nst.{command}(df.head(1), alt=None)\n")
    assert all("alt" not in e.props for e in at.get(command))
    assert "`alt` was empty or whitespace-only and will be ignored." in caplog.text


def test_alt_takes_any_value_as_text_as_streamlit_does() -> None:
    at = run("st.dataframe(df, alt=3)\n")
    assert at.dataframe[0].props["alt"] == "3"
