"""Executes one request of a session: apply values, run callbacks, run the script or fragments.

Runs in the session's worker thread; the event loop never runs user code. Whatever happens in
the script, the run ends with a `RunFinished` so the browser always leaves the running state.
"""

from __future__ import annotations

import builtins
import logging
import os
import traceback
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rillet.protocol.messages import Element, Root, RunFinished, RunStarted
from rillet.runtime.context import RunContext, activate
from rillet.runtime.errors import RerunInterrupt, RerunRequested, StopRun
from rillet.runtime.scheduler import Request
from rillet.runtime.state import WidgetSpec
from rillet.runtime.tree import TreeWriter

if TYPE_CHECKING:
    from rillet.runtime.session import AppSession

log = logging.getLogger("rillet.runner")

# Names every script sees in its globals; `rillet.elements` registers the magic write here so
# that runtime/ needs no import of the element layer.
SCRIPT_GLOBALS: dict[str, Any] = {}

# Fragment runs are delegated here once fragments are registered (see runtime/fragments.py).
FragmentRunner = Callable[[RunContext, list[str]], None]

_RILLET_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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
    return Element(
        "exception",
        {
            "type": type(exc).__name__,
            "message": str(exc),
            "traceback": [line.rstrip("\n") for line in lines],
        },
    )


# Runs finished by this process so far: the server returns freed memory to the system once
# a burst of runs has passed (see server/app.py), not after each run.
RUNS_FINISHED = [0]


class Runner:
    """Runs requests for one session, one at a time."""

    def __init__(self, session: AppSession) -> None:
        self.session = session
        self.run_count = 0

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
        status = "ok"
        with activate(ctx):
            try:
                due = session.state.apply_browser_values(request.values)
                with session.outbox.lock:
                    # The browser already shows these values: do not echo them back.
                    for wid, wire in session.state.last_applied():
                        session.tree.fold_browser_value(wid, wire)
                self._run_callbacks(ctx, due)
                if request.full:
                    self._run_script(ctx)
                else:
                    session.fragments.run(ctx, fragment_ids)
            except RerunInterrupt:
                status = "interrupted"
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
                log.debug("script raised", exc_info=True)
                self._show_exception(ctx, exc)
        if status == "ok":
            status = self._finish(ctx)
        if status != "interrupted":
            writer.finish()
        ran = ctx.extra.get("ran_fragments", fragment_ids)
        session.state.end_run(
            completed=status == "ok",
            interrupted=status == "interrupted",
            scope=None if request.full else session.fragments.scope_filter(ran),
        )
        session.fragments.end_run(ctx, completed=status == "ok")
        session.on_run_finished(ctx, status)
        session.outbox.push(RunFinished(run_id, status))
        RUNS_FINISHED[0] += 1
        return status

    def _finish(self, ctx: RunContext) -> str:
        with activate(ctx):
            try:
                for finisher in ctx.finishers:
                    finisher()
            except BaseException as exc:
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
        exec(code, module.__dict__)

    def _show_exception(self, ctx: RunContext, exc: BaseException) -> None:
        if getattr(exc, "_rillet_shown", False):
            return  # already shown where it happened (inside a fragment)
        target = self.session.fragments.error_target(ctx)
        try:
            ctx.writer.append(target, exception_element(exc))
        except Exception:  # the tree may be mid-change; the log still has it
            log.exception("could not show the script's exception")
