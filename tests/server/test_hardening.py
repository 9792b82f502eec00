"""Attacks on a running server (issue #17), kept in CI so they stay fixed.

Each attack expects a clean refusal: a logged warning, no state change, and a server that
keeps serving everyone else.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import re
import socket
import struct
import time
from typing import Any

import httpx
import pytest
import websockets

from rillet.config import Config
from rillet.protocol.codec import encode_batch
from rillet.runtime.script import ScriptSource
from rillet.runtime.session import SessionManager
from rillet.server.websocket import BROWSER_KEY_COOKIE, Connection
from tests.conftest import LiveServer, run_async, write_script
from tests.server.test_websocket import COUNTER_APP, Client, _expect_rejected, connect

# --- the protocol attacks -------------------------------------------------------------------


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


@pytest.mark.parametrize(
    ("attack", "bad", "warning"),
    [
        ("malformed", '{"type": "rerun", "values": [', "malformed frame"),
        (
            "forged type",
            '{"type": "welcome", "version": 1, "session_id": "x", "resumed": true}',
            "invalid message",
        ),
        ("forged field", '{"type": "stop", "session_id": "x"}', "invalid message"),
        (
            "nested",
            '{"type":"rerun","values":[{"id":"x","value":' + nested(1_500) + "}]}",
            "over the nesting limit of 100",
        ),
        (
            "nested objects",
            '{"type":"rerun","values":[{"id":"x","value":'
            + '{"a":' * 3_000
            + "1"
            + "}" * 3_000
            + "}]}",
            "over the nesting limit of 100",
        ),
        (
            "oversized",
            json.dumps({"type": "rerun", "values": [{"id": "x", "value": "a" * 30_000}]}),
            "exceeds the inbound limit of 20000 bytes",
        ),
    ],
)
def test_protocol_attacks_are_dropped_and_the_socket_and_session_kept(
    live_app: Any, caplog: Any, attack: str, bad: str, warning: str
) -> None:
    server = live_app(COUNTER_APP, inbound_limit=20_000)
    run_async(_expect_rejected(server, caplog, bad, warning))
    assert "Exception in ASGI application" not in caplog.text


def test_forged_and_out_of_range_values_never_reach_the_app(live_app: Any, caplog: Any) -> None:
    server = live_app(COUNTER_APP)

    async def go() -> None:
        async with await connect(server) as ws:
            c = Client(ws)
            await c.hello()
            await c.until_run_finished()
            slider = c.find("slider")["id"]
            with caplog.at_level(logging.WARNING, logger="rillet"):
                for value in (11, -1, "7", [1, 2], None, 1e308):
                    await c.rerun([{"id": slider, "value": value}])
                    await c.until_run_finished()
                await c.rerun([{"id": "slider-forged", "value": 3}])
                await c.until_run_finished()
            assert c.text() == "n=0 level=5"

    run_async(go())


def test_a_frame_over_the_transport_limit_closes_the_socket_with_a_clear_warning(
    live_app: Any, caplog: Any
) -> None:
    server = live_app(COUNTER_APP, inbound_limit=1000)
    limit = server.config.transport_limit

    async def go() -> int | None:
        async with await connect(server, max_size=None) as ws:
            c = Client(ws)
            await c.hello()
            await c.until_run_finished()
            with caplog.at_level(logging.WARNING, logger="rillet"):
                await ws.send("x" * (limit + 1))
                with pytest.raises(websockets.ConnectionClosed) as closed:
                    await asyncio.wait_for(ws.recv(), 5)
                deadline = time.monotonic() + 5
                while "transport limit" not in caplog.text and time.monotonic() < deadline:
                    await asyncio.sleep(0.02)
            return closed.value.rcvd.code if closed.value.rcvd else None

    assert run_async(go()) == 1009
    assert f"a frame exceeded the transport limit of {limit} bytes" in caplog.text
    assert "inbound limit of 1000 bytes" in caplog.text


# --- Host allow-list on every route -----------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/_rillet/health",
        "/static/main.js",
        "/_rillet/media/" + "0" * 32,
        "/_rillet/component/x/index.html",
        "/no/such/route",
    ],
)
def test_a_foreign_host_is_refused_on_every_route(live_app: Any, path: str, caplog: Any) -> None:
    server = live_app(COUNTER_APP)
    with caplog.at_level(logging.WARNING, logger="rillet"):
        rebound = httpx.get(server.url.rstrip("/") + path, headers={"Host": "evil.example"})
    assert rebound.status_code == 403
    assert "refused a request for host 'evil.example'" in caplog.text
    own = httpx.get(server.url.rstrip("/") + path)
    assert own.status_code != 403


def test_a_rebound_host_cannot_read_the_page_but_a_configured_name_can(live_app: Any) -> None:
    server = live_app(COUNTER_APP, allowed_hosts=["dash.example.com"])
    assert httpx.get(server.url, headers={"Host": "evil.example"}).status_code == 403
    assert httpx.get(server.url, headers={"Host": "dash.example.com"}).status_code == 200


# --- session binding --------------------------------------------------------------------------


def page_cookie(server: LiveServer) -> str:
    response = httpx.get(server.url)
    return f"{BROWSER_KEY_COOKIE}={response.cookies[BROWSER_KEY_COOKIE]}"


async def _session_with_a_click(server: LiveServer, cookie: str) -> str:
    async with await connect(server, headers={**_origin(server), "Cookie": cookie}) as ws:
        c = Client(ws)
        await c.hello()
        await c.until_run_finished()
        await c.rerun([{"id": c.find("button")["id"], "value": True}])
        await c.until_run_finished()
        assert c.text() == "n=1 level=5"
        return str(c.session_id)


async def _resume(server: LiveServer, sid: str, headers: dict[str, str]) -> Client:
    async with await connect(server, headers={**_origin(server), **headers}) as ws:
        c = Client(ws)
        await c.hello(sid)
        for m in json.loads(await asyncio.wait_for(ws.recv(), 5)):
            c.apply(m)
        if not c.resumed:
            await c.until_run_finished()
        return c


def _origin(server: LiveServer) -> dict[str, str]:
    return {"Origin": f"http://127.0.0.1:{server.port}"}


def test_the_page_sets_an_httponly_samesite_strict_browser_key(live_app: Any) -> None:
    server = live_app(COUNTER_APP)
    header = next(
        v
        for v in httpx.get(server.url).headers.get_list("set-cookie")
        if v.startswith(BROWSER_KEY_COOKIE)
    )
    assert "HttpOnly" in header and "SameSite=strict" in header and "Path=/" in header
    key = header.split(";")[0].split("=", 1)[1]
    assert len(key) >= 43
    # A browser that has one keeps it: every tab and every refresh present the same key.
    again = httpx.get(server.url, headers={"Cookie": f"{BROWSER_KEY_COOKIE}={key}"})
    assert BROWSER_KEY_COOKIE not in again.headers.get("set-cookie", "")


def test_a_copied_session_id_without_the_browser_key_gets_a_fresh_session(
    live_app: Any, caplog: Any
) -> None:
    server = live_app(COUNTER_APP)
    sid = run_async(_session_with_a_click(server, page_cookie(server)))
    with caplog.at_level(logging.WARNING, logger="rillet"):
        thief = run_async(_resume(server, sid, {}))
        other_browser = run_async(_resume(server, sid, {"Cookie": page_cookie(server)}))
    for c in (thief, other_browser):
        assert c.resumed is False and c.session_id != sid
        assert c.text() == "n=0 level=5"  # none of the owner's state
    assert "without the session's browser key" in caplog.text
    assert sid in server.manager.sessions  # the owner's session is untouched


def test_the_browser_that_owns_a_session_resumes_it_after_a_refresh(live_app: Any) -> None:
    server = live_app(COUNTER_APP)
    cookie = page_cookie(server)
    sid = run_async(_session_with_a_click(server, cookie))
    again = run_async(_resume(server, sid, {"Cookie": cookie}))
    assert again.resumed is True and again.session_id == sid
    assert again.text() == "n=1 level=5"


# --- Stop ------------------------------------------------------------------------------------

BUSY_APP = """
import rillet as st
st.text("started")
if st.button("Spin"):
    n = 0
    while n >= 0:
        n += 1
st.text("finished")
"""


def test_stop_ends_a_pure_python_loop_within_two_seconds(live_app: Any) -> None:
    server = live_app(BUSY_APP)

    async def go() -> tuple[float, list[str]]:
        async with await connect(server) as ws:
            c = Client(ws)
            await c.hello()
            await c.until_run_finished()
            await c.rerun([{"id": c.find("button")["id"], "value": True}])
            await asyncio.sleep(0.3)
            began = time.monotonic()
            await ws.send('{"type":"stop"}')
            seen = await c.until_run_finished(timeout=5)
            took = time.monotonic() - began
            return took, [m["status"] for m in seen if m["type"] == "run_finished"]

    took, statuses = run_async(go())
    assert statuses == ["stopped"] and took < 2.0


# --- slow readers -----------------------------------------------------------------------------

TICKER_APP = """
import rillet as st
@st.fragment(run_every=0.05)
def ticker():
    st.session_state.ticks = st.session_state.get("ticks", 0) + 1
    st.text(f"tick {st.session_state.ticks} " + "x" * TICK_BYTES)
ticker()
"""


class StalledSocket:
    """A websocket whose browser stopped reading: every send waits until it reads again."""

    def __init__(self) -> None:
        self.reading = asyncio.Event()
        self.sent: list[str] = []

    async def send_text(self, text: str) -> None:
        await self.reading.wait()
        self.sent.append(text)


def test_a_stalled_browser_costs_at_most_the_outbound_buffer_and_then_gets_the_page() -> None:
    buffer = 64 * 1024
    script = write_script(
        "import rillet as st\n"
        "st.session_state.n = st.session_state.get('n', -1) + 1\n"
        "st.text(f'run {st.session_state.n} ' + 'x' * 10_000)\n"
    )
    manager = SessionManager(ScriptSource(script), ttl=60)

    async def scenario() -> tuple[int, Connection, StalledSocket]:
        socket_ = StalledSocket()
        conn = Connection(socket_, manager, Config(outbound_buffer=buffer))  # type: ignore[arg-type]
        sender = asyncio.create_task(conn._sender())
        session, initial = manager.connect(None, conn.wake)
        conn.session = session
        conn.send(initial)
        peak = 0
        for _ in range(40):  # 40 runs of 10 KB each: six times the buffer
            assert await asyncio.to_thread(session.wait_idle, 5)
            session.request_rerun()
            await asyncio.sleep(0.03)
            peak = max(peak, conn.queued_bytes)
        assert await asyncio.to_thread(session.wait_idle, 5)
        await asyncio.sleep(0.1)
        assert conn.behind
        socket_.reading.set()  # the browser reads again
        while conn.behind or conn.queued_bytes:
            await asyncio.sleep(0.01)
        conn.frames.put_nowait(None)
        await sender
        return peak, conn, socket_

    peak, conn, socket_ = run_async(scenario())
    first_frame = len(socket_.sent[0])
    assert peak <= buffer + first_frame  # one frame may be in flight when the rest is dropped
    assert conn.resyncs == 1
    # What it gets once it reads: the frame in flight, an empty batch, then the whole page.
    page = json.loads(socket_.sent[-1])
    assert socket_.sent[-2] == "[]"
    assert page[0] == {"type": "reset"}
    body = next(m["element"]["props"]["body"] for m in page if m["type"] == "delta")
    assert body.startswith("run 40")
    assert page[-1]["type"] == "run_finished"
    manager.close_all()


def _ws_frame(text: str) -> bytes:
    data, mask = text.encode(), os.urandom(4)
    size = (
        bytes([0x80 | len(data)])
        if len(data) < 126
        else bytes([0x80 | 126]) + struct.pack("!H", len(data))
    )
    return b"\x81" + size + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data))


class RawClient:
    """A websocket client that can stop reading, with a 4 KiB receive buffer: what a
    stalled or hostile browser looks like to the server."""

    def __init__(self, server: LiveServer) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.sock.connect(("127.0.0.1", server.port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            f"GET /_rillet/ws HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Origin: http://127.0.0.1:{server.port}\r\n\r\n".encode()
        )
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self.sock.recv(4096)
        self.buffer = self.buffer.split(b"\r\n\r\n", 1)[1]

    def send(self, message: dict[str, Any]) -> None:
        self.sock.sendall(_ws_frame(json.dumps(message)))

    def read_frame(self) -> str:
        def need(n: int) -> None:
            while len(self.buffer) < n:
                self.buffer += self.sock.recv(65536)

        need(2)
        size, start = self.buffer[1] & 0x7F, 2
        if size == 126:
            need(4)
            size, start = struct.unpack("!H", self.buffer[2:4])[0], 4
        elif size == 127:
            need(10)
            size, start = struct.unpack("!Q", self.buffer[2:10])[0], 10
        need(start + size)
        payload, self.buffer = self.buffer[start : start + size], self.buffer[start + size :]
        return payload.decode()


def test_a_client_that_stops_reading_holds_bounded_memory_and_others_are_unaffected(
    live_app: Any,
) -> None:
    """The issue's attack at a faster pace: 100 KB a tick fills the kernel's socket buffers
    in a few seconds, where 10 KB a tick takes a minute; the bound is the same."""
    buffer = 1024 * 1024
    server = live_app(TICKER_APP.replace("TICK_BYTES", "100_000"), outbound_buffer=buffer)
    slow = RawClient(server)
    slow.send({"type": "hello", "version": 1})
    first = ""
    while "run_finished" not in first:
        first += slow.read_frame()
    fragment = re.search(r'"fragment_id":"([\w-]+)"', first)
    assert fragment is not None
    slow_session = next(iter(server.manager.sessions.values()))
    conn = slow_session.outbox._listener.__self__

    async def steady_reader(seconds: float) -> int:
        """Another tab of the same app that reads normally: how many ticks it saw."""
        async with await connect(server, max_size=None) as ws:
            c = Client(ws)
            await c.hello()
            await c.until_run_finished()
            fid = c.find("block")["props"]["fragment_id"]
            finished = 0
            began = time.monotonic()
            while time.monotonic() - began < seconds:
                await c.rerun([], fid)
                await c.until_run_finished(timeout=2)
                finished += 1
                await asyncio.sleep(0.05)
            return finished

    async def stalled(seconds: float) -> int:
        peak = 0
        began = time.monotonic()
        while time.monotonic() - began < seconds:
            await asyncio.to_thread(
                slow.send, {"type": "rerun", "values": [], "fragment_id": fragment.group(1)}
            )
            await asyncio.sleep(0.05)
            peak = max(peak, conn.queued_bytes)
        return peak

    async def both() -> tuple[int, int]:
        return await asyncio.gather(stalled(6), steady_reader(6))  # type: ignore[return-value]

    peak, steady_runs = run_async(both())
    snapshot = len(encode_batch(slow_session.resync()))
    assert conn.resyncs >= 1 and conn.skipped_ticks > 0
    assert peak <= buffer + snapshot
    assert steady_runs >= 30  # the other tab kept ticking (about 60 at best in 6 s)
    slow.sock.close()
