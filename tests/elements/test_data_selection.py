"""st.dataframe selections: modes, Streamlit's shape, checks on what the browser sends,
callbacks, keys, and fragments."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest

HEAD = """
import pandas as pd
import rillet as st
df = pd.DataFrame({"name": ["a", "b", "c"], "price": [3, 1, 2]})
"""


def run(body: str) -> AppTest:
    return AppTest.from_string(HEAD + body).run()


def test_a_selectable_dataframe_returns_an_empty_selection_first() -> None:
    at = run('event = st.dataframe(df, on_select="rerun")\nst.write(event.selection.rows)\n')
    frame = at.dataframe[0]
    assert frame.props["selection_mode"] == ["multi-row"]
    assert frame.value == {"selection": {"rows": [], "columns": [], "cells": []}}


def test_selected_rows_reach_the_script_and_session_state() -> None:
    at = run(
        'event = st.dataframe(df, on_select="rerun", key="pick")\n'
        "st.write(f\"{list(event.selection.rows)} {st.session_state.pick['selection']['rows']}\")\n"
    )
    at.dataframe[0].select_rows([0, 2]).run()
    assert at.markdown[0].value == "[0, 2] [0, 2]"


def test_columns_and_cells_in_streamlits_shape() -> None:
    at = run(
        'e = st.dataframe(df, on_select="rerun", '
        'selection_mode=["multi-column", "multi-cell"])\nst.write(repr(e.selection.cells))\n'
    )
    at.dataframe[0].set_value(
        {"selection": {"rows": [], "columns": ["price"], "cells": [(1, "name")]}}
    ).run()
    assert at.dataframe[0].value["selection"]["columns"] == ["price"]
    assert at.markdown[0].value == "[(1, 'name')]"


def test_rows_are_data_positions_whatever_the_page_sort() -> None:
    at = run('st.dataframe(df, on_select="rerun")\n')
    frame = at.dataframe[0]
    # Each row ends with its position in the data, so a sorted page can still name it.
    assert frame.rows(0, 3, sort=(2, "asc")) == [[1, "b", 1, 1], [2, "c", 2, 2], [0, "a", 3, 0]]


@pytest.mark.parametrize(
    ("mode", "wire"),
    [
        ("single-row", {"rows": [0, 1], "columns": [], "cells": []}),
        ("multi-row", {"rows": [7], "columns": [], "cells": []}),
        ("multi-row", {"rows": [0, 0], "columns": [], "cells": []}),
        ("multi-row", {"rows": [], "columns": ["price"], "cells": []}),
        ("multi-column", {"rows": [], "columns": ["nope"], "cells": []}),
        ("multi-cell", {"rows": [], "columns": [], "cells": [[0, "_index"]]}),
        ("multi-row", {"rows": ["0"], "columns": [], "cells": []}),
        ("multi-row", {"rows": [], "hack": 1}),
        ("multi-row", "everything"),
    ],
)
def test_selections_the_mode_or_table_do_not_allow_are_refused(mode: str, wire: object) -> None:
    at = run(f'e = st.dataframe(df, on_select="rerun", selection_mode="{mode}")\n')
    at._pending[at.dataframe[0].id] = wire
    at.run()
    assert at.dataframe[0].value == {"selection": {"rows": [], "columns": [], "cells": []}}
    assert not at.exception


def test_a_callable_on_select_runs_before_the_script() -> None:
    at = run(
        "def picked():\n    st.session_state.seen = st.session_state.t.selection.rows\n"
        'st.dataframe(df, on_select=picked, key="t")\n'
        "st.write(f\"{st.session_state.get('seen')}\")\n"
    )
    at.dataframe[0].select_rows([1]).run()
    assert at.markdown[0].value == "[1]"


def test_a_selection_in_a_fragment_reruns_only_the_fragment() -> None:
    at = run(
        "st.session_state.setdefault('full', 0)\nst.session_state.full += 1\n"
        "@st.fragment\ndef detail():\n"
        '    e = st.dataframe(df, on_select="rerun", selection_mode="single-row")\n'
        "    st.write(f'rows {list(e.selection.rows)}')\n"
        "detail()\nst.write(f'full {st.session_state.full}')\n"
    )
    at.dataframe[0].select_rows([2]).run()
    assert [m.value for m in at.markdown] == ["rows [2]", "full 1"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ('on_select="yes"', "But only 'ignore', 'rerun', or a callable is supported"),
        ('on_select="rerun", selection_mode="rows"', "Invalid selection mode: rows"),
        ('on_select="rerun", selection_mode=["single-row", "multi-row"]',
         "Only one of `single-row` or `multi-row`"),
    ],
)
def test_bad_selection_arguments_raise_streamlits_errors(args: str, message: str) -> None:
    assert message in run(f"st.dataframe(df, {args})\n").exception[0].message
