"""``st.typing``: the classes of values rillet commands return, for annotating app code.

Streamlit 1.67 gathers these names in ``streamlit.typing`` so apps and libraries can write
``def parse(file: UploadedFile)`` without reaching into internal modules. Each name here is
the very class the matching command returns, so ``isinstance`` checks hold.
"""

from __future__ import annotations

from rillet.elements.charts.selection import ChartState
from rillet.elements.chat_value import ChatInputValue
from rillet.elements.data_buttons import ButtonColumnClickState
from rillet.elements.data_editor import EditorState
from rillet.elements.data_selection import DataframeState
from rillet.elements.files import UploadedFile

# rillet's charts share one selection-state class; Streamlit names one per chart family.
DataEditorState = EditorState
EChartsState = ChartState
PlotlyState = ChartState
PydeckState = ChartState
VegaLiteState = ChartState

__all__ = [
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
