"""A 1,000,000-row dataframe, for the scrolling benchmark (bench/data_editor.py).

The same file runs under both frameworks: ``BENCH_FRAMEWORK`` names the one to import.
"""

from __future__ import annotations

import importlib
import os

import numpy as np
import pandas as pd

st = importlib.import_module(os.environ.get("BENCH_FRAMEWORK", "rillet"))

N = 1_000_000
df = pd.DataFrame(
    {
        "id": np.arange(N),
        "value": (np.arange(N) * 7919) % 1_000_003,
        "ratio": np.arange(N) / 7.0,
        "name": [f"row-{i}" for i in range(N)],
    }
)
st.dataframe(df, hide_index=True, height=400)
