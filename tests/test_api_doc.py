"""docs/api.md says, for every Streamlit command, whether rillet has it: keep it true."""

from __future__ import annotations

import re
from pathlib import Path

import rillet

API_PAGE = Path(__file__).resolve().parent.parent / "docs" / "api.md"


def _statuses() -> dict[str, str]:
    rows = re.findall(r"^\| `st\.(\w+)` \| ([a-z ]+) \|", API_PAGE.read_text(), re.M)
    return dict(rows)


def test_every_public_command_is_listed_as_done_or_partial() -> None:
    statuses = _statuses()
    commands = [n for n in rillet.__all__ if n[0].islower() and not n.startswith("_")]
    for name in commands:
        assert statuses.get(name) in ("done", "partial"), f"docs/api.md: st.{name}"


def test_commands_listed_as_not_yet_really_are_missing() -> None:
    for name, status in _statuses().items():
        if status == "not yet":
            assert not hasattr(rillet, name), f"docs/api.md says st.{name} is not yet there"
