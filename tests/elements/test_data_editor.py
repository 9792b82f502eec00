"""st.data_editor: edits in Streamlit's state shape, checked server-side cell by cell, the
edited data returned in the input's type, rows added and deleted, and bad input refused."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from rillet.protocol.messages import RowsRequest
from rillet.runtime.scheduler import Request
from rillet.testing import AppTest

HEAD = """
import pandas as pd
import rillet as st
cc = st.column_config
df = pd.DataFrame({"item": ["bolt", "nut", "gear"], "qty": [5, 9, 2], "ok": [True, False, True]})
"""


def run(body: str) -> AppTest:
    return AppTest.from_string(HEAD + body).run()


def send(at: AppTest, wire: Any) -> AppTest:
    """Queue a message exactly as the browser would send it."""
    at._pending[at.get("data_editor")[0].id] = wire
    return at.run()


def test_an_edit_sends_one_cell_and_returns_the_edited_frame() -> None:
    at = run(
        'out = st.data_editor(df, key="e")\nst.write(f"{out.qty.tolist()} {st.session_state.e}")\n'
    )
    send(at, {"set": [[1, "qty", 10]]})
    assert at.markdown[0].value == (
        "[5, 10, 2] {'edited_rows': {1: {'qty': 10}}, 'added_rows': [], 'deleted_rows': []}"
    )
    send(at, {"set": [[0, "item", "screw"]]})
    state = at.session_state["e"]
    assert state["edited_rows"] == {1: {"qty": 10}, 0: {"item": "screw"}}


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ("df", pd.DataFrame),
        ("{'qty': [5, 9, 2]}", dict),
        ("[{'qty': 5}, {'qty': 9}, {'qty': 2}]", list),
        ("df.qty.to_numpy()", "ndarray"),
        ("__import__('pyarrow').table({'qty': [5, 9, 2]})", "Table"),
        ("__import__('polars').DataFrame({'qty': [5, 9, 2]})", "DataFrame"),
    ],
)
def test_the_edited_data_comes_back_in_the_type_it_came_in(data: str, kind: Any) -> None:
    at = run(f"out = st.data_editor({data})\nst.session_state.out = out\n")
    column = "qty" if data != "df.qty.to_numpy()" else "0"
    send(at, {"set": [[2, column, 7]]})
    out = at.session_state["out"]
    if isinstance(kind, str):
        assert type(out).__name__ == kind
    else:
        assert isinstance(out, kind)
    text = repr(out)
    assert "7" in text


@pytest.mark.parametrize(
    ("config", "edit"),
    [
        ('{"qty": cc.NumberColumn(min_value=0, max_value=10)}', [0, "qty", 11]),
        ('{"qty": cc.NumberColumn(min_value=0)}', [0, "qty", -1]),
        ("{}", [0, "qty", "many"]),
        ("{}", [0, "qty", 1.5]),
        ('{"item": cc.TextColumn(max_chars=3)}', [0, "item", "washer"]),
        ('{"item": cc.TextColumn(validate="^[a-z]+$")}', [0, "item", "Bolt 2"]),
        ('{"item": cc.SelectboxColumn(options=["bolt", "nut"])}', [0, "item", "gear"]),
        ('{"item": cc.TextColumn(required=True)}', [0, "item", None]),
        ('{"ok": cc.CheckboxColumn()}', [0, "ok", "yes"]),
        ('{"item": cc.TextColumn(disabled=True)}', [0, "item", "x"]),
        ("{}", [0, "nope", 1]),
        ("{}", [3, "qty", 1]),
    ],
)
def test_invalid_edits_are_refused_and_marked_others_kept(config: str, edit: list[Any]) -> None:
    at = run(f"out = st.data_editor(df, column_config={config}, key='e')\n")
    send(at, {"set": [[1, "qty", 4], edit]})
    assert at.session_state["e"]["edited_rows"] == {1: {"qty": 4}}
    assert [i[:2] for i in at.get("data_editor")[0].props["invalid"]] == [edit[:2]]


def test_a_refusal_mark_clears_with_the_next_good_edit() -> None:
    at = run("st.data_editor(df, key='e')\n")
    send(at, {"set": [[0, "qty", "x"]]})
    assert "invalid" in at.get("data_editor")[0].props
    send(at, {"set": [[0, "qty", 1]]})
    assert "invalid" not in at.get("data_editor")[0].props


@pytest.mark.parametrize(
    "wire",
    [
        "qty=1",
        {"set": "everything"},
        {"set": [[0, "qty"]]},
        {"drop_table": True},
        {"set": [[0, "qty", 1]] * 10_001},
        {"add": [{"qty": 1}]},
        {"delete": [0]},
    ],
)
def test_forged_or_oversized_messages_are_refused_whole(wire: Any) -> None:
    at = run("st.data_editor(df, key='e')\n")
    send(at, {"set": [[1, "qty", 4]]})
    send(at, wire)
    assert at.session_state["e"]["edited_rows"] == {1: {"qty": 4}}
    assert not at.exception


def test_a_disabled_editor_takes_no_edits() -> None:
    at = run("st.data_editor(df, key='e', disabled=True, num_rows='dynamic')\n")
    props = at.get("data_editor")[0].props
    assert props["disabled"] is True
    assert not any(c.get("editable") for c in props["columns"])
    send(at, {"set": [[0, "qty", 1]]})
    assert at.session_state["e"]["edited_rows"] == {}


def test_dynamic_rows_are_added_with_defaults_and_deleted() -> None:
    at = run(
        "out = st.data_editor(df, num_rows='dynamic', key='e', "
        "column_config={'ok': cc.CheckboxColumn(default=False)})\n"
        "st.session_state.out = out\n"
    )
    send(at, {"add": [{"item": "washer", "qty": 3}]})
    send(at, {"set": [[3, "qty", 4]], "delete": [0]})
    state = at.session_state["e"]
    assert state["added_rows"] == [{"item": "washer", "qty": 4}]
    assert state["deleted_rows"] == [0]
    out = at.session_state["out"]
    assert out["item"].tolist() == ["nut", "gear", "washer"]
    assert out["qty"].tolist() == [9, 2, 4]
    assert out["ok"].tolist() == [False, True, False]
    assert out.index.tolist() == [1, 2, 3]
    send(at, {"delete": [3]})  # an added row deleted goes away
    assert at.session_state["e"]["added_rows"] == []


def test_a_callback_runs_on_each_edit_and_not_on_a_refused_one() -> None:
    at = run(
        "st.session_state.setdefault('calls', 0)\n"
        "def changed():\n    st.session_state.calls += 1\n"
        "st.data_editor(df, key='e', on_change=changed)\n"
    )
    send(at, {"set": [[0, "qty", 1]]})
    assert at.session_state["calls"] == 1


def test_the_element_is_not_sent_again_after_an_edit() -> None:
    at = run("st.data_editor(df)\n")
    send(at, {"set": [[0, "qty", 1]]})
    assert not [m for m in at.messages if type(m).__name__ == "Delta"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("num_rows='many'", "num_rows must be one of"),
        ("on_change='later'", "only 'rerun', 'ignore', or a callable"),
    ],
)
def test_bad_arguments_raise(args: str, message: str) -> None:
    assert message in run(f"st.data_editor(df, {args})\n").exception[0].message


def test_duplicate_column_names_raise_streamlits_error() -> None:
    at = run("st.data_editor(pd.DataFrame([[1, 2]], columns=['a', 'a']))\n")
    assert "All column names are required to be unique" in at.exception[0].message


def test_two_edits_sent_back_to_back_both_land() -> None:
    # Both messages arrive while the first is still waiting for a run, as when a user edits
    # two cells faster than the app reruns: pending values of other widgets coalesce
    # (newest wins), but each edit is a change of its own and must not be dropped.
    at = run("st.data_editor(df, key='e')\n")
    wid = at.get("data_editor")[0].id
    scheduler = at._session.scheduler
    assert scheduler.submit(Request([(wid, {"set": [[0, "qty", 1]]})]))
    scheduler.submit(Request([(wid, {"set": [[1, "qty", 2]]})]))
    at._session._work()
    assert at.session_state["e"]["edited_rows"] == {0: {"qty": 1}, 1: {"qty": 2}}


def test_a_refusal_stays_marked_until_that_cell_is_fixed() -> None:
    at = run("st.data_editor(df, key='e')\n")
    send(at, {"set": [[0, "qty", "x"]]})
    send(at, {"set": [[1, "qty", 3]]})
    assert [i[:2] for i in at.get("data_editor")[0].props["invalid"]] == [[0, "qty"]]
    send(at, {"set": [[0, "qty", 4]]})
    assert "invalid" not in at.get("data_editor")[0].props


def test_on_change_ignore_tells_the_page_to_hold_edits() -> None:
    # As in Streamlit: the page keeps the edits and sends them with the next rerun that
    # something else asks for; the server applies them like any other.
    at = run("st.data_editor(df, key='e', on_change='ignore')\n")
    assert at.get("data_editor")[0].props["on_change"] == "ignore"
    send(at, {"edited_rows": {"0": {"qty": 6}}, "added_rows": [], "deleted_rows": []})
    assert at.session_state["e"]["edited_rows"] == {0: {"qty": 6}}
    assert "on_change" not in run("st.data_editor(df)\n").get("data_editor")[0].props


def test_a_long_editor_answers_row_requests_after_its_run() -> None:
    # The browser asks for the rows it scrolls to; the editor's data must stay kept after
    # the run, as a dataframe's does.
    at = AppTest.from_string(
        "import rillet as st\nst.data_editor({'n': list(range(1000))})\n"
    ).run()
    data_id = at.get("data_editor")[0].props["data_id"]
    page = at._session.answer_rows(RowsRequest(data_id, 900, 902, None))
    assert page is not None and [row[0] for row in page.rows] == [900, 901]


def test_edits_applied_in_one_run_call_back_once() -> None:
    at = run(
        "st.session_state.setdefault('calls', 0)\n"
        "def changed():\n    st.session_state.calls += 1\n"
        "st.data_editor(df, key='e', on_change=changed)\n"
    )
    wid = at.get("data_editor")[0].id
    scheduler = at._session.scheduler
    assert scheduler.submit(Request([(wid, {"set": [[0, "qty", 1]]})]))
    scheduler.submit(Request([(wid, {"set": [[1, "qty", 2]]})]))
    at._session._work()
    assert at.session_state["calls"] == 1
    assert at.session_state["e"]["edited_rows"] == {0: {"qty": 1}, 1: {"qty": 2}}
