"""``st.write`` dispatches by type exactly as Streamlit 1.67 does.

The table is Streamlit's behaviour, recorded by running every case of ``write_cases.py``
through Streamlit's own AppTest (``scripts/streamlit_write_table.py`` →
``tests/fixtures/streamlit_1_67_write.json``); here the same cases run on rillet and must draw
the same elements: the same kinds in the same order, the same markdown text, the same JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rillet.testing import AppTest
from tests.elements.write_cases import CASES, PRELUDE

TABLE = json.loads(
    (Path(__file__).resolve().parent.parent / "fixtures" / "streamlit_1_67_write.json").read_text()
)

# rillet's element type -> the name Streamlit's AppTest gives the same element.
STREAMLIT_NAME = {
    "help": "help_info",
    "altair_chart": "vega_lite_chart",
    "pyplot": "image",
    "pydeck_chart": "deck_gl_json_chart",
}


def _describe(element: Any) -> list[Any]:
    kind = STREAMLIT_NAME.get(element.type, element.type)
    if kind == "json":
        return [kind, element.body]
    if kind in ("markdown", "html"):
        return [kind, element.value]
    return [kind, None]


def test_the_table_covers_every_case() -> None:
    assert TABLE["streamlit"].startswith("1.67")
    assert set(TABLE["cases"]) == set(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_write_draws_what_streamlit_draws(case: str) -> None:
    at = AppTest.from_string("import rillet as st\n" + PRELUDE + CASES[case] + "\n").run()
    drawn = [_describe(e) for e in at.main.children]
    assert drawn == TABLE["cases"][case]
