"""One browser tab's session: state, tree, outbox and worker; and the set of live sessions.

A session talks to the outside through an outbox listener (a plain callable): the server turns
it into websocket frames, AppTest into recorded messages. An idle session holds no thread; a
session whose socket dropped is kept for a TTL so a reconnect finds its state.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from rillet.protocol.messages import (
    PROTOCOL_VERSION,
    Keep,
    Notice,
    Outbound,
    PageConfig,
    Pong,
    RerunRequest,
    Reset,
    RowsPage,
    RowsRequest,
    RunFinished,
    Welcome,
)
from rillet.runtime import workers
from rillet.runtime.client import ClientInfo
from rillet.runtime.context import RunContext
from rillet.runtime.datasets import Datasets
from rillet.runtime.fragments import FragmentRegistry
from rillet.runtime.pages import NavState
from rillet.runtime.runner import Runner
from rillet.runtime.scheduler import Request, Scheduler
from rillet.runtime.script import ScriptSource
from rillet.runtime.state import SessionState
from rillet.runtime.tree import Tree

if TYPE_CHECKING:
    from rillet.runtime.snapshots import Snapshot, Snapshots

log = logging.getLogger("rillet.session")

# Called with urgent=True when a batch should go out now (a run ended), False when a batch
# just started and may wait a moment for more messages to join it.
Listener = Callable[[bool], None]

_URGENT = (RunFinished, Welcome, Notice, Pong, Reset)


class Outbox:
    """Messages waiting for the socket; adjacent `Keep`s merge into one range."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._messages: list[Outbound] = []
        self._listener: Listener | None = None
        # The latest Keep per block in the unsent batch, so ranges of one block merge even
        # when keeps of its child blocks come between them.
        self._keeps: dict[tuple[int, ...], Keep] = {}

    def push(self, message: Outbound) -> None:
        """Queue a message; wake the listener when a batch starts or must go out now."""
        with self.lock:
            listener = self._listener
            if listener is None:
                return  # nobody listens: a reconnect gets the whole tree anyway
            messages = self._messages
            if isinstance(message, Keep):
                block = tuple(message.path)
                last = self._keeps.get(block)
                if last is not None and last.end == message.start:
                    last.end = message.end
                    return
                self._keeps[block] = message
            messages.append(message)
            wake = len(messages) == 1 or isinstance(message, _URGENT)
        if wake:
            listener(isinstance(message, _URGENT))

    def drain(self) -> list[Outbound]:
        """Take every queued message (one websocket frame)."""
        with self.lock:
            messages, self._messages = self._messages, []
            self._keeps = {}
            return messages

    def attach(self, listener: Listener) -> None:
        """Start delivering to ``listener``."""
        with self.lock:
            self._listener = listener
            self._messages = []
            self._keeps = {}

    def detach(self) -> None:
        """Stop delivering; queued messages are dropped."""
        with self.lock:
            self._listener = None
            self._messages = []
            self._keeps = {}

    @property
    def attached(self) -> bool:
        """True while a listener receives messages."""
        return self._listener is not None


class AppSession:
    """One browser tab: everything that survives between runs of its script."""

    def __init__(
        self,
        script: ScriptSource,
        browser_key: str | None = None,
        run_time_limit: float | None = None,
        session_id: str | None = None,
    ) -> None:
        self.id = session_id or secrets.token_hex(16)
        self.script = script
        # The secret of the browser that opened the session (an HttpOnly cookie): resuming
        # takes it as well as the id. None: the session cannot be resumed.
        self.browser_key = browser_key
        # Seconds a run may take before it is stopped with a message; None: no limit.
        self.run_time_limit = run_time_limit
        self.state = SessionState()
        self.tree = Tree()
        self.scheduler = Scheduler(keeps_every=self.state.takes_deltas)
        self.outbox = Outbox()
        self.fragments = FragmentRegistry()
        # The data of paged tables, answered to the browser's row requests.
        self.datasets = Datasets()
        self.runner = Runner(self)
        self.scheduler.on_interrupt = self.runner.interrupt_requested
        self.page_config: PageConfig | None = None
        self.query = ""
        # The page, query parameters and page menu of this tab (runtime/pages.py).
        self.nav = NavState()
        # What st.context reports about the tab (runtime/client.py).
        self.client = ClientInfo()
        self.disconnected_at: float | None = None
        self.closed = False
        # Extension point for element families that keep per-session data (uploads, media).
        self.extras: dict[str, Any] = {}
        # Names added to the script's globals on every run (AppTest.from_function's arguments).
        self.script_globals: dict[str, Any] = {}
        # Called once when the session closes (session-scoped caches free their entries).
        self.close_hooks: list[Callable[[], None]] = []
        # Called with the tree after every run (element families release what it no longer
        # shows, as inline media do).
        self.run_finished_hooks: list[Callable[[Tree], None]] = []
        # Told on the worker thread after each run, once the browser has its end (session
        # snapshots, runtime/snapshots.py), with the run's status.
        self.after_run: Callable[[AppSession, str], None] | None = None

    # --- requests ------------------------------------------------------------------------

    def request_rerun(
        self,
        values: Iterable[tuple[str, Any]] = (),
        fragment_ids: Iterable[str] = (),
        full: bool = True,
        preempt: bool = False,
    ) -> None:
        """Ask for a run; hands the session's work to a pooled thread when none is active
        (runtime/workers.py: the caller, often the event loop, never waits for a thread)."""
        if self.closed:
            return
        request = Request(list(values), list(fragment_ids), full, preempt)
        if self.scheduler.submit(request):
            workers.submit(self._work, f"rillet-run-{self.id[:8]}")

    def handle_rerun_message(self, message: RerunRequest) -> None:
        """A rerun asked by the browser: for a fragment it knows, or for the app."""
        values = self.state.check_submission([(v.id, v.value) for v in message.values])
        fid = message.fragment_id
        if fid is None:
            self.request_rerun(values)
        elif self.fragments.known(fid):
            self.request_rerun(values, [fid], full=False)
        elif values:
            # The fragment is gone since the browser drew it; its values still count.
            self.request_rerun(values)
        # else: a timer of a dropped fragment; ignored quietly.

    def navigate(self, page: str, query: str) -> None:
        """The tab opened another page (its address bar shows it already): run that page."""
        problem = self.nav.open(page, query)
        self.query = query
        if problem:
            self.outbox.push(Notice("warning", problem))
        self.request_rerun(preempt=True)

    def stop(self) -> None:
        """The user pressed Stop: end the running script, even one busy in pure Python."""
        self.scheduler.stop()

    def _work(self) -> None:
        while (request := self.scheduler.take()) is not None:
            try:
                status = self.runner.execute(request)
            except BaseException:
                # Also an interrupt that landed as its run ended: the worker must survive.
                log.exception("internal error while running session %s", self.id[:8])
                self.outbox.push(RunFinished(self.runner.run_count, "interrupted"))
                status = "interrupted"
            if self.after_run is not None and not self.closed:
                try:
                    self.after_run(self, status)
                except Exception:
                    log.exception("snapshotting session %s failed", self.id[:8])

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no run is active or pending; False on timeout."""
        return self.scheduler.idle.wait(timeout)

    def on_run_finished(self, ctx: RunContext, status: str) -> None:
        """Hook for what a finished run settles (fragment registrations, timers)."""
        with self.outbox.lock:
            self.datasets.prune(self.tree)
            for hook in list(self.run_finished_hooks):
                try:
                    hook(self.tree)
                except Exception:
                    log.exception("a run hook of session %s failed", self.id[:8])

    def answer_rows(self, message: RowsRequest) -> RowsPage | None:
        """Rows of a paged table for the browser, from the kept data: no run involved."""
        return self.datasets.answer(message)

    # --- connection ----------------------------------------------------------------------

    def attach(self, listener: Listener) -> list[Outbound]:
        """Connect a socket: returns the messages that rebuild the page it shows."""
        with self.outbox.lock:
            self.outbox.attach(listener)
            self.disconnected_at = None
            return self._page()

    def resync(self) -> list[Outbound]:
        """The whole page again, for a browser whose messages were dropped (it stopped
        reading): the messages still queued are part of it, so they are dropped too."""
        with self.outbox.lock:
            self.outbox.drain()
            messages = self._page()
            if not self.scheduler.busy:
                # The run that finished meanwhile: the browser may have missed its end.
                messages.append(RunFinished(self.runner.run_count, "ok"))
            return messages

    def _page(self) -> list[Outbound]:
        messages: list[Outbound] = [Reset()]
        if self.page_config is not None:
            messages.append(self.page_config)
        if self.nav.menu is not None:
            messages.append(self.nav.menu)
        messages.extend(self.tree.snapshot())
        return messages

    def detach(self) -> None:
        """The socket dropped: keep everything for a reconnect within the TTL."""
        self.outbox.detach()
        self.disconnected_at = time.monotonic()

    def close(self) -> None:
        """End the session for good: stop its run and drop what it holds."""
        self.closed = True
        self.scheduler.close()
        self.outbox.detach()
        self.state = SessionState()
        self.tree = Tree()
        self.extras.clear()
        self.datasets.clear()
        self.run_finished_hooks = []
        hooks, self.close_hooks = self.close_hooks, []
        for hook in hooks:
            try:
                hook()
            except Exception:
                log.exception("a close hook of session %s failed", self.id[:8])


class SessionManager:
    """Live sessions by id, with reconnect within a TTL, and restore from snapshots."""

    def __init__(
        self,
        script: ScriptSource,
        ttl: float = 120.0,
        run_time_limit: float | None = None,
        snapshots: Snapshots | None = None,
    ) -> None:
        self.script = script
        self.ttl = ttl
        self.run_time_limit = run_time_limit
        # Where sessions are snapshotted after their runs; None: they live in memory only.
        self.snapshots = snapshots
        self.sessions: dict[str, AppSession] = {}
        self._lock = threading.Lock()

    def _new_session(self, browser_key: str | None, session_id: str | None = None) -> AppSession:
        snapshots = self.snapshots
        if snapshots is not None and session_id is None:
            session_id = snapshots.mint_id()
        session = AppSession(self.script, browser_key, self.run_time_limit, session_id)
        if snapshots is not None:
            session.after_run = snapshots.after_run
            sid = session.id
            session.close_hooks.append(lambda: snapshots.forget(sid))
        return session

    def snapshot_for(self, session_id: str | None, browser_key: str | None) -> Snapshot | None:
        """The snapshot to restore ``session_id`` from, if this process must: it does not
        hold the session, or holds a copy older than one another process wrote since (the tab
        moved away and came back). Blocking IO: call it off the event loop."""
        snapshots = self.snapshots
        if snapshots is None or not session_id:
            return None
        local = self.sessions.get(session_id)
        if local is not None and not snapshots.shared:
            return None
        snapshot = snapshots.load(session_id, browser_key)
        if snapshot is None or (local is not None and snapshot.owner == snapshots.owner):
            return None
        return snapshot

    def connect(
        self,
        session_id: str | None,
        listener: Listener,
        query: str = "",
        browser_key: str | None = None,
        page: str = "",
        client: ClientInfo | None = None,
        snapshot: Snapshot | None = None,
    ) -> tuple[AppSession, list[Outbound]]:
        """Resume ``session_id`` if it is alive, free and was opened by the browser holding
        ``browser_key``; else restore it from ``snapshot`` (from `snapshot_for`, which checked
        the key); else start a new session for that browser. ``page`` and ``query`` are the
        tab's address; ``client`` what st.context reports."""
        stale = None
        with self._lock:
            session = self.sessions.get(session_id) if session_id else None
            if session is not None and (session.closed or session.outbox.attached):
                session = None  # a second tab with a copied id gets its own session
                snapshot = None
            if session is not None and not same_browser_key(session.browser_key, browser_key):
                log.warning("a client without the session's browser key asked to resume it")
                session = None  # an id alone opens nothing
                snapshot = None
            if session is not None and snapshot is not None:
                # Another process ran this session since: its snapshot is newer than our copy.
                stale = self.sessions.pop(session.id)
                session = None
            resumed = session is not None
            restored = session is None and snapshot is not None
            if session is None:
                session = self._new_session(
                    browser_key, snapshot.session_id if snapshot is not None else None
                )
                if snapshot is not None:
                    from rillet.runtime.snapshots import restore

                    restore(snapshot, session)
                self.sessions[session.id] = session
        if stale is not None:
            stale.close()
        if restored:
            log.info("restored session %s from its snapshot", session.id[:8])
        if client is not None:
            session.client = client
        nav = session.nav
        moved = (resumed or restored) and (
            nav.browser_page != page.strip("/") or nav.browser_query != query.lstrip("?")
        )
        problem = None
        if not (resumed or restored) or moved:
            # A new tab, or a reload at another address: the address bar is the truth.
            problem = nav.open(page, query)
            session.query = query
        welcome = Welcome(PROTOCOL_VERSION, session.id, resumed or restored)
        messages = [welcome, *session.attach(listener)]
        if problem:
            messages.append(Notice("warning", problem))
        if not resumed or moved:
            session.request_rerun()
        return session, messages

    def disconnect(self, session: AppSession) -> None:
        """The socket of ``session`` closed."""
        session.detach()

    def reap(self, now: float | None = None) -> int:
        """Close sessions disconnected for longer than the TTL; returns how many."""
        now = time.monotonic() if now is None else now
        with self._lock:
            expired = [
                s
                for s in self.sessions.values()
                if s.disconnected_at is not None and now - s.disconnected_at >= self.ttl
            ]
            for s in expired:
                del self.sessions[s.id]
        for s in expired:
            s.close()
        return len(expired)

    def rerun_all(self) -> None:
        """The script changed on disk: rerun every connected session."""
        for s in list(self.sessions.values()):
            if s.outbox.attached:
                s.request_rerun()

    def refresh_snapshots(self) -> None:
        """Keep the snapshots of live sessions from expiring while they are unchanged."""
        if self.snapshots is not None:
            self.snapshots.refresh(list(self.sessions.values()))

    def drain(self, grace: float = 5.0) -> None:
        """The process is stopping: let runs finish (those still going after ``grace``
        seconds are interrupted), then snapshot every session and wait for the writes, so a
        tab that reconnects to another process finds its latest state. Blocking."""
        sessions = [s for s in list(self.sessions.values()) if not s.closed]
        deadline = time.monotonic() + grace
        for s in sessions:
            if not s.wait_idle(max(0.0, deadline - time.monotonic())):
                s.scheduler.interrupt("close")
        for s in sessions:
            s.wait_idle(1.0)
        if self.snapshots is None:
            return
        for s in sessions:
            self.snapshots.save(s)
        if not self.snapshots.flush(grace):
            log.warning("some session snapshots were not written before the stop")

    def close_all(self) -> None:
        """Shut down: close every session."""
        with self._lock:
            sessions, self.sessions = list(self.sessions.values()), {}
        for s in sessions:
            s.close()


def same_browser_key(expected: str | None, presented: str | None) -> bool:
    """True when ``presented`` is the key the session was opened with (constant time)."""
    if not expected or not presented:
        return False
    return hmac.compare_digest(expected.encode(), presented.encode())
