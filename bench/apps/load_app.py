"""A small dashboard for the load harness: a button that counts clicks and a ``run_every=1``
fragment, about a dozen elements.

The same file runs under both frameworks (``BENCH_FRAMEWORK=rillet`` or ``streamlit``). A
click changes exactly one element, the ``Clicks: [n]`` text, which is what the harness waits
for; each fragment tick changes the fragment's ``Ticks: [n]`` text.
"""

from __future__ import annotations

import importlib
import os
import sys


def _framework() -> str:
    chosen = os.environ.get("BENCH_FRAMEWORK")
    if chosen:
        return chosen
    return "rillet" if "rillet" in sys.modules else "streamlit"


st = importlib.import_module(_framework())

if "clicks" not in st.session_state:
    st.session_state.clicks = 0
    st.session_state.ticks = 0


def count_click() -> None:
    st.session_state.clicks += 1


st.title("Load")
st.markdown("A small dashboard: a counter and a panel that refreshes every second.")
for i in range(6):
    st.markdown(f"Line {i}: **steady** text that does not change between runs.")
st.button("Add", on_click=count_click)
st.text(f"Clicks: [{st.session_state.clicks}]")


@st.fragment(run_every=1)
def panel() -> None:
    st.session_state.ticks += 1
    st.metric("Ticks", st.session_state.ticks)
    st.text(f"Ticks: [{st.session_state.ticks}]")


panel()
