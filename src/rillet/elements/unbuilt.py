"""Streamlit 1.67 parameters rillet accepts but cannot honour yet, checked in one place.

Every command takes Streamlit's full signature (tests/test_signatures.py), so a script written
for Streamlit runs. A parameter whose behaviour is not built yet keeps its default silently;
any other value Streamlit accepts raises NotImplementedError naming the parameter, and a value
Streamlit itself refuses gets Streamlit's error. docs/api.md lists these parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rillet.runtime.errors import RilletAPIException

# Parameter -> (values that change nothing, every value Streamlit accepts or None for "any").
_KNOWN: dict[str, tuple[tuple[Any, ...], tuple[Any, ...] | None]] = {
    # True is the headings' default and None the widgets' ("as the layout suits"): rillet
    # always wraps, which is what both mean outside horizontal rows.
    "wrap": ((None, True), (None, True, False)),
    "shortcut": ((None,), None),
}

ON_CHANGE_MODES = ("rerun", "ignore")


def _invalid(parameter: str, valid: tuple[Any, ...]) -> RilletAPIException:
    shown = ", ".join(repr(v) for v in valid if v is not None)
    return RilletAPIException(f"Invalid `{parameter}` value. Supported values: {shown}.")


def reject_unbuilt(command: str, **given: Any) -> None:
    """Raise NotImplementedError for a parameter of ``command`` given a value rillet cannot
    honour yet (its default passes), or Streamlit's error for a value Streamlit refuses."""
    for parameter, value in given.items():
        harmless, valid = _KNOWN[parameter]
        if any(value is h for h in harmless):  # identity: 1 is not True, 0 is not None
            continue
        if valid is not None and value not in valid:
            raise _invalid(parameter, valid)
        raise NotImplementedError(
            f"st.{command}: `{parameter}={value!r}` is not supported by rillet yet."
        )


def wrap_prop(wrap: object) -> dict[str, Any]:
    """A widget's ``wrap`` for the page: True or False forces wrapping, None (left out) lets
    the layout decide. Checked with Streamlit's error."""
    if wrap is None:
        return {}
    if not isinstance(wrap, bool):
        raise RilletAPIException("Invalid `wrap` value. Supported values: True, False, None.")
    return {"wrap": wrap}


def change_callback(
    command: str, on_change: Callable[..., Any] | str | None
) -> Callable[..., Any] | None:
    """The callback behind ``on_change``: a callable, or None for the modes ``"rerun"``
    (Streamlit 1.67's default) and ``"ignore"`` (the page holds the new value until
    something else reruns: see `rillet.elements.base.widget`) and for None."""
    if on_change is None or callable(on_change):
        return on_change
    if isinstance(on_change, str) and on_change in ON_CHANGE_MODES:
        return None
    raise RilletAPIException(
        "Invalid `on_change` value. Supported values: 'rerun', 'ignore', a callback function."
    )
