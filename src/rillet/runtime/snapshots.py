"""Session snapshots: a session's restorable state, written after its runs, read to resume it.

A process that dies takes its sessions with it; a snapshot lets another process (or this one,
after the session was reaped) bring a tab back with its values. A snapshot holds what a rerun
of the script cannot rebuild: the ``session_state`` values that pickle, the widgets' values,
and the tab's page and query parameters. The element tree and the fragment registry are not
kept: the rerun that follows a restore builds them again.

Snapshots are taken on the session's worker thread once a run ends (never on the event loop)
and handed to one writer thread per process, which coalesces them (the newest per session
wins, an unchanged one is not written again) and writes them to the store. A store that
fails is skipped, with one warning, until it answers again: sessions then live in their
process only, as they would without a store.

A snapshot is bound to its session three ways. Its id is 128 random bits plus an HMAC of them
under the server secret, so a process refuses ids it did not mint before asking the store. The
blob is signed with the same secret, and checked before anything in it is unpickled, so a
store that others can write to cannot inject objects. And it records a keyed digest of the
browser's session-key cookie: like resuming a live session, restoring takes that cookie too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import pickle
import re
import secrets
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import msgspec

from rillet.runtime.session_store import SessionStore

if TYPE_CHECKING:
    from rillet.runtime.session import AppSession

log = logging.getLogger("rillet.snapshots")

DEFAULT_TTL = 3600.0
DEFAULT_LIMIT = 256 * 1024
# After the store failed, it is tried again this many seconds later (not on every run).
RETRY_AFTER = 2.0

_MAGIC = b"rillet-snapshot-1\n"
_MAC_SIZE = 32
_ID = re.compile(r"^([0-9a-f]{32})\.([A-Za-z0-9_-]{22})$")


@dataclass
class Snapshot:
    """A session's restorable state, as read back from the store."""

    session_id: str
    owner: str
    user: dict[str, Any] = field(default_factory=dict)
    keyed: dict[str, Any] = field(default_factory=dict)
    widgets: dict[str, Any] = field(default_factory=dict)
    nav: dict[str, Any] = field(default_factory=dict)


class _Body(msgspec.Struct, array_like=True):
    """The wire form: values pickled one by one, so one bad value costs only itself."""

    id: str
    owner: str
    browser: bytes
    user: dict[str, bytes]
    keyed: dict[str, bytes]
    widgets: dict[str, bytes]
    nav: dict[str, Any]


_encode = msgspec.msgpack.Encoder().encode
_decode = msgspec.msgpack.Decoder(_Body).decode


class Snapshots:
    """Takes, writes and reads the snapshots of one process's sessions."""

    def __init__(
        self,
        store: SessionStore,
        secret: str | bytes | None = None,
        ttl: float = DEFAULT_TTL,
        limit: int = DEFAULT_LIMIT,
    ) -> None:
        self.store = store
        self.ephemeral_secret = not secret
        if isinstance(secret, str):
            secret = secret.encode()
        # Without a configured secret, ids and snapshots are good in this process only.
        self._secret = secret or secrets.token_bytes(32)
        self.ttl = ttl
        self.limit = limit
        # Which process wrote a snapshot: a tab that comes back to a process holding an older
        # copy of its session is restored from the newer snapshot another process wrote.
        self.owner = secrets.token_hex(8)
        self._lock = threading.Condition()
        self._pending: dict[str, bytes] = {}
        self._writing = False
        self._thread: threading.Thread | None = None
        self._closing = False
        # Per session: digest and time of the latest snapshot handed to the writer, and the
        # values already warned about.
        self._last: dict[str, tuple[bytes, float]] = {}
        self._warned: dict[str, set[str]] = {}
        self._down_since: float | None = None
        self._retry_at = 0.0
        if self.ephemeral_secret and store.shared:
            log.warning(
                "no session secret is set (RILLET_SESSION_SECRET): sessions are snapshotted "
                "to a shared store, but no other process can resume them"
            )

    @property
    def shared(self) -> bool:
        """True when other processes read the store this one writes."""
        return self.store.shared

    # --- ids -------------------------------------------------------------------------------

    def mint_id(self) -> str:
        """A new session id: 128 random bits and their signature."""
        token = secrets.token_hex(16)
        return f"{token}.{self._sign_token(token)}"

    def id_is_ours(self, session_id: str | None) -> bool:
        """True when ``session_id`` was minted by a process holding the secret."""
        match = _ID.match(session_id or "")
        return match is not None and hmac.compare_digest(
            match.group(2), self._sign_token(match.group(1))
        )

    def _sign_token(self, token: str) -> str:
        mac = hmac.new(self._secret, b"session-id\0" + token.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac[:16]).rstrip(b"=").decode()

    def _browser_digest(self, browser_key: str) -> bytes:
        return hmac.new(self._secret, b"browser\0" + browser_key.encode(), hashlib.sha256).digest()

    # --- taking snapshots (the session's worker thread) -------------------------------------

    def after_run(self, session: AppSession, status: str) -> None:
        """A run of ``session`` ended: snapshot it, unless a newer run already replaces it."""
        if status == "interrupted":
            return
        blob = self.capture(session)
        if blob is not None:
            self._queue(session.id, blob)

    def capture(self, session: AppSession) -> bytes | None:
        """The signed snapshot of ``session`` now, or None when it cannot be resumed at all
        (no browser key) or changed nothing since the last one (then it is not written)."""
        if not session.browser_key or not self.id_is_ours(session.id):
            return None
        state = session.state
        warned = self._warned.setdefault(session.id, set())
        exported = state.export()
        user = self._pickled(session.id, exported.user.items(), warned)
        keyed = self._pickled(session.id, exported.keyed.items(), warned)
        widgets = self._pickled(
            session.id, exported.widgets.items(), warned, label=_widget_label(state)
        )
        nav = session.nav
        body = _Body(
            id=session.id,
            owner=self.owner,
            browser=self._browser_digest(session.browser_key),
            user=user,
            keyed=keyed,
            widgets=widgets,
            nav={
                "requested": nav.requested,
                "query": nav.query,
                "browser_page": nav.browser_page,
                "browser_query": nav.browser_query,
                "current": nav.current,
            },
        )
        encoded = _encode(body)
        if len(encoded) > self.limit:
            encoded = self._fit(session.id, body, len(encoded), warned)
        digest = hashlib.blake2b(encoded, digest_size=16).digest()
        last = self._last.get(session.id)
        if last is not None and last[0] == digest:
            return None
        self._last[session.id] = (digest, time.monotonic())
        return self._seal(encoded)

    def _pickled(
        self,
        session_id: str,
        items: Iterable[tuple[str, Any]],
        warned: set[str],
        label: Any = None,
    ) -> dict[str, bytes]:
        out = {}
        for key, value in items:
            try:
                out[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # PicklingError, TypeError, AttributeError, ...
                name = label(key) if label else f"st.session_state[{key!r}]"
                if name not in warned:
                    warned.add(name)
                    log.warning(
                        "%s cannot be pickled (%s: %s): session %s's snapshot leaves it out, "
                        "so it is lost if the session moves to another process",
                        name,
                        type(exc).__name__,
                        exc,
                        session_id[:8],
                    )
        return out

    def _fit(self, session_id: str, body: _Body, size: int, warned: set[str]) -> bytes:
        """Leave out the largest values until the snapshot fits the size limit."""
        values = [(len(v), "user", k) for k, v in body.user.items()]
        values += [(len(v), "keyed", k) for k, v in body.keyed.items()]
        values += [(len(v), "widgets", k) for k, v in body.widgets.items()]
        dropped = []
        for length, part, key in sorted(values, reverse=True):
            if size <= self.limit:
                break
            del getattr(body, part)[key]
            size -= length
            dropped.append(key)
        encoded = _encode(body)
        fresh = [k for k in dropped if f"size:{k}" not in warned]
        if fresh:
            warned.update(f"size:{k}" for k in fresh)
            log.warning(
                "session %s's snapshot is over the %d-byte limit (--session-snapshot-limit): "
                "left out %s",
                session_id[:8],
                self.limit,
                ", ".join(repr(k) for k in fresh),
            )
        return encoded

    def _seal(self, encoded: bytes) -> bytes:
        mac = hmac.new(self._secret, encoded, hashlib.sha256).digest()
        return _MAGIC + mac + encoded

    # --- writing (one thread per process) ---------------------------------------------------

    def _queue(self, session_id: str, blob: bytes) -> None:
        with self._lock:
            self._pending[session_id] = blob  # a newer snapshot replaces one not yet written
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._write_forever, name="rillet-snapshots", daemon=True
                )
                self._thread.start()
            self._lock.notify_all()

    def _write_forever(self) -> None:
        while True:
            with self._lock:
                while not self._pending and not self._closing:
                    self._lock.wait()
                if not self._pending:
                    self._thread = None
                    return
                batch, self._pending = self._pending, {}
                self._writing = True
            for session_id, blob in batch.items():
                self._put(session_id, blob)
            with self._lock:
                self._writing = False
                self._lock.notify_all()

    def _put(self, session_id: str, blob: bytes) -> None:
        if not self._available():
            self._last.pop(session_id, None)  # written again once the store is back
            return
        try:
            self.store.put(session_id, blob, self.ttl)
        except Exception as exc:  # the store's own errors, without importing its client
            self._last.pop(session_id, None)
            self._failed(exc)
        else:
            self._recovered()

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every snapshot taken so far is written; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._pending or self._writing:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def save(self, session: AppSession) -> None:
        """Snapshot ``session`` now, whatever its last run did (the process is stopping)."""
        try:
            blob = self.capture(session)
        except RuntimeError:  # a run that would not stop is changing the state right now
            log.warning("could not snapshot session %s: it is still running", session.id[:8])
            return
        if blob is not None:
            self._queue(session.id, blob)

    def refresh(self, sessions: Iterable[AppSession]) -> None:
        """Keep the snapshots of live sessions that have not changed from expiring."""
        stale = time.monotonic() - self.ttl / 2
        ids = [s.id for s in sessions if (last := self._last.get(s.id)) and last[1] < stale]
        if not ids or not self._available():
            return
        try:
            for session_id in ids:
                self.store.touch(session_id, self.ttl)
                digest = self._last[session_id][0]
                self._last[session_id] = (digest, time.monotonic())
        except Exception as exc:
            self._failed(exc)

    def forget(self, session_id: str) -> None:
        """The session closed in this process: drop what is kept about it here (its snapshot
        stays in the store until its TTL, for a tab that comes back)."""
        self._last.pop(session_id, None)
        self._warned.pop(session_id, None)

    def close(self) -> None:
        """Write what is pending, then stop the writer and release the store."""
        self.flush()
        with self._lock:
            self._closing = True
            self._lock.notify_all()
        try:
            self.store.close()
        except Exception:
            pass

    # --- store health ----------------------------------------------------------------------

    def _available(self) -> bool:
        return self._down_since is None or time.monotonic() >= self._retry_at

    def _failed(self, exc: Exception) -> None:
        self._retry_at = time.monotonic() + RETRY_AFTER
        if self._down_since is None:
            self._down_since = time.monotonic()
            log.warning(
                "the session store is unavailable (%s: %s): sessions live in this process "
                "only until it answers again",
                type(exc).__name__,
                exc,
            )

    def _recovered(self) -> None:
        if self._down_since is not None:
            self._down_since = None
            log.warning("the session store answers again: sessions are snapshotted again")

    # --- restoring -------------------------------------------------------------------------

    def load(self, session_id: str, browser_key: str | None) -> Snapshot | None:
        """The snapshot of ``session_id`` if it exists, is signed with the secret and was
        taken for the browser presenting ``browser_key``; None otherwise. Blocking IO."""
        if not browser_key or not self.id_is_ours(session_id) or not self._available():
            return None
        try:
            blob = self.store.get(session_id)
        except Exception as exc:
            self._failed(exc)
            return None
        self._recovered()
        if blob is None:
            return None
        encoded = blob[len(_MAGIC) + _MAC_SIZE :]
        mac = blob[len(_MAGIC) : len(_MAGIC) + _MAC_SIZE]
        expected = hmac.new(self._secret, encoded, hashlib.sha256).digest()
        if not blob.startswith(_MAGIC) or not hmac.compare_digest(mac, expected):
            log.warning("ignored a session snapshot with a bad signature (%s)", session_id[:8])
            return None
        body = _decode(encoded)
        if body.id != session_id:
            log.warning("ignored a session snapshot stored under another id")
            return None
        if not hmac.compare_digest(body.browser, self._browser_digest(browser_key)):
            log.warning("a client without the session's browser key asked to restore it")
            return None
        return Snapshot(
            session_id=session_id,
            owner=body.owner,
            user=_unpickled(body.user),
            keyed=_unpickled(body.keyed),
            widgets=_unpickled(body.widgets),
            nav=body.nav,
        )


def restore(snapshot: Snapshot, session: AppSession) -> None:
    """Put a snapshot's values into a fresh session, before the run that redraws it.

    Keyed widget values go in as if the script had set them through their keys before the
    widgets exist, so the first run both reads them and may still change them.
    """
    session.state.restore({**snapshot.user, **snapshot.keyed}, snapshot.widgets)
    nav = session.nav
    saved = snapshot.nav
    nav.requested = str(saved.get("requested", ""))
    nav.query = dict(saved.get("query") or {})
    nav.browser_page = str(saved.get("browser_page", ""))
    nav.browser_query = str(saved.get("browser_query", ""))
    nav.current = str(saved.get("current", ""))
    session.query = nav.browser_query


def _unpickled(values: dict[str, bytes]) -> dict[str, Any]:
    out = {}
    for key, data in values.items():
        try:
            out[key] = pickle.loads(data)
        except Exception as exc:  # a class that no longer exists, a changed module, ...
            name = type(exc).__name__
            log.warning("could not restore %r from a snapshot (%s: %s)", key, name, exc)
    return out


def _widget_label(state: Any) -> Any:
    def label(wid: str) -> str:
        spec = state.widget_spec(wid)
        kind = spec.kind if spec is not None else "a"
        return f"the value of {kind} widget {wid}"

    return label
