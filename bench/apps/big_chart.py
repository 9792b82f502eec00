"""One line chart of 10,000 points, and nothing else (first render of a chart page).

The same file runs under both frameworks (``BENCH_FRAMEWORK=rillet`` or ``streamlit``).
"""

from __future__ import annotations

import importlib
import os

import numpy as np
import pandas as pd

st = importlib.import_module(os.environ.get("BENCH_FRAMEWORK", "rillet"))

POINTS = 10_000

rng = np.random.default_rng(7)
frame = pd.DataFrame({"t": np.arange(POINTS), "value": rng.standard_normal(POINTS).cumsum()})
st.title("A big chart")
st.line_chart(frame, x="t", y="value")
