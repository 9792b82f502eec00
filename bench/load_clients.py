"""Simulated tabs for the load harness: each speaks its framework's real websocket protocol.

A tab does what a browser showing ``apps/load_app.py`` does, without rendering: it opens the
socket, gets the first run, then sends a ``run_every`` tick for the fragment every second (a
tick whose answer has not arrived yet is skipped, as rillet's page does) and clicks ``Add``
every few seconds (a random wait between clicks; a user waits for the answer before clicking
again). It times each click from the moment the click is sent to the frame that brings the
new ``Clicks: [n]`` text.

rillet: JSON over ``/_rillet/ws`` (docs/protocol.md), with a session-key cookie of its own,
which is also what nginx's sticky hash reads. Streamlit: its ``BackMsg``/``ForwardMsg``
protobufs over ``/_stcore/stream`` (the ``streamlit`` subprotocol), the messages its page
sends: ``rerun_script`` with the button's trigger value, and with the fragment id and
``is_auto_rerun`` for a tick.

Frames are matched as text or bytes (a substring test), not decoded, once the first run has
told the tab its ids: with a thousand tabs in one process, decoding every frame would make
the harness, not the server, the bottleneck on a 2-core machine.
"""

from __future__ import annotations

import asyncio
import json
import random
import secrets
import time
from typing import Any

import websockets

ANSWER_GRACE_S = 5.0


class Tab:
    """One simulated browser tab; subclasses speak one framework's protocol."""

    def __init__(self, url: str, origin: str, rng: random.Random) -> None:
        self.url, self.origin, self.rng = url, origin, rng
        self.ws: Any = None
        self.clicks = 0  # the count the page shows
        self.click_sent: float | None = None
        self.tick_pending = False
        self.latencies: list[float] = []  # seconds, click sent -> result frame
        self.ticks_sent = 0
        self.ticks_answered = 0
        self.ticks_skipped = 0
        self.unanswered_clicks = 0
        self.reader: asyncio.Task[None] | None = None

    async def open(self) -> None:
        """Connect and wait for the first run's result."""
        raise NotImplementedError

    async def send_tick(self) -> None:
        raise NotImplementedError

    async def send_click(self) -> None:
        raise NotImplementedError

    def has_tick_result(self, frame: str | bytes) -> bool:
        raise NotImplementedError

    def has_click_result(self, frame: str | bytes, count: int) -> bool:
        raise NotImplementedError

    async def _read(self) -> None:
        try:
            async for frame in self.ws:
                now = time.perf_counter()
                if self.click_sent is not None and self.has_click_result(frame, self.clicks + 1):
                    self.latencies.append(now - self.click_sent)
                    self.clicks += 1
                    self.click_sent = None
                if self.tick_pending and self.has_tick_result(frame):
                    self.tick_pending = False
                    self.ticks_answered += 1
        except websockets.ConnectionClosed:
            pass

    def start_reading(self) -> None:
        self.reader = asyncio.get_running_loop().create_task(self._read())

    async def act(self, until: float, click_every: tuple[float, float]) -> None:
        """Tick every second and click now and then until ``until`` (perf_counter)."""
        loop_start = time.perf_counter()
        next_tick = loop_start + self.rng.random()  # tabs opened together tick apart
        next_click = loop_start + self.rng.uniform(*click_every)
        while True:
            wake = min(next_tick, next_click)
            if wake >= until:
                break
            await asyncio.sleep(max(0.0, wake - time.perf_counter()))
            now = time.perf_counter()
            if now >= next_tick:
                next_tick += 1.0
                if self.tick_pending:
                    self.ticks_skipped += 1
                else:
                    self.tick_pending = True
                    self.ticks_sent += 1
                    await self.send_tick()
            if now >= next_click:
                next_click = now + self.rng.uniform(*click_every)
                if self.click_sent is None:
                    self.click_sent = time.perf_counter()
                    await self.send_click()
        # A click sent just before the end gets a few seconds more to be answered.
        while self.click_sent is not None and time.perf_counter() < until + ANSWER_GRACE_S:
            await asyncio.sleep(0.05)
        if self.click_sent is not None:
            self.unanswered_clicks += 1
            self.click_sent = None

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            await asyncio.wait([self.reader], timeout=5)


class RilletTab(Tab):
    """rillet's JSON protocol: ``hello``, then ``rerun`` messages."""

    async def open(self) -> None:
        key = secrets.token_urlsafe(32)
        self.ws = await websockets.connect(
            self.url,
            additional_headers={"Origin": self.origin, "Cookie": f"rillet_session_key={key}"},
            ping_interval=None,
            compression=None,
            max_size=None,
            open_timeout=60,
        )
        await self.ws.send(json.dumps({"type": "hello", "version": 1, "session_id": None}))
        self.button_id = self.fragment_id = ""
        while not (self.button_id and self.fragment_id):
            for message in json.loads(await self.ws.recv()):
                element = message.get("element") or {}
                props = element.get("props") or {}
                if element.get("kind") == "button":
                    self.button_id = element["id"]
                if props.get("run_every"):
                    self.fragment_id = props["fragment_id"]
        self._tick = json.dumps({"type": "rerun", "values": [], "fragment_id": self.fragment_id})
        self._click = json.dumps(
            {"type": "rerun", "values": [{"id": self.button_id, "value": True}],
             "fragment_id": None}
        )  # fmt: skip
        self.start_reading()

    async def send_tick(self) -> None:
        await self.ws.send(self._tick)

    async def send_click(self) -> None:
        await self.ws.send(self._click)

    def has_tick_result(self, frame: str | bytes) -> bool:
        return isinstance(frame, str) and '"run_finished"' in frame

    def has_click_result(self, frame: str | bytes, count: int) -> bool:
        return isinstance(frame, str) and f'"Clicks: [{count}]"' in frame


class StreamlitTab(Tab):
    """Streamlit's protobufs: ``BackMsg.rerun_script`` out, one ``ForwardMsg`` per frame in."""

    async def open(self) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.ws = await websockets.connect(
            self.url,
            subprotocols=[websockets.Subprotocol("streamlit")],
            additional_headers={"Origin": self.origin},
            ping_interval=None,
            compression=None,
            max_size=None,
            open_timeout=60,
        )
        first = BackMsg()
        first.rerun_script.query_string = ""
        first.rerun_script.page_script_hash = ""
        await self.ws.send(first.SerializeToString())
        page_hash = button_id = fragment_id = ""
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self.ws.recv())
            kind = message.WhichOneof("type")
            if kind == "new_session":
                page_hash = message.new_session.main_script_hash
            elif kind == "auto_rerun":
                fragment_id = message.auto_rerun.fragment_id
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                if message.delta.new_element.WhichOneof("type") == "button":
                    button_id = message.delta.new_element.button.id
            elif kind == "script_finished":
                break
        tick = BackMsg()
        tick.rerun_script.page_script_hash = page_hash
        tick.rerun_script.fragment_id = fragment_id
        tick.rerun_script.is_auto_rerun = True
        self._tick = tick.SerializeToString()
        click = BackMsg()
        click.rerun_script.page_script_hash = page_hash
        widget = click.rerun_script.widget_states.widgets.add()
        widget.id = button_id
        widget.trigger_value = True
        self._click = click.SerializeToString()
        self.start_reading()

    async def send_tick(self) -> None:
        await self.ws.send(self._tick)

    async def send_click(self) -> None:
        await self.ws.send(self._click)

    def has_tick_result(self, frame: str | bytes) -> bool:
        # The fragment's last element; the run's end follows in a frame of its own.
        return isinstance(frame, bytes) and b"Ticks: [" in frame

    def has_click_result(self, frame: str | bytes, count: int) -> bool:
        return isinstance(frame, bytes) and f"Clicks: [{count}]".encode() in frame


TABS: dict[str, type[Tab]] = {"rillet": RilletTab, "streamlit": StreamlitTab}
