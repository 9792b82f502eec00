"""add_rows on dataframe and table: only the new rows travel, and the session's kept frame
grows for paging and sorting."""

from __future__ import annotations

import msgspec
import pytest

from rillet.protocol.messages import Delta, Extend
from rillet.testing import AppTest


def run(body: str) -> AppTest:
    return AppTest.from_string("import rillet as st\nimport pandas as pd\n" + body).run()


def test_table_add_rows_sends_an_extend_of_only_the_new_rows() -> None:
    at = run(
        "t = st.table(pd.DataFrame({'a': [1, 2], 'b': ['x', 'y']}), hide_index=False)\n"
        "t.add_rows(pd.DataFrame({'a': [3]}, index=[7]))\n"
    )
    extends = [m for m in at.messages if isinstance(m, Extend)]
    assert [msgspec.json.decode(m.rows) for m in extends] == [[[7, 3, None]]]
    assert at.table[0].value["a"].tolist() == [1, 2, 3]
    assert at.table[0].value.index.tolist() == [0, 1, 7]


def test_dataframe_add_rows_extends_and_pages_the_grown_table() -> None:
    at = run(
        "df = st.dataframe(pd.DataFrame({'n': range(300)}))\n"
        "df.add_rows(pd.DataFrame({'n': [-1, 999]}, index=[300, 301]))\n"
    )
    extends = [m for m in at.messages if isinstance(m, Extend)]
    assert [msgspec.json.decode(m.rows) for m in extends] == [[[300, -1], [301, 999]]]
    frame = at.dataframe[0]
    assert frame.total == 300  # the element's own rows; the appended ones are its `rows`
    assert frame.rows(298, 400) == [[298, 298], [299, 299], [300, -1], [301, 999]]
    assert frame.rows(0, 1, sort=(1, "asc")) == [[300, -1]]
    assert frame.rows(0, 1, sort=(1, "desc")) == [[301, 999]]
    assert len(frame.value) == 302


def test_a_rerun_writes_the_dataframe_afresh_without_the_appended_rows() -> None:
    at = run(
        "df = st.dataframe(pd.DataFrame({'n': range(3)}))\n"
        "if st.button('grow'):\n"
        "    df.add_rows({'n': [9]})\n"
    )
    at.button[0].click().run()
    assert at.dataframe[0].rows(0, 10) == [[0, 0], [1, 1], [2, 2], [3, 9]]
    at.run()
    assert at.dataframe[0].rows(0, 10) == [[0, 0], [1, 1], [2, 2]]
    assert not any(isinstance(m, Delta) and m.element.rows for m in at.messages)


def test_add_rows_refuses_columns_the_table_does_not_have() -> None:
    at = run("t = st.table({'a': [1]})\nt.add_rows({'zzz': [2]})\n")
    assert "columns the table does not have: zzz" in at.exception[0].message


@pytest.mark.parametrize("command", ["table", "dataframe"])
def test_add_rows_with_a_dataset_name_is_refused(command: str) -> None:
    at = run(f"t = st.{command}({{'a': [1]}})\nt.add_rows(named={{'a': [2]}})\n")
    assert "dataset name only for Vega-Lite charts" in at.exception[0].message
