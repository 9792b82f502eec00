"""What an edit's rerun costs: an unchanged input is not hashed again, a changed one is, and
many edits apply column by column with the same result as cell by cell."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

from rillet.elements import fingerprints
from rillet.testing import AppTest

# A fresh, equal frame on every run, as cache_data hands out: new objects, same content.
APP = """
import numpy as np
import pandas as pd
import rillet as st

@st.cache_data
def load():
    n = 20_000
    return pd.DataFrame({"value": np.arange(n) * 3, "label": [f"item-{i}" for i in range(n)]})

df = load()
if st.session_state.get("change"):
    df = df.assign(value=df["value"] + 1)
out = st.data_editor(df, key="e", hide_index=True)
st.write(f"{out['value'].iloc[:3].tolist()} {out['label'].iloc[:3].tolist()}")
"""


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    fingerprints.forget()
    yield
    fingerprints.forget()


def test_an_edit_rerun_does_not_hash_an_unchanged_input_again() -> None:
    at = AppTest.from_string(APP).run()
    assert fingerprints.hashed >= 1
    data_id = at.data_editor[0].props["data_id"]
    before = fingerprints.hashed
    at.data_editor[0].edit(1, "value", 700).run()
    at.data_editor[0].edit(2, "label", "x").run()
    assert fingerprints.hashed == before
    assert at.data_editor[0].props["data_id"] == data_id
    assert at.markdown[0].value == "[0, 700, 6] ['item-0', 'item-1', 'x']"


def test_a_changed_input_is_hashed_and_gets_a_new_id() -> None:
    at = AppTest.from_string(APP).run()
    data_id = at.data_editor[0].props["data_id"]
    before = fingerprints.hashed
    at.session_state["change"] = True
    at.run()
    assert fingerprints.hashed == before + 1
    assert at.data_editor[0].props["data_id"] != data_id
    assert at.markdown[0].value.startswith("[1, 4, 7]")


def test_an_input_changed_in_place_after_it_was_shown_is_not_taken_for_the_old_one() -> None:
    from rillet.elements.frames import PandasFrame

    df = pd.DataFrame({"a": range(20_000), "b": [f"r{i}" for i in range(20_000)]})
    shown = PandasFrame(df)  # kept, as a session keeps the table it shows
    first = fingerprints.fingerprint(shown)
    before = fingerprints.hashed
    assert fingerprints.fingerprint(PandasFrame(df.copy())) == first
    assert fingerprints.hashed == before  # an equal frame: compared, not hashed
    df.iloc[5, 0] = -1  # the script changes the frame it showed
    changed = PandasFrame(df)
    assert fingerprints.fingerprint(changed) != first
    assert fingerprints.fingerprint(PandasFrame(df.copy())) == changed.fingerprint()


def test_a_frame_no_one_keeps_is_not_remembered() -> None:
    from rillet.elements.frames import PandasFrame

    df = pd.DataFrame({"a": range(20_000)})
    fingerprints.fingerprint(PandasFrame(df))  # dropped at once
    before = fingerprints.hashed
    fingerprints.fingerprint(PandasFrame(df))
    assert fingerprints.hashed == before + 1


def test_many_edits_apply_as_cell_by_cell() -> None:
    at = AppTest.from_string(APP).run()
    edits = [[i, "value", 1000 + i] for i in range(0, 40, 2)] + [[3, "value", None],
                                                                 [7, "label", "seven"]]
    at._pending[at.data_editor[0].id] = {"set": edits}
    at.run()
    out = at.data_editor[0].edited
    assert out["value"].iloc[:4].tolist() == [1000, 3, 1002, None]
    assert out["value"].iloc[38] == 1038 and out["value"].iloc[39] == 117
    assert out["label"].iloc[7] == "seven" and out["label"].iloc[6] == "item-6"
