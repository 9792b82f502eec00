"""Record what Streamlit draws for each ``st.write`` case (run with bench/.venv's Python).

Writes ``tests/fixtures/streamlit_1_67_write.json``: for each case in
``tests/elements/write_cases.py``, the elements Streamlit's AppTest sees in the main area, as
``[type, text]`` (text for markdown, the element's value where it is short and plain).
rillet's test compares its own dispatch with this table, so the table is Streamlit's
behaviour, not a reading of its documentation.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "elements"))

import streamlit  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402
from write_cases import CASES, PRELUDE  # type: ignore[import-not-found]  # noqa: E402


def _describe(element: Any) -> list[Any]:
    kind = element.type
    if kind == "markdown":
        return [kind, element.value]
    if kind == "html":
        return [kind, element.proto.body]
    if kind == "json":
        return [kind, json.loads(element.proto.body)]
    return [kind, None]


def main() -> None:
    table: dict[str, Any] = {"streamlit": streamlit.__version__, "cases": {}}
    for name, body in CASES.items():
        source = "import streamlit as st\n" + PRELUDE + body + "\n"
        at = AppTest.from_string(source).run(timeout=30)
        table["cases"][name] = [_describe(e) for e in at.main.children.values()]
    out = ROOT / "tests" / "fixtures" / "streamlit_1_67_write.json"
    out.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
    print(f"{len(CASES)} cases -> {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
