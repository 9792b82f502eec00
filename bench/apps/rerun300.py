"""About 300 elements, one of which changes when "Change" is clicked.

The same file runs under both frameworks: ``BENCH_FRAMEWORK=rillet`` imports rillet,
``BENCH_FRAMEWORK=streamlit`` imports Streamlit. Without the variable, whichever of the two
already loaded the script is used. Every element is the same on every run except the
``Clicks: [n]`` text, so a framework that sends only what changed has little to send.

Elements: 99 x (markdown, write of a small dict, metric) = 297, plus a 1,000-row
dataframe, the counter text and the button: 300.
"""

from __future__ import annotations

import importlib
import os
import sys

import pandas as pd


def _framework() -> str:
    chosen = os.environ.get("BENCH_FRAMEWORK")
    if chosen:
        return chosen
    return "rillet" if "rillet" in sys.modules else "streamlit"


st = importlib.import_module(_framework())

SECTIONS = 99
TABLE_ROWS = 1_000


def bump() -> None:
    st.session_state.clicks += 1


if "clicks" not in st.session_state:
    st.session_state.clicks = 0

for i in range(SECTIONS):
    st.markdown(f"**Section {i}**: a short paragraph with *some* emphasis and `code`.")
    st.write({"section": i, "ok": i % 2 == 0, "label": f"item-{i}"})
    st.metric(f"Metric {i}", f"{i * 7 % 101} units", delta=i % 5 - 2)

table = pd.DataFrame(
    {
        "id": range(TABLE_ROWS),
        "name": [f"row-{n}" for n in range(TABLE_ROWS)],
        "value": [n * 0.5 for n in range(TABLE_ROWS)],
        "even": [n % 2 == 0 for n in range(TABLE_ROWS)],
    }
)
st.dataframe(table, height=300)

# The brackets end the number, so "Clicks: [1]" never matches while "Clicks: [10]" is shown.
st.text(f"Clicks: [{st.session_state.clicks}]")
st.button("Change", on_click=bump)
