"""docs/api.md says, for every Streamlit command, whether rillet has it: keep it true."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import rillet

ROOT = Path(__file__).resolve().parent.parent
API_PAGE = ROOT / "docs" / "api.md"


def _statuses() -> dict[str, str]:
    rows = re.findall(r"^\| `st\.(\w+)` \| ([a-z ]+) \|", API_PAGE.read_text(), re.M)
    return dict(rows)


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_api_doc", ROOT / "scripts/gen_api_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_api_doc", module)
    spec.loader.exec_module(module)
    return module


def test_every_public_command_is_listed_as_done_or_partial() -> None:
    statuses = _statuses()
    commands = [n for n in rillet.__all__ if n[0].islower() and not n.startswith("_")]
    for name in commands:
        assert statuses.get(name) in ("done", "partial"), f"docs/api.md: st.{name}"


def test_commands_listed_as_not_yet_really_are_missing() -> None:
    for name, status in _statuses().items():
        if status == "not yet":
            assert not hasattr(rillet, name), f"docs/api.md says st.{name} is not yet there"


def test_page_is_what_the_generator_writes() -> None:
    """The tables come from the signature comparison: run scripts/gen_api_doc.py after a
    signature changes, so the page never claims more than tests/test_signatures.py checks."""
    text = API_PAGE.read_text()
    assert _generator().regenerate(text) == text, "run .venv/bin/python scripts/gen_api_doc.py"


def test_a_row_claiming_done_for_a_command_with_a_gap_is_rewritten() -> None:
    text = API_PAGE.read_text()
    partial = re.search(r"^\| `st\.(\w+)` \| partial \| raise NotImplementedError", text, re.M)
    assert partial is not None
    row = f"| `st.{partial.group(1)}` |"
    forged = text.replace(f"{row} partial |", f"{row} done |")
    assert forged != text
    assert _generator().regenerate(forged) == text
