"""The app menu's server action: "Clear caches" empties every function cache of the process.

The message is validated like any other; a malformed one is dropped and the session goes on.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from tests.conftest import LiveServer
from tests.server.test_websocket import Client, connect, run

CACHED_APP = """
import time
import rillet as st

@st.cache_data
def stamp() -> int:
    return time.perf_counter_ns()

@st.cache_resource
def resource() -> list[int]:
    return [time.perf_counter_ns()]

st.button("Again")
st.text(f"data={stamp()} resource={resource()[0]}")
"""


async def _next_notice(ws: Any) -> dict[str, Any]:
    async with asyncio.timeout(5):
        while True:
            for message in json.loads(await ws.recv()):
                if message["type"] == "notice":
                    return dict(message)


def test_clear_caches_empties_cache_data_and_cache_resource(live_app: Any) -> None:
    server: LiveServer = live_app(CACHED_APP)

    async def go() -> None:
        async with await connect(server) as ws:
            c = Client(ws)
            await c.hello()
            await c.until_run_finished()
            first = c.text()
            await c.rerun([{"id": c.find("button")["id"], "value": True}])
            await c.until_run_finished()
            assert c.text() == first, "cached between runs"

            await ws.send(json.dumps({"type": "clear_caches"}))
            assert await _next_notice(ws) == {
                "type": "notice",
                "level": "info",
                "text": "Caches cleared.",
            }
            await c.rerun([{"id": c.find("button")["id"], "value": True}])
            await c.until_run_finished()
            before = [int(part.split("=")[1]) for part in first.split()]
            after = [int(part.split("=")[1]) for part in c.text().split()]
            assert after[0] > before[0] and after[1] > before[1], "both caches computed again"

    run(go())


def test_malformed_clear_caches_is_dropped_and_caches_stay(live_app: Any, caplog: Any) -> None:
    server: LiveServer = live_app(CACHED_APP)

    async def go() -> None:
        async with await connect(server) as ws:
            c = Client(ws)
            await c.hello()
            await c.until_run_finished()
            first = c.text()
            with caplog.at_level(logging.WARNING, logger="rillet"):
                await ws.send(json.dumps({"type": "clear_caches", "all": True}))
                await c.rerun([{"id": c.find("button")["id"], "value": True}])
                seen = await c.until_run_finished()
            assert "invalid message" in caplog.text
            assert not [m for m in seen if m["type"] == "notice"]
            assert c.text() == first

    run(go())
