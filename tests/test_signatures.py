"""Every Streamlit 1.67 command rillet implements takes Streamlit's parameters.

Same names, order, kinds and defaults as recorded in tests/fixtures/ from Streamlit itself
(scripts/streamlit_signatures.py). What rillet does not match yet is declared in
tests/fixtures/parity.py with a reason, and docs/api.md is generated from the same data.
"""

from __future__ import annotations

import pytest

from rillet.testing import AppTest
from tests.fixtures import parity

RESULTS = parity.compare_all()
IMPLEMENTED = sorted(n for n, r in RESULTS.items() if r.implemented)


@pytest.mark.parametrize("name", IMPLEMENTED)
def test_signature_matches_streamlit(name: str) -> None:
    problems = parity.open_problems(RESULTS[name])
    assert problems == [], f"st.{name} differs from Streamlit 1.67: {problems}"


def test_known_gaps_are_still_gaps() -> None:
    """A gap that was closed must leave the list, so the list only shrinks."""
    actual = {(r.name, param) for r in RESULTS.values() for param, _ in r.problems}
    closed = sorted(set(parity.KNOWN_GAPS) - actual)
    assert closed == [], f"no longer gaps, remove from KNOWN_GAPS: {closed}"
    tolerated_unused = sorted(set(parity.TOLERATED) - actual)
    assert tolerated_unused == [], f"no longer needed in TOLERATED: {tolerated_unused}"


def test_not_implemented_names_are_reported() -> None:
    """Names rillet lacks are not failures; they are listed (and shown in docs/api.md)."""
    missing = sorted(n for n, r in RESULTS.items() if not r.implemented)
    print("not implemented:", ", ".join(missing))
    assert "button" not in missing


@pytest.mark.parametrize(("command", "parameter"), sorted(parity.UNSUPPORTED), ids=lambda v: str(v))
def test_unsupported_parameter_raises_not_implemented(command: str, parameter: str) -> None:
    call, _reason = parity.UNSUPPORTED[(command, parameter)]
    at = AppTest.from_string(f"import rillet as st\n{call}\n").run()
    assert at.exception, f"{call} ran without an error"
    assert at.exception[0].exception_type == "NotImplementedError"
    assert parameter in at.exception[0].message
