"""Every caching test starts from empty caches in a private cache directory; Redis tests get
a real redis-server of their own on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import rillet as st
from rillet.caching import data, resource, settings, storage
from tests.conftest import free_port


@pytest.fixture(autouse=True)
def isolated_caches(tmp_path: Path) -> Iterator[Path]:
    """Caches empty, disk entries under tmp_path, no Redis (unless a test configures it)."""
    cache_dir = tmp_path / "rillet-cache"
    settings.configure(cache_dir=cache_dir, redis_url="")
    forget_all()
    yield cache_dir
    forget_all()
    settings.configure(redis_url="")


def forget_all() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()
    data.REGISTRY.forget()
    resource.REGISTRY.forget()


class FakeClock:
    """Time that moves only when a test says so."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Replace the clock every storage reads."""
    fake = FakeClock()
    monkeypatch.setattr(storage, "now", fake)
    return fake


class RedisServer:
    """A redis-server process of this test session, on 127.0.0.1."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    def client(self) -> Any:
        import redis

        return redis.Redis.from_url(self.url)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


def running_redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A real redis-server, stopped when the generator closes (a fixture's body: the test is
    skipped only when redis-server or the redis package is not installed)."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (scripts/test.sh installs it with apt-get)")
    pytest.importorskip("redis", reason="the redis package is missing: pip install -e '.[test]'")
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A real redis-server for the whole test session (skipped only when not installed)."""
    yield from running_redis(tmp_path_factory)


@pytest.fixture
def redis_url(redis_server: RedisServer) -> Iterator[str]:
    """cache_data shares entries through the test Redis, emptied before and after."""
    redis_server.client().flushall()
    settings.configure(redis_url=redis_server.url)
    yield redis_server.url
    redis_server.client().flushall()
    settings.configure(redis_url="")
