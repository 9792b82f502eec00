"""Resuming a tab on another process through a real Redis session store, over the protocol.

Two servers in this process stand for two workers behind a load balancer: they share a Redis
and a session secret and nothing else.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import websockets

from tests.caching.conftest import RedisServer, running_redis
from tests.conftest import LiveServer, run_async, write_script
from tests.server.test_websocket import COUNTER_APP, Client

SECRET = "the workers' shared secret"
KEY = "k" * 43
OTHER_KEY = "z" * 43


@pytest.fixture(scope="module")
def redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    yield from running_redis(tmp_path_factory)


@pytest.fixture
def workers(redis: RedisServer) -> Iterator[Any]:
    """Start workers serving the counter app with the Redis session store."""
    redis.client().flushall()
    script = write_script(COUNTER_APP)
    started: list[LiveServer] = []

    def start(url: str = redis.url) -> LiveServer:
        server = LiveServer(script, session_store=url, session_secret=SECRET).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


async def open_tab(
    server: LiveServer, session_id: str | None = None, key: str = KEY, run: bool = True
) -> Any:
    """Connect as the browser holding session key ``key``; wait for the first run's end (or,
    with ``run=False``, only for the first frame: a resumed session does not run)."""
    headers = {"Origin": f"http://127.0.0.1:{server.port}", "Cookie": f"rillet_session_key={key}"}
    ws = await websockets.connect(server.ws_url, additional_headers=headers)
    client = Client(ws)
    await client.hello(session_id)
    if run:
        await client.until_run_finished()
    else:
        for message in json.loads(await ws.recv()):
            client.apply(message)
    return client


async def click_and_slide(client: Client) -> None:
    await client.rerun([{"id": client.find("button")["id"], "value": True}])
    await client.until_run_finished()
    await client.rerun([{"id": client.find("slider")["id"], "value": 8}])
    await client.until_run_finished()
    assert client.text() == "n=1 level=8"


def test_a_tab_resumes_on_another_worker(workers: Any) -> None:
    a, b = workers(), workers()

    async def go() -> None:
        tab = await open_tab(a)
        await click_and_slide(tab)
        await tab.ws.close()
        a.app.state.rillet.snapshots.flush()
        again = await open_tab(b, tab.session_id)
        assert again.resumed is True and again.session_id == tab.session_id
        assert again.text() == "n=1 level=8"
        await again.ws.close()

    run_async(go())


def test_an_id_replayed_by_another_browser_gets_a_fresh_session(workers: Any) -> None:
    a, b = workers(), workers()

    async def go() -> None:
        tab = await open_tab(a)
        await click_and_slide(tab)
        a.app.state.rillet.snapshots.flush()
        thief = await open_tab(b, tab.session_id, key=OTHER_KEY)
        assert thief.resumed is False and thief.session_id != tab.session_id
        assert thief.text() == "n=0 level=5"
        token = (tab.session_id or "").split(".")[0]
        forged = await open_tab(b, f"{token}.{'Q' * 22}")
        assert forged.resumed is False and forged.text() == "n=0 level=5"
        for ws in (tab.ws, thief.ws, forged.ws):
            await ws.close()

    run_async(go())


def test_a_restarted_process_resumes_a_refreshed_tab(workers: Any) -> None:
    first = workers()

    async def before() -> str:
        tab = await open_tab(first)
        await click_and_slide(tab)
        await tab.ws.close()
        return tab.session_id or ""

    session_id = run_async(before())
    first.stop()  # a graceful stop snapshots every session
    second = workers()

    async def after() -> None:
        tab = await open_tab(second, session_id)
        assert tab.resumed is True and tab.text() == "n=1 level=8"
        await tab.ws.close()

    run_async(after())


def test_redis_going_down_leaves_sessions_working(
    tmp_path: Path, workers: Any, caplog: pytest.LogCaptureFixture
) -> None:
    own = RedisServer(tmp_path)  # stopped by this test, so not the shared one
    try:
        a = workers(own.url)

        async def go() -> None:
            tab = await open_tab(a)
            await click_and_slide(tab)
            own.stop()
            with caplog.at_level(logging.WARNING, "rillet"):
                await tab.rerun([{"id": tab.find("button")["id"], "value": True}])
                await tab.until_run_finished()
                assert tab.text() == "n=2 level=8"
                a.app.state.rillet.snapshots.flush()
                await tab.ws.close()
                # The same process still holds the session: the tab resumes in memory (no
                # run: the page comes in the first frame).
                again = await open_tab(a, tab.session_id, run=False)
                assert again.resumed is True and again.text() == "n=2 level=8"
                await again.ws.close()
            assert "session store is unavailable" in caplog.text

        run_async(go())
    finally:
        own.stop()
