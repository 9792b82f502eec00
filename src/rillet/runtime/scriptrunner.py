"""``streamlit.runtime.scriptrunner`` as apps import it: the thread functions and the run
control exceptions.

The same module stands for ``streamlit.runtime.scriptrunner_utils.script_run_context`` (where
Streamlit 1.67 defines the functions) and for the older
``streamlit.runtime.scriptrunner.script_run_context``.
"""

from __future__ import annotations

from typing import Any

from rillet.runtime.errors import RerunRequested, StopRun
from rillet.runtime.threads import (
    SCRIPT_RUN_CONTEXT_ATTR_NAME,
    ScriptRunContext,
    add_script_run_ctx,
    get_script_run_ctx,
)


class RerunData:
    """What a rerun carries in Streamlit; rillet reads none of it (apps pass it to
    `RerunException` to ask for a rerun of the whole app)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.query_string = str(kwargs.get("query_string", ""))
        self.page_script_hash = str(kwargs.get("page_script_hash", ""))


class RerunException(RerunRequested):
    """Raised by old apps (``raise RerunException(RerunData())``): rerun the whole app."""

    def __init__(self, rerun_data: RerunData | None = None) -> None:
        super().__init__("app")
        self.rerun_data = rerun_data or RerunData()


class StopException(StopRun):
    """Streamlit's name for what ``st.stop()`` raises."""


__all__ = [
    "SCRIPT_RUN_CONTEXT_ATTR_NAME",
    "RerunData",
    "RerunException",
    "ScriptRunContext",
    "StopException",
    "add_script_run_ctx",
    "get_script_run_ctx",
]
