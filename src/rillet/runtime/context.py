"""The one contextvar: which session and run the current thread is executing for.

Every rillet command looks here. Outside a run (a script started with plain ``python``) there
is no context and commands do nothing, so scripts stay importable and testable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from rillet.runtime.errors import RerunInterrupt

if TYPE_CHECKING:
    from rillet.runtime.session import AppSession
    from rillet.runtime.tree import TreeWriter


class WriteRecorder(Protocol):
    """Told of every element write while a cached function computes (see rillet.caching)."""

    def before(self, container: Any, element: Any) -> None: ...

    def after(self, written: Any) -> None: ...


@dataclass
class RunContext:
    """What a running script needs: its session, the tree writer, the open containers."""

    session: AppSession
    run_id: int
    writer: TreeWriter
    # Containers entered with ``with`` (innermost last); main when empty. They are element
    # layer objects: the runtime only keeps the stack for them.
    containers: list[Any] = field(default_factory=list)
    fragment_id: str | None = None
    # Fragments whose bodies this run executes (empty for a full run).
    fragment_ids: tuple[str, ...] = ()
    page_config_set: bool = False
    # Called in order when the run completes normally, before its blocks are truncated
    # (forms check for their submit button and clear themselves here).
    finishers: list[Callable[[], None]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    # Set while a cached function computes, so its elements can be replayed on a hit.
    recorder: WriteRecorder | None = None

    def checkpoint(self) -> None:
        """A yield point: give way when a newer request preempts this run."""
        if self.session.scheduler.should_interrupt():
            raise RerunInterrupt()

    @property
    def is_fragment_run(self) -> bool:
        """True when only fragments run, not the whole script."""
        return bool(self.fragment_ids)


_current: ContextVar[RunContext | None] = ContextVar("rillet_run", default=None)


def current() -> RunContext | None:
    """The run the calling thread executes for, or None outside a run."""
    return _current.get()


@contextmanager
def activate(ctx: RunContext) -> Iterator[RunContext]:
    """Make ``ctx`` the current run for the duration of the block."""
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
