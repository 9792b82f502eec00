"""The websocket endpoint: handshake, validated inbound messages, batched outbound frames.

Runs on the event loop and never runs user code: inbound messages become rerun requests on the
session; the session's outbox wakes this side, which sends one frame per batch.

A browser that stops reading must not make the server hold everything its app keeps writing.
The frames queued for it are bounded by ``Config.outbound_buffer``: past it they are dropped,
and once the browser reads again it gets the current page (``reset`` and the tree), which is
all the dropped deltas would have told it. Until then its ``run_every`` ticks are not run.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket, WebSocketDisconnect

from rillet.protocol.codec import ProtocolError, decode_inbound, encode_batch
from rillet.protocol.messages import (
    PROTOCOL_VERSION,
    ClearCaches,
    Hello,
    Navigate,
    Notice,
    Outbound,
    Ping,
    Pong,
    RerunRequest,
    RowsRequest,
    Stop,
)
from rillet.runtime.client import PRIVATE_COOKIES, ClientInfo, without_private_cookies

if TYPE_CHECKING:
    from rillet.config import Config
    from rillet.runtime.session import AppSession, SessionManager

log = logging.getLogger("rillet.server")

HELLO_TIMEOUT = 10.0
CLOSE_VERSION_MISMATCH = 4000
CLOSE_FORBIDDEN = 4003
# The close code of a frame larger than the transport takes (RFC 6455 "message too big").
CLOSE_TOO_BIG = 1009

# The browser's session key: an HttpOnly, SameSite=Strict cookie set with the page. A session
# remembers the key of the browser that opened it, and resuming it takes the key as well as
# the id, so an id copied out of a tab opens nothing anywhere else.
BROWSER_KEY_COOKIE = "rillet_session_key"
_KEY = re.compile(r"^[A-Za-z0-9_-]{32,128}$")

# Queued in place of frames dropped for a browser that fell behind: send it the page again.
_RESYNC = b""


def set_browser_key_cookie(request: Request, response: Response) -> None:
    """Give the browser its session key with the page, keeping one it already has (every tab
    of the app shares it; a refresh keeps resuming)."""
    if _KEY.match(request.cookies.get(BROWSER_KEY_COOKIE, "")):
        return
    response.set_cookie(
        BROWSER_KEY_COOKIE,
        secrets.token_urlsafe(32),
        path=request.scope.get("root_path", "") + "/",
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="strict",
    )


def browser_key(websocket: WebSocket) -> str | None:
    """The session key the browser presented with the websocket handshake, if well formed."""
    key = websocket.cookies.get(BROWSER_KEY_COOKIE, "")
    return key if _KEY.match(key) else None


def client_info(websocket: WebSocket, hello: Hello) -> ClientInfo:
    """What st.context reports about the tab: the handshake's headers, cookies and address
    (rillet's own cookies left out), and what the tab said about itself."""
    headers = []
    for raw_name, raw_value in websocket.headers.raw:
        name, value = raw_name.decode("latin-1"), raw_value.decode("latin-1")
        if name.lower() == "cookie":
            value = without_private_cookies(value)
            if not value:
                continue
        headers.append((name.title(), value))
    cookies = {k: v for k, v in websocket.cookies.items() if k not in PRIVATE_COOKIES}
    host = websocket.client.host if websocket.client else None
    # Streamlit reports no address for a local visitor.
    ip = None if host in (None, "127.0.0.1", "::1", "localhost") else host
    offset = hello.timezone_offset
    return ClientInfo(
        headers=headers,
        cookies=cookies,
        ip_address=ip,
        url=hello.url[:4096],
        locale=hello.locale[:64] or None,
        timezone=hello.timezone[:64] or None,
        timezone_offset=offset if offset is not None and -1440 <= offset <= 1440 else None,
        theme=hello.theme if hello.theme in ("light", "dark") else None,
    )


def origin_allowed(websocket: WebSocket, config: Config) -> bool:
    """Same origin as the page, or one listed in the config; checked before accepting."""
    host = websocket.headers.get("host", "")
    if not config.host_allowed(host):
        log.warning("refused a websocket for host %r", host)
        return False
    origin = websocket.headers.get("origin")
    if origin is None:
        return True  # not a browser: no ambient credentials to abuse
    scheme = "https" if websocket.url.scheme == "wss" else "http"
    if origin == f"{scheme}://{host}" or origin in config.allowed_origins:
        return True
    log.warning("refused a websocket from origin %r", origin)
    return False


class Connection:
    """One socket bound to one session."""

    def __init__(self, websocket: WebSocket, manager: SessionManager, config: Config) -> None:
        self.websocket = websocket
        self.manager = manager
        self.config = config
        self.loop = asyncio.get_running_loop()
        self.frames: asyncio.Queue[bytes | None] = asyncio.Queue()
        # Bytes of the frames queued or being sent: what this browser costs the server now.
        self.queued_bytes = 0
        # True from the moment frames were dropped until the browser got the page again.
        self.behind = False
        self.resyncs = 0
        self.skipped_ticks = 0
        self.session: AppSession | None = None
        self._timer: asyncio.TimerHandle | None = None

    # Called from the runner thread.
    def wake(self, urgent: bool) -> None:
        self.loop.call_soon_threadsafe(self._schedule, urgent)

    def _schedule(self, urgent: bool) -> None:
        if urgent:
            self.flush()
        elif self._timer is None:
            self._timer = self.loop.call_later(self.config.batch_delay, self.flush)

    def flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self.session is not None:
            self.send(self.session.outbox.drain())

    def send(self, messages: list[Outbound]) -> None:
        if not messages or self.behind:
            return  # behind: the page sent once the browser reads again includes these
        frame = encode_batch(messages)
        size = len(frame)
        if self.queued_bytes and self.queued_bytes + size > self.config.outbound_buffer:
            self._fall_behind()
            return
        self.queued_bytes += size
        self.frames.put_nowait(frame)

    def _fall_behind(self) -> None:
        """The browser is not reading: drop what is queued for it, send the page later."""
        while not self.frames.empty():
            frame = self.frames.get_nowait()
            if frame is None:  # the socket is closing anyway
                self.frames.put_nowait(None)
                return
            self.queued_bytes -= len(frame)
        self.behind = True
        self.resyncs += 1
        log.warning(
            "a browser of session %s stopped reading; dropped its queued frames "
            "(it gets the current page when it reads again)",
            self.session.id[:8] if self.session is not None else "?",
        )
        self.frames.put_nowait(_RESYNC)

    async def _resync(self) -> None:
        """Once the browser reads again, send it the current page in one frame."""
        # An empty batch goes out only when the transport takes writes again, that is once
        # the browser has read what was already sent.
        await self.websocket.send_text("[]")
        if self.session is None:
            return
        frame = encode_batch(self.session.resync())
        self.behind = False
        self.queued_bytes += len(frame)
        self.frames.put_nowait(frame)

    async def _sender(self) -> None:
        while True:
            # No local may hold a sent frame across the wait for the next one: an idle tab
            # would keep its last frame (often the whole first page) alive for its lifetime.
            frame = await self.frames.get()
            if frame is None:
                return
            if frame == _RESYNC:
                await self._resync()
                continue
            size = len(frame)
            text = frame.decode()
            del frame
            try:
                await self.websocket.send_text(text)
            finally:
                self.queued_bytes -= size
            del text

    async def serve(self) -> None:
        sender = asyncio.create_task(self._sender())
        try:
            await self._handshake()
            if self.session is not None:
                await self._receive_loop()
        except WebSocketDisconnect:
            pass
        finally:
            if self.session is not None:
                self.manager.disconnect(self.session)
            if self._timer is not None:
                self._timer.cancel()
            self.frames.put_nowait(None)
            try:
                await asyncio.wait_for(sender, 1.0)
            except (TimeoutError, Exception):
                sender.cancel()

    async def _next(self) -> object | None:
        """The next valid inbound message; invalid frames are logged and skipped."""
        while True:
            message = await self.websocket.receive()
            if message["type"] == "websocket.disconnect":
                code = message.get("code", 1000)
                if code == CLOSE_TOO_BIG:
                    log.warning(
                        "closed a websocket: a frame exceeded the transport limit of %d bytes "
                        "(frames over the inbound limit of %d bytes are dropped; larger ones "
                        "close the socket)",
                        self.config.transport_limit,
                        self.config.inbound_limit,
                    )
                raise WebSocketDisconnect(code)
            frame = message.get("text")
            if frame is None:
                frame = message.get("bytes") or b""
            try:
                return decode_inbound(frame, self.config.inbound_limit, self.config.nesting_limit)
            except ProtocolError as exc:
                log.warning("dropped a websocket frame: %s", exc)

    async def _handshake(self) -> None:
        try:
            first = await asyncio.wait_for(self._next(), HELLO_TIMEOUT)
        except TimeoutError:
            await self.websocket.close(code=1008)
            return
        if not isinstance(first, Hello):
            log.warning("dropped a connection whose first message was not hello")
            await self.websocket.close(code=1008)
            return
        if first.version != PROTOCOL_VERSION:
            text = (
                f"This page speaks protocol {first.version}; the server speaks "
                f"{PROTOCOL_VERSION}. Reload the page."
            )
            self.send([Notice("error", text)])
            await asyncio.sleep(0)
            await self.websocket.close(code=CLOSE_VERSION_MISMATCH)
            return
        key = browser_key(self.websocket)
        # A session this process does not hold may be in the session store (its process
        # died or stopped): reading the store is IO, so off the event loop.
        snapshot = None
        if self.manager.snapshots is not None and first.session_id:
            snapshot = await asyncio.to_thread(self.manager.snapshot_for, first.session_id, key)
        session, initial = self.manager.connect(
            first.session_id,
            self.wake,
            first.query,
            key,
            page=first.page,
            client=client_info(self.websocket, first),
            snapshot=snapshot,
        )
        self.session = session
        self.send(initial)

    async def _receive_loop(self) -> None:
        session = self.session
        assert session is not None
        while True:
            message = await self._next()
            if isinstance(message, RerunRequest):
                if self.behind and message.fragment_id is not None and not message.values:
                    # A run_every tick for a browser that does not read what it produces.
                    self.skipped_ticks += 1
                    continue
                session.handle_rerun_message(message)
            elif isinstance(message, Stop):
                session.stop()
            elif isinstance(message, Navigate):
                session.navigate(message.page, message.query)
            elif isinstance(message, RowsRequest):
                # Sorting a large table takes a moment: off the event loop, like user code.
                page = await asyncio.to_thread(session.answer_rows, message)
                if page is not None:
                    self.send([page])
            elif isinstance(message, ClearCaches):
                # Disk and Redis caches take a moment to empty: off the event loop.
                self.send([await asyncio.to_thread(clear_function_caches)])
            elif isinstance(message, Ping):
                self.send([Pong()])
            elif isinstance(message, Hello):
                log.warning("ignored a second hello on one socket")


CACHES_CLEARED = "Caches cleared."


def clear_function_caches() -> Notice:
    """Empty every ``cache_data`` and ``cache_resource`` cache (the menu's "Clear caches"),
    and say how it went: a Redis or disk failure is reported, not raised."""
    from rillet.caching import cache_data, cache_resource

    log.info("clearing every cache_data and cache_resource cache (asked from a page)")
    try:
        cache_data.clear()
        cache_resource.clear()
    except Exception as exc:
        log.warning("could not clear the caches: %s", exc)
        return Notice("error", f"Could not clear the caches: {exc}")
    return Notice("info", CACHES_CLEARED)


async def serve_websocket(websocket: WebSocket, manager: SessionManager, config: Config) -> None:
    """`/_rillet/ws`: check host and origin before accepting, then serve the socket."""
    if not origin_allowed(websocket, config):
        await websocket.close(code=CLOSE_FORBIDDEN)
        return
    await websocket.accept()
    await Connection(websocket, manager, config).serve()
