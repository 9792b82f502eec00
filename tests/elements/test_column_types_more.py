"""The newest column types (Streamlit 1.67): AudioColumn, VideoColumn, MarkdownColumn and
ButtonColumn — what the table sends for each, what an editor accepts, and button clicks."""

from __future__ import annotations

from typing import Any

import pytest

import rillet as st
from rillet.runtime.errors import RilletAPIException
from rillet.testing import AppTest

HEAD = """
import pandas as pd
import rillet as st
cc = st.column_config
df = pd.DataFrame({
    "name": ["Alice", "Bob", "Cleo"],
    "md": ["**bold** text", "`code`", None],
    "sound": ["https://x.org/a.mp3", "data:audio/wav;base64,UklG", None],
    "clip": ["https://x.org/v.mp4", None, "https://x.org/w.webm"],
    "act": ["View", "View", "View"],
    "many": [["Edit", "Delete"], ["Edit"], []],
})
"""


def run(body: str) -> AppTest:
    at = AppTest.from_string(HEAD + body).run()
    assert not at.exception, at.exception[0].message
    return at


def columns(at: AppTest, kind: str = "dataframe") -> dict[str, dict[str, Any]]:
    return {c["label"]: c for c in at.get(kind)[0].props["columns"]}


@pytest.mark.parametrize(
    ("config", "label", "expected"),
    [
        ('"sound": cc.AudioColumn("Sound", width="small", help="h", alignment="left")',
         "Sound", {"type": "audio", "width": 75, "help": "h", "align": "left"}),
        ('"clip": cc.VideoColumn("Clip", pinned=True)', "Clip", {"type": "video", "pinned": True}),
        ('"md": cc.MarkdownColumn("Notes", width="large")', "Notes",
         {"type": "markdown", "width": 400}),
        ('"act": cc.ButtonColumn("Act", type="primary")', "Act",
         {"type": "button", "config": {"button_type": "primary"}}),
    ],
)
def test_each_type_is_sent_in_the_column_spec(
    config: str, label: str, expected: dict[str, Any]
) -> None:
    column = columns(run(f"st.dataframe(df, column_config={{{config}}})\n"))[label]
    assert {k: column[k] for k in expected} == expected


def test_the_factories_build_streamlits_dicts() -> None:
    cc = st.column_config
    assert cc.AudioColumn("A") == {"label": "A", "type_config": {"type": "audio"}}
    assert cc.VideoColumn(width=120) == {"width": 120, "type_config": {"type": "video"}}
    assert cc.MarkdownColumn(required=True, default="*x*") == {
        "required": True, "default": "*x*", "type_config": {"type": "markdown"}}
    assert cc.ButtonColumn("B") == {
        "label": "B", "disabled": True,
        "type_config": {"type": "button", "button_type": "secondary"}}
    keyed = cc.ButtonColumn("B", key="k")
    assert isinstance(keyed, cc.ButtonColumnResult) and keyed.key == "k"


def test_a_button_callback_without_a_key_gets_streamlits_error() -> None:
    with pytest.raises(RilletAPIException) as raised:
        st.column_config.ButtonColumn(on_click=print)
    assert str(raised.value) == (
        "The `key` parameter is required. Callbacks passed via `on_click`, `args`, or "
        "`kwargs` need a unique key to be registered."
    )


def test_an_unknown_button_type_is_refused() -> None:
    with pytest.raises(RilletAPIException, match="Invalid `type` value"):
        st.column_config.ButtonColumn(type="danger")


def test_a_click_reaches_the_callback_and_state_for_one_run() -> None:
    at = run("""
def clicked(tag):
    st.session_state.seen = (tag, st.session_state.act["row"], st.session_state.act.label)
st.dataframe(df, column_config={
    "act": cc.ButtonColumn("Act", on_click=clicked, args=("cb",), key="act")})
st.write(f"click={st.session_state.act!r}")
""")
    assert at.markdown[0].value == "click=None"
    at.dataframe[0].click_button("Act", 2).run()
    assert at.session_state["seen"] == ("cb", 2, "View")
    assert at.markdown[0].value == "click={'row': 2, 'label': 'View'}"
    at.run()
    assert at.markdown[0].value == "click=None"


def test_a_list_cell_is_one_button_per_label_and_the_click_names_it() -> None:
    at = run("""
st.dataframe(df, column_config={"many": cc.ButtonColumn("Many", key="m")}, hide_index=True)
if st.session_state.m:
    st.write(st.session_state.m.label)
""")
    at_many = at.dataframe[0].columns.index("Many")
    assert at.dataframe[0].rows(0, 1)[0][at_many] == ["Edit", "Delete"]  # a list, not text
    at.dataframe[0].click_button("Many", 0, "Delete").run()
    assert at.markdown[0].value == "Delete"


@pytest.mark.parametrize(
    "wire",
    [{"row": 3, "label": "View"}, {"row": -1, "label": "View"}, {"row": True, "label": "x"},
     {"row": 0}, "View", None],
)
def test_a_forged_click_is_refused(wire: Any) -> None:
    at = run("""
st.dataframe(df, column_config={"act": cc.ButtonColumn(key="act")})
st.write(f"click={st.session_state.act!r}")
""")
    widget = columns(at)["act"]["config"]["widget"]
    at._pending[widget] = wire
    at.run()
    assert not at.exception
    assert at.markdown[0].value == "click=None"


def test_a_click_on_a_sorted_table_names_the_data_row() -> None:
    at = run('st.dataframe(df, column_config={"act": cc.ButtonColumn(key="act")})\n')
    assert at.dataframe[0].props["positions"] is True
    rows = at.dataframe[0].rows(0, 3, sort=(1, "desc"))
    assert [r[-1] for r in rows] == [2, 1, 0]  # each row ends with its place in the data


def test_button_columns_work_in_the_editor_and_stay_read_only() -> None:
    at = run("""
out = st.data_editor(df, column_config={"act": cc.ButtonColumn("Act", key="act"),
                                        "md": cc.MarkdownColumn("Notes")}, key="e")
if st.session_state.act:
    st.write(f"row {st.session_state.act.row}")
""")
    shown = columns(at, "data_editor")
    assert "editable" not in shown["Act"] and shown["Notes"]["editable"] is True
    at.data_editor[0].click_button("Act", 1).run()
    assert at.markdown[0].value == "row 1"


def test_a_disabled_editor_registers_no_button_widget() -> None:
    at = run('st.data_editor(df, column_config={"act": cc.ButtonColumn(key="act")}, '
             "disabled=True)\n")
    assert "widget" not in columns(at, "data_editor")["act"].get("config", {})


@pytest.mark.parametrize(
    ("column", "value", "accepted"),
    [("md", "# new *text*", True), ("md", 5, False), ("sound", "https://x.org/b.mp3", False),
     ("clip", "https://x.org/b.mp4", False), ("act", "Go", False)],
)
def test_editor_edits_markdown_as_text_and_refuses_the_read_only_types(
    column: str, value: Any, accepted: bool
) -> None:
    at = run("""
st.data_editor(df, key="e", column_config={
    "md": cc.MarkdownColumn(), "sound": cc.AudioColumn(), "clip": cc.VideoColumn(),
    "act": cc.ButtonColumn()})
""")
    at.data_editor[0].edit(0, column, value).run()
    edited = at.session_state["e"]["edited_rows"]
    assert edited == ({0: {column: value}} if accepted else {})
    assert ("invalid" in at.data_editor[0].props) is not accepted


def test_a_required_markdown_cell_refuses_empty() -> None:
    at = run('st.data_editor(df, key="e", column_config={"md": cc.MarkdownColumn('
             "required=True)})\n")
    at.data_editor[0].edit(0, "md", None).run()
    assert at.session_state["e"]["edited_rows"] == {}
