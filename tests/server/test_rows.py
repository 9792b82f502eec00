"""Row requests over the websocket: answered from the kept table without a run; forged,
oversized and out-of-range requests are logged and answered with nothing."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest

from tests.conftest import LiveServer, run_async
from tests.server.test_websocket import Client, connect

TABLE_APP = """
import rillet as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
st.dataframe({"n": list(range(5000)), "sq": [i * i for i in range(5000)]})
st.text(f"runs={st.session_state.runs}")
"""


@pytest.fixture
def table_app(live_app: Any) -> LiveServer:
    return live_app(TABLE_APP)


async def _open(server: LiveServer) -> tuple[Any, Client, str]:
    ws = await connect(server)
    c = Client(ws)
    await c.hello()
    await c.until_run_finished()
    return ws, c, str(c.find("dataframe")["props"]["data_id"])


async def _next_frame(ws: Any) -> list[dict[str, Any]]:
    frame = json.loads(await asyncio.wait_for(ws.recv(), 5))
    assert isinstance(frame, list)
    return frame


async def _ask(ws: Any, **fields: Any) -> None:
    await ws.send(json.dumps({"type": "rows", "sort": None, **fields}))


async def _nothing_came_back(ws: Any) -> None:
    """A ping's pong is the very next frame: nothing was sent for what came before it."""
    await ws.send(json.dumps({"type": "ping"}))
    assert [m["type"] for m in await _next_frame(ws)] == ["pong"]


def test_rows_come_from_the_kept_table_without_a_run(table_app: LiveServer) -> None:
    async def go() -> None:
        ws, c, data_id = await _open(table_app)
        async with ws:
            assert c.find("dataframe")["props"]["total"] == 5000
            await _ask(ws, data_id=data_id, start=4000, end=4003)
            (page,) = await _next_frame(ws)
            assert page == {
                "type": "rows_page",
                "data_id": data_id,
                "start": 4000,
                "rows": [[4000, 16_000_000], [4001, 16_008_001], [4002, 16_016_004]],
                "total": 5000,
                "sort": None,
                "search": None,
            }
            await _ask(ws, data_id=data_id, start=0, end=2, sort=[1, "desc"])
            (page,) = await _next_frame(ws)
            assert page["rows"] == [[4999, 4999 * 4999], [4998, 4998 * 4998]]
            assert page["sort"] == [1, "desc"]
            await _nothing_came_back(ws)
            assert c.text() == "runs=1"

    run_async(go())


def test_a_large_range_is_capped_at_a_thousand_rows(table_app: LiveServer) -> None:
    async def go() -> None:
        ws, _, data_id = await _open(table_app)
        async with ws:
            await _ask(ws, data_id=data_id, start=100, end=5000)
            (page,) = await _next_frame(ws)
            assert len(page["rows"]) == 1000 and page["rows"][0][0] == 100

    run_async(go())


@pytest.mark.parametrize(
    ("fields", "warning"),
    [
        ({"start": 6000, "end": 6010}, "requested from a table of 5000 rows"),
        ({"start": 10, "end": 5}, "requested from a table of 5000 rows"),
        ({"start": 0, "end": 5, "sort": [9, "asc"]}, "a sort by an unknown column"),
        ({"data_id": "f" * 32, "start": 0, "end": 5}, "unknown table"),
    ],
    ids=["past the end", "backwards", "unknown sort column", "unknown table"],
)
def test_impossible_requests_are_logged_and_unanswered(
    table_app: LiveServer, caplog: Any, fields: dict[str, Any], warning: str
) -> None:
    async def go() -> None:
        ws, _, data_id = await _open(table_app)
        async with ws:
            with caplog.at_level(logging.WARNING, logger="rillet"):
                await _ask(ws, **{"data_id": data_id, **fields})
                await _nothing_came_back(ws)
            assert warning in caplog.text

    run_async(go())


@pytest.mark.parametrize(
    "frame",
    [
        '{"type": "rows", "data_id": "x", "start": -1, "end": 5}',
        '{"type": "rows", "data_id": "x", "start": 0, "end": 5, "sort": [0, "sideways"]}',
        '{"type": "rows", "data_id": "x", "start": 0, "end": 5, "sort": [-1, "asc"]}',
        '{"type": "rows", "data_id": "x", "start": "0", "end": 5}',
        '{"type": "rows", "data_id": "x", "start": 0, "end": 5, "extra": true}',
        '{"type": "rows", "data_id": "' + "a" * 100 + '", "start": 0, "end": 5}',
        '{"type": "rows", "data_id": "x", "start": 0}',
        '{"type": "rows_page", "data_id": "x", "start": 0, "rows": [], "total": 0}',
    ],
    ids=[
        "negative start",
        "unknown direction",
        "negative column",
        "string start",
        "unknown field",
        "long id",
        "no end",
        "server message",
    ],
)
def test_forged_row_requests_are_dropped_and_the_session_keeps_working(
    table_app: LiveServer, caplog: Any, frame: str
) -> None:
    async def go() -> None:
        ws, c, data_id = await _open(table_app)
        async with ws:
            with caplog.at_level(logging.WARNING, logger="rillet"):
                await ws.send(frame)
                await _nothing_came_back(ws)
            assert "invalid message" in caplog.text
            await _ask(ws, data_id=data_id, start=0, end=1)
            (page,) = await _next_frame(ws)
            assert page["rows"] == [[0, 0]]
            assert c.text() == "runs=1"

    run_async(go())
