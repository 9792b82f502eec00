"""Executes one request of a session: apply values, run callbacks, run the script or fragments.

Runs in the session's worker thread; the event loop never runs user code. Whatever happens in
the script, the run ends with a `RunFinished` so the browser always leaves the running state.

A run asked to give way stops at its next rillet call; one that makes none (a pure-Python loop)
has the interrupt raised in its thread by the watchdog after `INTERRUPT_GRACE` seconds, and
again every `INTERRUPT_RETRY` seconds, `MAX_INTERRUPTS` times at most, if user code swallows it
with a bare ``except:``. The interrupt is only ever raised while the thread runs user code:
never in rillet's own bookkeeping around it, nor in a rillet call (which checks the flag itself).
"""

from __future__ import annotations

import builtins
import logging
import os
import sys
import threading
import time
import traceback
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rillet.protocol.messages import Element, Root, RunFinished, RunStarted
from rillet.runtime.context import RunContext, activate
from rillet.runtime.errors import RerunInterrupt, RerunRequested, StopRun
from rillet.runtime.scheduler import InterruptReason, Request
from rillet.runtime.state import WidgetSpec
from rillet.runtime.tree import TreeWriter
from rillet.runtime.watchdog import WATCHDOG, clear_pending, raise_in_thread

if TYPE_CHECKING:
    from rillet.runtime.session import AppSession

log = logging.getLogger("rillet.runner")

# Names every script sees in its globals; `rillet.elements` registers the magic write here so
# that runtime/ needs no import of the element layer.
SCRIPT_GLOBALS: dict[str, Any] = {}

# Runs the main script for a full run, given the run and a function that executes the script
# itself; the element layer sets it (multipage apps: the ``pages/`` folder convention).
ScriptWrapper = Callable[[RunContext, Callable[[], None]], None]
SCRIPT_WRAPPER: list[ScriptWrapper] = []
# Set by ``st.App(on_script_error=...)``: told of each exception the script or a callback
# did not catch, inside the run (so it may write its own message); True hides the default one.
SCRIPT_ERROR_HANDLER: list[Callable[[Exception], bool | None]] = []

# Fragment runs are delegated here once fragments are registered (see runtime/fragments.py).
FragmentRunner = Callable[[RunContext, list[str]], None]

_RILLET_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The bundled demo is user code that happens to live in the package.
_HELLO_DIR = os.path.join(_RILLET_DIR, "hello")

# Seconds a run asked to give way has to reach a rillet call before its thread is interrupted.
INTERRUPT_GRACE = 0.5
# Seconds between interrupts of a run whose code swallows them, and how many it gets.
INTERRUPT_RETRY = 0.25
MAX_INTERRUPTS = 20


class RunTimeLimitExceeded(Exception):
    """Shown in the page when a run took longer than the server's run time limit."""


def exception_element(exc: BaseException) -> Element:
    """The element that shows an exception: type, message and the user's part of the trace."""
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if not os.path.abspath(f.filename).startswith(_RILLET_DIR)
    ]
    if isinstance(exc, SyntaxError):
        frames = []  # only the compiler's own frames lead here; the caret says it all
    lines = traceback.format_list(frames)
    if isinstance(exc, SyntaxError) and exc.text is not None:
        caret = " " * max((exc.offset or 1) - 1, 0) + "^"
        lines.append(
            f'  File "{exc.filename}", line {exc.lineno}\n    {exc.text.rstrip()}\n    {caret}\n'
        )
    from rillet.runtime.options import STORE
    from rillet.runtime.secrets import redact

    details = STORE.get("client.showErrorDetails")
    message = redact(str(exc))  # a secret in an error message stays on the server
    trace = [redact(line.rstrip("\n")) for line in lines]
    if details in ("type", "none"):
        trace = []
    if details in ("stacktrace", "type", "none"):
        message = _REDACTED_DETAILS  # the terminal has it all: see log_uncaught
    return Element(
        "exception",
        {
            "type": type(exc).__name__ if details != "none" else "Error",
            "message": message,
            "traceback": trace,
        },
    )


_REDACTED_DETAILS = (
    "This app has encountered an error. The original error message is redacted to prevent "
    "data leaks. Full error details have been recorded in the logs."
)


def log_uncaught(exc: BaseException) -> None:
    """Log an exception the script did not catch, with its whole traceback, to the terminal.

    The page shows only the user's part of the trace (or nothing, with showErrorDetails off);
    whoever runs the server still needs all of it, as Streamlit logs it.
    """
    log.error("Uncaught app exception", exc_info=exc)


# Runs finished by this process so far: the server returns freed memory to the system once
# a burst of runs has passed (see server/app.py), not after each run.
RUNS_FINISHED = [0]


class Runner:
    """Runs requests for one session, one at a time."""

    def __init__(self, session: AppSession) -> None:
        self.session = session
        self.run_count = 0
        # Guards what the watchdog reads: the thread running user code for run `_active`
        # (None outside user code), since when the run was asked to give way, and how often
        # it was interrupted.
        self._guard = threading.Lock()
        self._user_thread: int | None = None
        self._active = 0
        self._started = 0.0
        self._asked_at: float | None = None
        self._interrupts = 0
        self._gave_up = False

    # --- interruption (called from other threads) ------------------------------------------

    def interrupt_requested(self, reason: InterruptReason) -> None:
        """The scheduler asked the running script to give way: watch that it does."""
        with self._guard:
            if self._active and self._asked_at is None:
                self._asked_at = time.monotonic()
        WATCHDOG.watch(self)

    def enforce(self, now: float) -> bool:
        """The watchdog's check: end a run past its time limit, interrupt one that did not
        give way in time. False once the run needs no more watching."""
        limit = self.session.run_time_limit
        with self._guard:
            if not self._active:
                return False
            run_id, asked_at = self._active, self._asked_at
            over_time = limit is not None and asked_at is None and now - self._started >= limit
        if over_time:
            self.session.scheduler.interrupt("time_limit")  # calls back interrupt_requested
            return True
        if asked_at is None:
            return limit is not None
        with self._guard:
            if self._active != run_id or self._gave_up:
                return False
            due = asked_at + INTERRUPT_GRACE + self._interrupts * INTERRUPT_RETRY
            thread_id = self._user_thread
            if now < due or thread_id is None or not _in_user_code(thread_id):
                return True  # not yet, or in rillet's own code: try again at the next tick
            if self._interrupts >= MAX_INTERRUPTS:
                self._gave_up = True
                log.warning(
                    "a run of session %s swallowed %d interrupts; its thread keeps running",
                    self.session.id[:8],
                    MAX_INTERRUPTS,
                )
                return False
            self._interrupts += 1
            raise_in_thread(thread_id, RerunInterrupt)
        return True

    def _arm(self) -> None:
        """From here on the run's thread runs user code and may be interrupted."""
        self._user_thread = threading.get_ident()

    def _disarm(self) -> None:
        """User code is over: no interrupt may be raised from here on, nor stay pending.

        Raises an interrupt that lands before it is through; call it until it returns.
        """
        self._user_thread = None
        with self._guard:
            pass  # a watchdog that saw the thread armed has raised its interrupt by now
        clear_pending(threading.get_ident())

    def execute(self, request: Request) -> str:
        """Run ``request`` to the end and return its status."""
        session = self.session
        self.run_count += 1
        run_id = self.run_count
        fragment_ids = [] if request.full else list(request.fragment_ids)
        session.outbox.push(RunStarted(run_id, fragment_ids))
        writer = TreeWriter(session.tree, session.outbox.push, lock=session.outbox.lock)
        if request.full:
            for root in Root:
                writer.own((int(root),))
        ctx = RunContext(session, run_id, writer, fragment_ids=tuple(fragment_ids))
        session.state.begin_run()
        session.fragments.begin_run()
        with self._guard:
            self._active, self._started = run_id, time.monotonic()
            self._asked_at, self._interrupts, self._gave_up = None, 0, False
            # Asked to give way between taking the request and getting here.
            if session.scheduler.should_interrupt():
                self._asked_at = self._started
        if session.run_time_limit is not None or self._asked_at is not None:
            WATCHDOG.watch(self)
        status = "ok"
        with activate(ctx):
            try:
                due = session.state.apply_browser_values(request.values)
                with session.outbox.lock:
                    # The browser already shows these values: do not echo them back.
                    for wid, wire in session.state.last_applied():
                        session.tree.fold_browser_value(wid, wire)
                try:
                    self._arm()
                    self._run_callbacks(ctx, due)
                    if request.full:
                        self._run_script(ctx)
                    else:
                        session.fragments.run(ctx, fragment_ids)
                finally:
                    # Nothing here may call before this loop (an interrupt may land at any
                    # call): once it is through, none is pending and none can be raised, so
                    # none reaches the next run this pooled thread does, maybe another
                    # session's. One that lands while disarming ends the run as interrupted.
                    late = False
                    while True:
                        try:
                            self._disarm()
                            break
                        except RerunInterrupt:
                            late = True
                    if late:
                        raise RerunInterrupt()
            except RerunInterrupt:
                status = self._interrupted_status(ctx)
            except RerunRequested as rerun:
                status = "interrupted"
                session.request_rerun(
                    fragment_ids=list(rerun.fragment_ids),
                    full=rerun.scope == "app",
                    preempt=True,
                )
            except (StopRun, SystemExit):
                status = "stopped"
            except BaseException as exc:
                status = "error"
                if not getattr(exc, "_rillet_shown", False):  # a fragment's: logged there
                    log_uncaught(exc)
                if not self._handled_by_app(exc):
                    self._show_exception(ctx, exc)
        with self._guard:
            self._active = 0
        ctx.end()  # threads the script attached to this run write nothing from here on
        if status == "ok":
            status = self._finish(ctx)
        # A run stopped by the user leaves the rest of the page as it was.
        if status not in ("interrupted", "stopped_by_user"):
            writer.finish()
        if status == "stopped_by_user":
            status = "stopped"
            interrupted = True
        else:
            interrupted = status == "interrupted"
        ran = ctx.extra.get("ran_fragments", fragment_ids)
        session.state.end_run(
            completed=status == "ok",
            interrupted=interrupted,
            scope=None if request.full else session.fragments.scope_filter(ran),
        )
        session.fragments.end_run(ctx, completed=status == "ok")
        session.on_run_finished(ctx, status)
        session.outbox.push(RunFinished(run_id, status))
        RUNS_FINISHED[0] += 1
        return status

    def _interrupted_status(self, ctx: RunContext) -> str:
        """How a run that gave way ends, by why it was asked to."""
        reason = self.session.scheduler.interrupt_reason
        if reason == "stop":
            return "stopped_by_user"
        if reason == "time_limit":
            limit = self.session.run_time_limit or 0
            self._show_exception(
                ctx,
                RunTimeLimitExceeded(
                    f"This run was stopped after {limit:g} s, the server's run time limit "
                    "(rillet run --run-time-limit)."
                ),
            )
            return "error"
        return "interrupted"

    def _finish(self, ctx: RunContext) -> str:
        with activate(ctx):
            try:
                for finisher in ctx.finishers:
                    finisher()
            except BaseException as exc:
                log_uncaught(exc)
                self._show_exception(ctx, exc)
                return "error"
        return "ok"

    def _run_callbacks(self, ctx: RunContext, due: list[WidgetSpec]) -> None:
        for spec in due:
            if spec.on_change is not None:
                ctx.checkpoint()
                with self.session.fragments.callback_scope(ctx, spec):
                    spec.on_change(*spec.args, **spec.kwargs)

    def _run_script(self, ctx: RunContext) -> None:
        code = self.session.script.code()
        module = types.ModuleType("__main__")
        module.__dict__.update(
            {
                "__file__": self.session.script.path,
                "__builtins__": builtins,
                **SCRIPT_GLOBALS,
                **self.session.script_globals,
            }
        )

        def run_main() -> None:
            exec(code, module.__dict__)

        if SCRIPT_WRAPPER:
            SCRIPT_WRAPPER[0](ctx, run_main)
        else:
            run_main()

    def _handled_by_app(self, exc: BaseException) -> bool:
        """Hand ``exc`` to the app's ``on_script_error``; True when it asked to hide the
        default display. Syntax errors and fragments' own errors are not handed over, as in
        Streamlit."""
        if (
            not SCRIPT_ERROR_HANDLER
            or not isinstance(exc, Exception)
            or isinstance(exc, SyntaxError)
            or getattr(exc, "_rillet_shown", False)
        ):
            return False
        try:
            return SCRIPT_ERROR_HANDLER[0](exc) is True
        except Exception:  # a failing handler must not hide the script's own error
            log.exception("on_script_error failed")
            return False

    def _show_exception(self, ctx: RunContext, exc: BaseException) -> None:
        if getattr(exc, "_rillet_shown", False):
            return  # already shown where it happened (inside a fragment)
        target = self.session.fragments.error_target(ctx)
        try:
            ctx.writer.append(target, exception_element(exc))
        except Exception:  # the tree may be mid-change; the log still has it
            log.exception("could not show the script's exception")


def _in_user_code(thread_id: int) -> bool:
    """True when the innermost Python frame of the thread is not rillet's own code (an
    interrupt raised there could leave the tree or the session's state half changed)."""
    frame = sys._current_frames().get(thread_id)
    if frame is None:
        return False
    filename = os.path.abspath(frame.f_code.co_filename)
    return not filename.startswith(_RILLET_DIR) or filename.startswith(_HELLO_DIR)
