"""The one contextvar: which session and run the current thread is executing for.

Every rillet command looks here. Outside a run (a script started with plain ``python``) there
is no context and commands do nothing, so scripts stay importable and testable.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from rillet.runtime.errors import RerunInterrupt

if TYPE_CHECKING:
    from rillet.runtime.session import AppSession
    from rillet.runtime.tree import TreeWriter

log = logging.getLogger("rillet.threads")

# The attribute of a thread that carries the run it writes for (Streamlit's name, so apps that
# set it by hand keep working); see rillet.runtime.threads.
THREAD_ATTR = "streamlit_script_run_ctx"


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
    # Set once the run's user code is over; shared by the thread views of the run, which
    # write nothing after it (as in Streamlit).
    ended: threading.Event = field(default_factory=threading.Event)
    # True for the view of a thread the script started (rillet.runtime.threads): it shares
    # the run but keeps its own ``with`` stack and never gives way itself.
    attached: bool = False

    def checkpoint(self) -> None:
        """A yield point: give way when a newer request preempts this run."""
        if self.attached:
            return  # only the script's own thread stops; Streamlit leaves other threads be
        if self.session.scheduler.should_interrupt():
            raise RerunInterrupt()

    def for_thread(self) -> RunContext:
        """The view of this run a thread started by the script writes through."""
        return dataclasses.replace(self, containers=[], recorder=None, attached=True)

    def end(self) -> None:
        """The run's user code is over: its threads' later writes are dropped from here on."""
        with self.session.outbox.lock:  # a thread's write is either all in or all out
            self.ended.set()

    @property
    def session_id(self) -> str:
        """The id of the session this run belongs to (Streamlit's ``ctx.session_id``)."""
        return self.session.id

    @property
    def is_fragment_run(self) -> bool:
        """True when only fragments run, not the whole script."""
        return bool(self.fragment_ids)


_current: ContextVar[RunContext | None] = ContextVar("rillet_run", default=None)
# True once a rillet runtime (the server or AppTest) ran a script in this process.
_RUNTIME_STARTED = [False]


def current(warn: bool = False) -> RunContext | None:
    """The run the calling thread executes for, or None outside a run.

    A thread the script started has no context of its own; it writes for the run attached to
    it (``add_script_run_ctx``). With ``warn``, a command called from a thread with neither
    logs Streamlit's "missing ScriptRunContext" warning while an app runs in this process.
    """
    ctx = _current.get()
    if ctx is not None:
        return ctx
    thread = threading.current_thread()
    attached = getattr(thread, THREAD_ATTR, None)
    if isinstance(attached, RunContext):
        if not attached.attached:  # set by hand to the script's own context: give it a view
            attached = attached.for_thread()
            setattr(thread, THREAD_ATTR, attached)
        return attached
    if warn and _RUNTIME_STARTED[0]:
        warn_missing(thread)
    return None


def warn_missing(thread: threading.Thread) -> None:
    """Log Streamlit's warning for a thread that calls a command without a run attached."""
    log.warning(
        "Thread '%s': missing ScriptRunContext! This warning can be ignored when running in "
        "bare mode.",
        thread.name,
    )


def runtime_exists() -> bool:
    """True once rillet (``rillet run`` or AppTest) has run a script in this process."""
    return _RUNTIME_STARTED[0]


@contextmanager
def activate(ctx: RunContext) -> Iterator[RunContext]:
    """Make ``ctx`` the current run for the duration of the block."""
    _RUNTIME_STARTED[0] = True
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
