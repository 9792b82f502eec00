"""Threads the script starts, writing to the page: Streamlit's ``add_script_run_ctx`` contract.

A script may start threads (to wait on several slow services at once) and let them call
rillet commands. A thread has no run of its own; the script attaches its run to the thread
with `add_script_run_ctx`, and the thread's elements then land in the page like the script's:
in the container the thread writes to, or at the current end of the main flow (or of the
running fragment's body). The rules, as in Streamlit:

- A thread without a run attached writes nothing; each command logs "missing
  ScriptRunContext" and ``session_state`` is a throwaway, not the user's.
- A thread never stops on a rerun; the script's own thread does. Writes made after the run that
  the thread was attached to has ended are dropped: join your threads before the script ends.
- A thread has its own ``with`` stack: ``with container:`` in the thread does not move the
  script's writes, nor the other way round.
"""

from __future__ import annotations

import threading

from rillet.runtime import context
from rillet.runtime.context import THREAD_ATTR, RunContext, runtime_exists

# Streamlit's names for the run a thread writes for, and for the attribute that holds it.
ScriptRunContext = RunContext
SCRIPT_RUN_CONTEXT_ATTR_NAME = THREAD_ATTR


def get_script_run_ctx(suppress_warning: bool = False) -> RunContext | None:
    """The run the calling thread writes for, or None (with a logged warning, unless
    ``suppress_warning``) in a thread that has none.

    Parameters:
        suppress_warning: Do not log "missing ScriptRunContext" when there is no run.
    """
    ctx = context.current()
    if ctx is None and not suppress_warning:
        context.warn_missing(threading.current_thread())
    return ctx


def add_script_run_ctx(
    thread: threading.Thread | None = None, ctx: RunContext | None = None
) -> threading.Thread:
    """Attach a run to ``thread`` so the rillet commands it calls write to that run's page.

    Call it from the script before starting the thread (or from the thread itself with a
    ``ctx`` the script handed it). Returns the thread, for chaining.

    Parameters:
        thread: The thread to attach to; the calling thread when None.
        ctx: The run to attach; the caller's run when None. Nothing is attached when there
            is none.
    """
    target = thread if thread is not None else threading.current_thread()
    if ctx is None:
        ctx = context.current()
    if ctx is None:
        return target
    if target is threading.current_thread() and context.current() is ctx:
        return target  # already writing for that run
    setattr(target, THREAD_ATTR, ctx.for_thread())
    return target


def exists() -> bool:
    """True when the script runs under rillet (``rillet run`` or AppTest), False under plain
    ``python`` (Streamlit's ``streamlit.runtime.exists()``)."""
    return runtime_exists()
