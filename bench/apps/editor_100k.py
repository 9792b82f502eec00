"""A 100,000-row data editor, for the cell-editing benchmark (bench/data_editor.py).

The same file runs under both frameworks: ``BENCH_FRAMEWORK`` names the one to import. The
text under the editor counts the edited cells, so the harness knows when an edit's rerun
has been shown.
"""

from __future__ import annotations

import importlib
import os

import numpy as np
import pandas as pd

st = importlib.import_module(os.environ.get("BENCH_FRAMEWORK", "rillet"))

N = 100_000


@st.cache_data
def load() -> pd.DataFrame:
    """The data, built once: what an edit costs is then the framework's own work."""
    return pd.DataFrame({"value": np.arange(N) * 3, "label": [f"item-{i}" for i in range(N)]})


df = load()
edited = st.data_editor(df, hide_index=True, key="editor", height=400)
count = sum(len(cells) for cells in st.session_state["editor"]["edited_rows"].values())
# The brackets end the number, so "[1]" never matches while "[10]" is shown.
st.text(f"Edited cells: [{count}]")
