"""A live line chart: a ``run_every=0.1`` fragment adds one point to a 1,000-point chart.

The same file runs under both frameworks (``BENCH_FRAMEWORK=rillet`` or ``streamlit``). Each
tick appends one row to the data kept in session state and redraws the chart with all of it, as
a user writes a live chart; the caption under it shows the number of points, so the harness can
count, in the page, how many ticks reached the browser.
"""

from __future__ import annotations

import importlib
import math
import os

import pandas as pd

st = importlib.import_module(os.environ.get("BENCH_FRAMEWORK", "rillet"))

POINTS = 1_000

if "n" not in st.session_state:
    st.session_state.n = POINTS
    st.session_state.rows = [(i, math.sin(i / 25)) for i in range(POINTS)]


@st.fragment(run_every=0.1)
def live() -> None:
    n = st.session_state.n
    st.session_state.rows.append((n, math.sin(n / 25)))
    st.session_state.n = n + 1
    frame = pd.DataFrame(st.session_state.rows, columns=["t", "value"])
    st.line_chart(frame, x="t", y="value")
    st.caption(f"points: {n + 1}")


st.title("Live chart")
live()
