"""``st.typing`` names the classes rillet commands return, so annotations and ``isinstance``
checks written for Streamlit 1.67 hold; ``streamlit.typing`` resolves to it under compat."""

from __future__ import annotations

import rillet
import rillet.typing
from rillet import compat
from rillet.testing import AppTest

STREAMLIT_TYPING_NAMES = [
    "ButtonColumnClickState",
    "ChatInputValue",
    "DataEditorState",
    "DataframeState",
    "EChartsState",
    "PlotlyState",
    "PydeckState",
    "UploadedFile",
    "VegaLiteState",
]


def test_typing_exports_streamlits_names() -> None:
    assert rillet.typing.__all__ == STREAMLIT_TYPING_NAMES
    assert rillet.typing.UploadedFile is rillet.UploadedFile


def test_values_returned_by_commands_are_instances_of_the_typing_classes() -> None:
    at = AppTest.from_string(
        """
import pandas as pd
import rillet as st
from rillet.typing import ChatInputValue, DataEditorState, DataframeState, UploadedFile

df = pd.DataFrame({"a": [1, 2]})
event = st.dataframe(df, on_select="rerun", key="table")
st.write(f"dataframe={isinstance(event, DataframeState)}")
st.data_editor(df, key="editor")
st.write(f"editor={isinstance(st.session_state.editor, DataEditorState)}")
f = st.file_uploader("File")
st.write(f"upload={f is None or isinstance(f, UploadedFile)}")
prompt = st.chat_input("Say", accept_file=True)
st.write(f"chat={prompt is None or isinstance(prompt, ChatInputValue)}")
"""
    ).run()
    at.file_uploader[0].upload("a.txt", b"hi")
    at.chat_input[0].set_value("hello")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [m.value for m in at.markdown] == [
        "dataframe=True",
        "editor=True",
        "upload=True",
        "chat=True",
    ]


def test_streamlit_typing_resolves_under_compat() -> None:
    compat.install()
    try:
        at = AppTest.from_string(
            "import streamlit as st\n"
            "from streamlit.typing import UploadedFile, PlotlyState\n"
            "st.write(f'{UploadedFile.__module__} {st.typing.PlotlyState is PlotlyState}')\n"
        ).run()
    finally:
        compat.uninstall()
    assert not at.exception, [e.value for e in at.exception]
    assert at.markdown[0].value == "rillet.elements.files True"


def test_experimental_base_connection_is_base_connection() -> None:
    assert rillet.connections.ExperimentalBaseConnection is rillet.connections.BaseConnection
