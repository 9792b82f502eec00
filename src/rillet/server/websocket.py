"""The websocket endpoint: handshake, validated inbound messages, batched outbound frames.

Runs on the event loop and never runs user code: inbound messages become rerun requests on the
session; the session's outbox wakes this side, which sends one frame per batch.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from starlette.websockets import WebSocket, WebSocketDisconnect

from rillet.protocol.codec import ProtocolError, decode_inbound, encode_batch
from rillet.protocol.messages import (
    PROTOCOL_VERSION,
    Hello,
    Notice,
    Outbound,
    Ping,
    Pong,
    RerunRequest,
    RowsRequest,
)

if TYPE_CHECKING:
    from rillet.config import Config
    from rillet.runtime.session import AppSession, SessionManager

log = logging.getLogger("rillet.server")

HELLO_TIMEOUT = 10.0
CLOSE_VERSION_MISMATCH = 4000
CLOSE_FORBIDDEN = 4003


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
        if messages:
            self.frames.put_nowait(encode_batch(messages))

    async def _sender(self) -> None:
        while True:
            # No local may hold a sent frame across the wait for the next one: an idle tab
            # would keep its last frame (often the whole first page) alive for its lifetime.
            text = await _next_text(self.frames)
            if text is None:
                return
            await self.websocket.send_text(text)
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
                raise WebSocketDisconnect(message.get("code", 1000))
            frame = message.get("text")
            if frame is None:
                frame = message.get("bytes") or b""
            try:
                return decode_inbound(frame, self.config.inbound_limit)
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
        session, initial = self.manager.connect(first.session_id, self.wake, first.query)
        self.session = session
        self.send(initial)

    async def _receive_loop(self) -> None:
        session = self.session
        assert session is not None
        while True:
            message = await self._next()
            if isinstance(message, RerunRequest):
                session.handle_rerun_message(message)
            elif isinstance(message, RowsRequest):
                # Sorting a large table takes a moment: off the event loop, like user code.
                page = await asyncio.to_thread(session.answer_rows, message)
                if page is not None:
                    self.send([page])
            elif isinstance(message, Ping):
                self.send([Pong()])
            elif isinstance(message, Hello):
                log.warning("ignored a second hello on one socket")


async def _next_text(frames: asyncio.Queue[bytes | None]) -> str | None:
    """The next queued frame as text, or None at the end of the queue."""
    frame = await frames.get()
    return None if frame is None else frame.decode()


async def serve_websocket(websocket: WebSocket, manager: SessionManager, config: Config) -> None:
    """`/_rillet/ws`: check host and origin before accepting, then serve the socket."""
    if not origin_allowed(websocket, config):
        await websocket.close(code=CLOSE_FORBIDDEN)
        return
    await websocket.accept()
    await Connection(websocket, manager, config).serve()
