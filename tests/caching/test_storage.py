"""Storage backends: one contract for memory, disk and Redis; then what each adds."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import rillet as st
from rillet.caching import data
from rillet.caching.disk import DiskStorage
from rillet.caching.storage import MemoryStorage, Storage, TieredStorage
from tests.caching.conftest import FakeClock, RedisServer

Factory = Callable[..., Storage]


@pytest.fixture(params=["memory", "disk", "redis"])
def make_storage(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Factory]:
    """Builds a storage of one kind (namespaced, so two made in one test are apart)."""
    kind = request.param
    if kind == "memory":
        yield lambda namespace="ns", **kw: MemoryStorage(**kw)
    elif kind == "disk":
        yield lambda namespace="ns", **kw: DiskStorage(tmp_path, namespace, **kw)
    else:
        server: RedisServer = request.getfixturevalue("redis_server")
        from rillet.caching.redis_storage import RedisStorage

        client = server.client()
        client.flushall()
        yield lambda namespace="ns", **kw: RedisStorage(client, namespace, **kw)
        client.flushall()


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_set_get_delete(make_storage: Factory) -> None:
    s = make_storage()
    assert s.get("k") is None
    s.set("k", b"value")
    hit = s.get("k")
    assert hit is not None and hit.value == b"value" and hit.expires_at is None
    s.set("k", b"other")
    assert s.get("k").value == b"other"  # type: ignore[union-attr]
    s.delete("k")
    s.delete("k")
    assert s.get("k") is None


def test_clear_empties_only_its_own_namespace(make_storage: Factory) -> None:
    a, b = make_storage("a"), make_storage("b")
    a.set("k", b"1")
    b.set("k", b"2")
    a.clear()
    assert a.get("k") is None
    assert b.get("k").value == b"2"  # type: ignore[union-attr]


def test_ttl_expires_entries(make_storage: Factory) -> None:
    s = make_storage()
    s.set("short", b"x", ttl=0.3)
    s.set("long", b"y", ttl=60)
    hit = s.get("short")
    assert hit is not None and hit.expires_at is not None
    assert wait_until(lambda: s.get("short") is None)
    assert s.get("long") is not None


def test_size_counts_the_bytes_held(make_storage: Factory) -> None:
    s = make_storage()
    s.set("a", b"x" * 100)
    s.set("b", b"x" * 50)
    assert s.size == 150
    s.delete("a")
    assert s.size == 50


def test_max_entries_drops_the_least_recently_used(make_storage: Factory) -> None:
    s = make_storage(max_entries=2)
    s.set("a", b"1")
    time.sleep(0.01)  # disk orders by modification time
    s.set("b", b"2")
    time.sleep(0.01)
    s.get("a")
    time.sleep(0.01)
    s.set("c", b"3")
    assert s.get("b") is None
    assert s.get("a") is not None and s.get("c") is not None


def test_max_size_drops_the_least_recently_used(make_storage: Factory) -> None:
    s = make_storage(max_size=250)
    for key in ("a", "b", "c"):
        s.set(key, b"x" * 100)
        time.sleep(0.01)
    assert s.get("a") is None
    assert s.get("b") is not None and s.get("c") is not None
    assert s.size <= 250


def test_memory_storage_with_a_fake_clock(clock: FakeClock) -> None:
    released: list[bytes] = []
    s: MemoryStorage[bytes] = MemoryStorage(on_evict=released.append)
    s.set("k", b"v", ttl=10)
    clock.advance(9.9)
    assert s.get("k") is not None
    clock.advance(0.2)
    assert s.get("k") is None
    assert released == [b"v"] and len(s) == 0 and s.size == 0


def test_memory_storage_keeps_one_oversized_value_alone(
    caplog: pytest.LogCaptureFixture,
) -> None:
    s: MemoryStorage[bytes] = MemoryStorage(max_size=10)
    s.set("small", b"12345")
    s.set("big", b"x" * 50)
    assert s.keys() == ["big"]
    assert "larger than max_size" in caplog.text
    s.set("small", b"12345")
    assert s.keys() == ["small"]


def test_disk_entries_survive_a_new_storage_object(tmp_path: Path) -> None:
    DiskStorage(tmp_path, "ns").set("k", b"kept", ttl=3600)
    hit = DiskStorage(tmp_path, "ns").get("k")
    assert hit is not None and hit.value == b"kept"


def test_disk_ignores_foreign_or_truncated_files(tmp_path: Path) -> None:
    s = DiskStorage(tmp_path, "ns")
    s.set("k", b"value")
    (tmp_path / "ns" / "k.entry").write_bytes(b"garbage")
    assert s.get("k") is None
    (tmp_path / "ns" / "k.entry").write_bytes(b"")
    assert s.get("k") is None


def test_disk_refuses_keys_that_are_paths(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        DiskStorage(tmp_path, "..")
    with pytest.raises(ValueError):
        DiskStorage(tmp_path, "ns").get("../escape")


def test_tiered_storage_copies_hits_to_memory_with_their_expiry(
    tmp_path: Path, clock: FakeClock
) -> None:
    disk = DiskStorage(tmp_path, "ns")
    disk.set("k", b"v", ttl=100)
    tiered = TieredStorage(MemoryStorage(), DiskStorage(tmp_path, "ns"))
    clock.advance(60)
    assert tiered.get("k") is not None
    assert "k" in tiered.front
    clock.advance(41)  # past the disk entry's expiry, not 100 s after the copy
    assert tiered.get("k") is None


def test_cache_data_uses_redis_when_configured(redis_url: str) -> None:
    calls: list[int] = []

    @st.cache_data(ttl=60)
    def load(n: int) -> dict[str, int]:
        calls.append(n)
        return {"n": n}

    assert load(1) == {"n": 1}
    data.REGISTRY.forget()  # no memory left in this process: the hit comes from Redis
    assert load(1) == {"n": 1}
    assert calls == [1]
    import redis

    keys = redis.Redis.from_url(redis_url).keys("rillet:cache:*")
    assert len(keys) == 1
    load.clear(1)
    assert load(1) == {"n": 1} and calls == [1, 1]
    st.cache_data.clear()
    assert redis.Redis.from_url(redis_url).keys("rillet:cache:*") == []


def test_unreachable_redis_means_computing(caplog: pytest.LogCaptureFixture) -> None:
    pytest.importorskip("redis")
    from rillet.caching import settings
    from tests.conftest import free_port

    settings.configure(redis_url=f"redis://127.0.0.1:{free_port()}/0")
    calls: list[int] = []

    @st.cache_data
    def load() -> int:
        calls.append(1)
        return 7

    assert load() == 7 and load() == 7
    assert calls == [1, 1]
    assert "Redis cache storage unavailable" in caplog.text


SHARED_APP = """
import os
import rillet as st

@st.cache_data(ttl=4)
def answer(question):
    with open(os.environ["COMPUTED_LOG"], "a") as log:
        log.write(f"{os.getpid()}\\n")
    return 42

st.text(f"answer={answer('life')}")
"""

DRIVER = """
import sys
from rillet.testing import AppTest
at = AppTest.from_file(sys.argv[1]).run(timeout=30)
print(at.text[0].value)
"""


def test_two_processes_share_an_entry_and_its_ttl_through_redis(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    """Two rillet processes, one Redis: the second finds what the first computed, both see
    it expire at the same moment, and the next process computes it again."""
    client = redis_server.client()
    client.flushall()
    script = tmp_path / "shared_app.py"
    script.write_text(SHARED_APP)
    computed = tmp_path / "computed.log"
    env = {
        **os.environ,
        "RILLET_CACHE_REDIS_URL": redis_server.url,
        "COMPUTED_LOG": str(computed),
        "RILLET_CACHE_DIR": str(tmp_path / "disk"),
    }

    def run_process() -> str:
        out = subprocess.run(
            [sys.executable, "-c", DRIVER, str(script)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    def computations() -> list[str]:
        return computed.read_text().split() if computed.exists() else []

    def remaining_ttl() -> int:
        keys = [k for k in client.keys("rillet:cache:*") if not k.endswith((b"~lru", b"~sizes"))]
        assert len(keys) == 1
        return int(client.pttl(keys[0]))

    assert run_process() == "answer=42"
    assert len(computations()) == 1
    ttl_after_first = remaining_ttl()
    assert 0 < ttl_after_first <= 4000

    assert run_process() == "answer=42"  # another process: a hit from Redis
    assert len(computations()) == 1
    assert 0 < remaining_ttl() <= ttl_after_first  # the hit did not extend the entry

    assert wait_until(lambda: not client.keys("rillet:cache:*"), timeout=10)
    assert run_process() == "answer=42"  # expired for every process: computed again
    first, again = computations()
    assert first != again  # by two different processes


def test_redis_entries_are_readable_by_any_storage_object(redis_server: RedisServer) -> None:
    from rillet.caching.redis_storage import RedisStorage

    client = redis_server.client()
    client.flushall()
    RedisStorage(client, "ns").set("k", b"v", ttl=30)
    hit: Any = RedisStorage(redis_server.client(), "ns").get("k")
    assert hit.value == b"v" and hit.expires_at > time.time() + 25
