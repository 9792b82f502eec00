"""Exceptions users see, and the control-flow signals the runner understands."""

from __future__ import annotations


class RilletAPIException(Exception):
    """A rillet command was used in a way it does not allow; the message says how to fix it."""


# Scripts written for Streamlit catch this name.
StreamlitAPIException = RilletAPIException


class DuplicateWidgetID(RilletAPIException):
    """Two widgets in one run resolved to the same id."""


class RerunInterrupt(BaseException):
    """Raised at a rillet call when a newer request preempts the running script.

    A BaseException so that ``except Exception`` in user code cannot swallow it.
    """


class StopRun(BaseException):
    """Raised by ``rillet.stop()``: the run ends here, what it produced so far stays."""


class RerunRequested(BaseException):
    """Raised by ``rillet.rerun()``: end this run now and start another of ``scope``."""

    def __init__(self, scope: str = "app", fragment_ids: tuple[str, ...] = ()) -> None:
        super().__init__(scope)
        self.scope = scope
        self.fragment_ids = fragment_ids
