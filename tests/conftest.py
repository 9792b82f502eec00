"""Shared fixtures: a live rillet server in a thread, and Chromium for Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

# Scripts under test import pandas and numpy; importing them once here keeps a cold first
# import (seconds on a fresh CI machine) out of the 3 s AppTest timeouts.
try:
    import numpy  # noqa: F401
    import pandas  # noqa: F401
except ImportError:  # the [data] libraries are optional
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """A rillet app served by uvicorn in a background thread."""

    def __init__(self, script_path: str, **config: Any) -> None:
        import uvicorn

        from rillet.config import Config
        from rillet.server import create_app
        from rillet.server.app import websocket_protocol

        self.port = free_port()
        self.config = Config(port=self.port, headless=True, **{"watch": False, **config})
        self.app = create_app(script_path, self.config)
        self.server = uvicorn.Server(
            uvicorn.Config(
                self.app,
                host="127.0.0.1",
                port=self.port,
                log_level="warning",
                ws_max_size=self.config.transport_limit,
                ws=websocket_protocol(),
                lifespan="on",
            )
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_rillet/ws"

    @property
    def manager(self) -> Any:
        return self.app.state.rillet.manager

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(5)


def write_script(source: str, directory: str | None = None) -> str:
    directory = directory or tempfile.mkdtemp(prefix="rillet_test_")
    path = os.path.join(directory, "app.py")
    with open(path, "w") as f:
        f.write(textwrap.dedent(source))
    return path


@contextmanager
def serve(source: str, **config: Any) -> Iterator[LiveServer]:
    """Serve ``source`` (a script) for the duration of the block."""
    server = LiveServer(write_script(source), **config).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def live_app() -> Iterator[Callable[..., LiveServer]]:
    """Call with a script's source to serve it; stopped after the test."""
    servers: list[LiveServer] = []

    def start(source: str, **config: Any) -> LiveServer:
        server = LiveServer(write_script(source), **config).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium: Playwright cannot download its own browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": shutil.which("chromium") or shutil.which("chromium-browser"),
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def run_async(coro: Any) -> Any:
    """Run a coroutine to completion in its own thread and loop.

    Playwright's sync API keeps an event loop running in the main thread once a browser test
    ran, so plain ``asyncio.run`` would refuse to start there.
    """
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.fixture(autouse=True)
def _default_upload_limit() -> Iterator[None]:
    """Put the process-wide upload limit back after each test: `create_app` sets it from its
    config, so a test serving an app with a small limit would otherwise shrink it for every
    test after it."""
    yield
    from rillet.elements import filestore

    filestore.set_max_upload_size(filestore.DEFAULT_MAX_UPLOAD_SIZE_MB)
