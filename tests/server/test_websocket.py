"""The websocket: handshake, reruns, batching, and every kind of bad input.

Each bad-input case expects a logged warning, no state change, and a session that keeps
working on the same socket.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest
import websockets

from tests.conftest import LiveServer, run_async

COUNTER_APP = """
import rillet as st
if "n" not in st.session_state:
    st.session_state.n = 0
if st.button("Add"):
    st.session_state.n += 1
v = st.slider("Level", 0, 10, 5, key="level")
st.text(f"n={st.session_state.n} level={v}")
"""


class Client:
    """A minimal protocol client: what the browser does, written by hand."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.elements: dict[tuple[int, ...], dict[str, Any]] = {}
        self.session_id: str | None = None
        self.resumed: bool | None = None

    async def hello(self, session_id: str | None = None, version: int = 1) -> None:
        await self.ws.send(
            json.dumps({"type": "hello", "version": version, "session_id": session_id})
        )

    async def until_run_finished(self, timeout: float = 5) -> list[dict[str, Any]]:
        """Read frames until a run_finished; returns every message seen."""
        seen: list[dict[str, Any]] = []
        async with asyncio.timeout(timeout):
            while True:
                batch = json.loads(await self.ws.recv())
                assert isinstance(batch, list), "the server sends one array per frame"
                for m in batch:
                    self.apply(m)
                seen.extend(batch)
                if any(m["type"] == "run_finished" for m in batch):
                    return seen

    def apply(self, m: dict[str, Any]) -> None:
        if m["type"] == "welcome":
            self.session_id, self.resumed = m["session_id"], m["resumed"]
        elif m["type"] == "reset":
            self.elements.clear()
        elif m["type"] == "delta":
            self.elements[tuple(m["path"])] = m["element"]
        elif m["type"] == "truncate":
            p = tuple(m["path"])
            for k in [k for k in self.elements if k[: len(p)] == p and k[len(p)] >= m["length"]]:
                del self.elements[k]

    def find(self, kind: str, label: str | None = None) -> dict[str, Any]:
        for el in self.elements.values():
            if el["kind"] == kind and (label is None or el["props"].get("label") == label):
                return el
        raise LookupError(kind)

    def text(self) -> str:
        return str(self.find("text")["props"]["body"])

    async def rerun(self, values: list[dict[str, Any]], fragment_id: str | None = None) -> None:
        await self.ws.send(
            json.dumps({"type": "rerun", "values": values, "fragment_id": fragment_id})
        )


async def connect(server: LiveServer, **kwargs: Any) -> Any:
    headers = kwargs.pop("headers", {"Origin": f"http://127.0.0.1:{server.port}"})
    return await websockets.connect(server.ws_url, additional_headers=headers, **kwargs)


def run(coro: Any) -> Any:
    return run_async(coro)


@pytest.fixture
def counter(live_app: Any) -> LiveServer:
    return live_app(COUNTER_APP)


def test_hello_gets_welcome_and_first_run(counter: LiveServer) -> None:
    async def go() -> None:
        async with await connect(counter) as ws:
            c = Client(ws)
            await c.hello()
            messages = await c.until_run_finished()
            assert messages[0]["type"] == "welcome" and c.resumed is False
            # 128 random bits in hex, then their signature (runtime/snapshots.py).
            assert len((c.session_id or "").split(".")[0]) == 32
            assert c.text() == "n=0 level=5"

    run(go())


def test_button_click_reruns_and_fast_rerun_is_one_frame(counter: LiveServer) -> None:
    async def go() -> None:
        async with await connect(counter) as ws:
            c = Client(ws)
            await c.hello()
            await c.until_run_finished()
            await c.rerun([{"id": c.find("button")["id"], "value": True}])
            frame = json.loads(await asyncio.wait_for(ws.recv(), 5))
            types = [m["type"] for m in frame]
            assert types[0] == "run_started" and types[-1] == "run_finished"
            for m in frame:
                c.apply(m)
            assert c.text() == "n=1 level=5"
            assert [m["type"] for m in frame].count("delta") == 1

    run(go())


async def _expect_rejected(
    counter: LiveServer, caplog: Any, bad: str | bytes, warning: str
) -> None:
    async with await connect(counter) as ws:
        c = Client(ws)
        await c.hello()
        await c.until_run_finished()
        with caplog.at_level(logging.WARNING, logger="rillet"):
            await ws.send(bad)
            # The session still answers on the same socket, with nothing changed.
            await c.rerun([{"id": c.find("slider")["id"], "value": 7}])
            await c.until_run_finished()
        assert c.text() == "n=0 level=7"
        assert warning in caplog.text


@pytest.mark.parametrize(
    ("bad", "warning"),
    [
        ("{not json", "malformed frame"),
        ('{"type": "explode"}', "invalid message"),
        ('{"type": "rerun", "values": "lots"}', "invalid message"),
        ('{"type": "rerun", "values": [], "sneaky": 1}', "invalid message"),
        ("[1, 2, 3]", "invalid message"),
    ],
)
def test_malformed_or_unknown_frames_are_dropped(
    counter: LiveServer, caplog: Any, bad: str, warning: str
) -> None:
    run(_expect_rejected(counter, caplog, bad, warning))


def test_out_of_range_value_is_rejected_and_app_never_sees_it(
    counter: LiveServer, caplog: Any
) -> None:
    async def go() -> None:
        async with await connect(counter) as ws:
            c = Client(ws)
            await c.hello()
            await c.until_run_finished()
            slider = c.find("slider")["id"]
            with caplog.at_level(logging.WARNING, logger="rillet"):
                await c.rerun([{"id": slider, "value": 11}])
                await c.until_run_finished()
                await c.rerun([{"id": slider, "value": "7"}])
                await c.until_run_finished()
                await c.rerun([{"id": "slider-forged", "value": 3}])
                await c.until_run_finished()
            assert c.text() == "n=0 level=5"
            assert "outside [0, 10]" in caplog.text
            assert "expected a number" in caplog.text
            assert "unknown widget id 'slider-forged'" in caplog.text

    run(go())


def test_oversized_frame_is_dropped(live_app: Any, caplog: Any) -> None:
    server = live_app(COUNTER_APP, inbound_limit=1000)
    big = json.dumps({"type": "rerun", "values": [{"id": "x", "value": "a" * 2000}]})
    run(_expect_rejected(server, caplog, big, "exceeds the inbound limit of 1000 bytes"))


def page_cookies(server: LiveServer) -> str:
    """The cookies a browser gets with the page, as a Cookie header."""
    import httpx

    response = httpx.get(server.url)
    return "; ".join(f"{k}={v}" for k, v in response.cookies.items())


def test_reconnect_resumes_session_with_state(counter: LiveServer) -> None:
    # The browser that opened the session: it has the page's cookies (see test_hardening.py
    # for a client that has only the id).
    headers = {"Origin": f"http://127.0.0.1:{counter.port}", "Cookie": page_cookies(counter)}

    async def go() -> None:
        async with await connect(counter, headers=headers) as ws:
            c = Client(ws)
            await c.hello()
            await c.until_run_finished()
            await c.rerun([{"id": c.find("button")["id"], "value": True}])
            await c.until_run_finished()
            sid = c.session_id
        async with await connect(counter, headers=headers) as ws:
            c2 = Client(ws)
            await c2.hello(sid)
            batch = json.loads(await asyncio.wait_for(ws.recv(), 5))
            for m in batch:
                c2.apply(m)
            assert c2.resumed is True and c2.session_id == sid
            assert c2.text() == "n=1 level=5"  # the whole tree came back, state intact

    run(go())


def test_unknown_session_id_starts_fresh(counter: LiveServer) -> None:
    async def go() -> None:
        async with await connect(counter) as ws:
            c = Client(ws)
            await c.hello("f" * 32)
            await c.until_run_finished()
            assert c.resumed is False and c.session_id != "f" * 32

    run(go())


def test_protocol_version_mismatch_is_refused_clearly(counter: LiveServer) -> None:
    async def go() -> None:
        async with await connect(counter) as ws:
            await Client(ws).hello(version=99)
            batch = json.loads(await asyncio.wait_for(ws.recv(), 5))
            assert batch[0]["type"] == "notice" and "protocol 99" in batch[0]["text"]
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), 5)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 4000

    run(go())


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://127.0.0.1:1"},
        {"Host": "evil.example", "Origin": "http://evil.example"},
    ],
)
def test_foreign_origin_or_host_is_refused(counter: LiveServer, headers: dict[str, str]) -> None:
    async def go() -> None:
        with pytest.raises(websockets.InvalidStatus) as refused:
            await connect(counter, headers=headers)
        assert refused.value.response.status_code == 403

    run(go())


def test_allowed_origin_is_accepted(live_app: Any) -> None:
    server = live_app(COUNTER_APP, allowed_origins=["https://dash.example.com"])

    async def go() -> None:
        async with await connect(server, headers={"Origin": "https://dash.example.com"}) as ws:
            c = Client(ws)
            await c.hello()
            await c.until_run_finished()
            assert c.text() == "n=0 level=5"

    run(go())


def test_dropped_socket_keeps_session_until_ttl(live_app: Any) -> None:
    server = live_app(COUNTER_APP, session_ttl=60)

    async def go() -> str:
        async with await connect(server) as ws:
            c = Client(ws)
            await c.hello()
            await c.until_run_finished()
            return str(c.session_id)

    sid = run(go())
    manager = server.manager
    assert sid in manager.sessions
    session = manager.sessions[sid]
    assert session.disconnected_at is not None
    assert manager.reap(session.disconnected_at + 59) == 0
    assert manager.reap(session.disconnected_at + 61) == 1
    assert sid not in manager.sessions


def test_saving_the_script_reruns_connected_sessions(live_app: Any) -> None:
    server = live_app("import rillet as st\nst.text('version one')\n", watch=True)

    async def go() -> str:
        async with await connect(server) as ws:
            c = Client(ws)
            await c.hello()
            await c.until_run_finished()
            assert c.text() == "version one"
            await asyncio.sleep(0.3)  # let the watcher start before the file changes
            with open(server.app.state.rillet.script_path, "w") as f:
                f.write("import rillet as st\nst.text('version two')\n")
            await c.until_run_finished(timeout=10)
            return c.text()

    assert run(go()) == "version two"


def test_an_idle_connection_keeps_no_sent_frame() -> None:
    """Memory per idle tab: once a frame is sent, the socket's sender holds no reference to it
    (it used to keep its last frame, often the whole first page, for the tab's lifetime)."""
    import sys

    from rillet.config import Config
    from rillet.server.websocket import Connection

    sent: list[str] = []

    class Socket:
        async def send_text(self, text: str) -> None:
            sent.append(text)

    async def scenario() -> tuple[int, int]:
        frame = b'[{"type":"pong"}]' * 100  # built at run time: not a shared constant
        before = sys.getrefcount(frame)
        conn = Connection(Socket(), None, Config())  # type: ignore[arg-type]
        sender = asyncio.create_task(conn._sender())
        conn.frames.put_nowait(frame)
        while not sent:
            await asyncio.sleep(0)
        await asyncio.sleep(0)  # the sender is back to waiting for the next frame
        after = sys.getrefcount(frame)
        conn.frames.put_nowait(None)
        await sender
        return before, after

    before, after = run_async(scenario())
    assert sent and sent[0].startswith('[{"type":"pong"}]')
    assert after == before
