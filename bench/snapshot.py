"""What a session snapshot costs per run: CPU on the session's thread, bytes, and the write.

After each run rillet snapshots the session (runtime/snapshots.py): it pickles every
``session_state`` value and widget value, encodes and signs them. That work is done on the
session's worker thread once the browser has the run's end, so it costs server CPU but not
latency; this measures it for a typical ``session_state`` (a dozen scalars and strings, a
20-message chat history, a filter dict, six widgets) and for a heavier one (plus a
1,000-row list of records). The write itself happens on a writer thread: measured too, for
the in-process store and, when ``redis-server`` is installed, a real Redis.

Measured, never asserted. Run: ``.venv/bin/python bench/snapshot.py [--runs N]``.
Target from issue #19: <= 0.5 ms of server CPU per run for the typical session.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

from rillet.runtime.script import ScriptSource
from rillet.runtime.session import AppSession, SessionManager
from rillet.runtime.session_store import MemorySessionStore
from rillet.runtime.snapshots import Snapshots

TYPICAL = """
import rillet as st
ss = st.session_state
ss.setdefault("user", "ada@example.com")
ss.setdefault("count", 0)
ss.setdefault("ratio", 0.25)
ss.setdefault("flags", {"beta": True, "dark": False})
ss.setdefault("filters", {"region": ["EU", "US"], "year": 2024, "min": 10.5})
ss.setdefault("messages", [
    {"role": "user" if i % 2 else "assistant", "content": f"message {i} " * 8}
    for i in range(20)
])
for i in range(6):
    ss.setdefault(f"note_{i}", f"a short note number {i}")
st.text_input("Name", key="name")
st.slider("Level", 0, 100, 50)
st.selectbox("Region", ["EU", "US", "APAC"])
st.checkbox("Details")
st.number_input("Amount", value=3.5)
st.multiselect("Tags", ["a", "b", "c", "d"], default=["a"])
if st.button("Add"):
    ss.count += 1
"""

HEAVY = TYPICAL + """
ss.setdefault("rows", [{"id": i, "name": f"row {i}", "value": i * 0.5} for i in range(1000)])
"""

KEY = "k" * 43


def session_for(source: str, snapshots: Snapshots) -> AppSession:
    folder = tempfile.mkdtemp(prefix="rillet_bench_")
    path = os.path.join(folder, "app.py")
    with open(path, "w") as f:
        f.write(source)
    manager = SessionManager(ScriptSource(path), snapshots=snapshots)
    session, _ = manager.connect(None, lambda urgent: None, browser_key=KEY)
    assert session.wait_idle(30)
    return session


def capture_cost(snapshots: Snapshots, session: AppSession, runs: int) -> tuple[float, float, int]:
    """Median wall and mean CPU (thread) microseconds of one capture, and the blob size."""
    walls = []
    cpu_start = time.thread_time()
    size = 0
    for _ in range(runs):
        snapshots._last.pop(session.id, None)  # as if the run changed something
        start = time.perf_counter()
        blob = snapshots.capture(session)
        walls.append(time.perf_counter() - start)
        size = len(blob or b"")
    cpu = (time.thread_time() - cpu_start) / runs
    return statistics.median(walls) * 1e6, cpu * 1e6, size


def write_cost(store: Any, blob: bytes, runs: int) -> float:
    """Median microseconds of one store write (on the writer thread, not the session's)."""
    times = []
    for i in range(runs):
        start = time.perf_counter()
        store.put(f"bench-{i % 50}", blob, 60)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def start_redis() -> tuple[subprocess.Popen[bytes], str] | None:
    exe = shutil.which("redis-server")
    if exe is None:
        return None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.05)
    proc.terminate()
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    snapshots = Snapshots(MemorySessionStore(), "bench secret")
    print("| session | snapshot bytes | capture, median wall | capture, mean CPU | target |")
    print("| --- | ---: | ---: | ---: | --- |")
    blobs = {}
    for name, source in (("typical", TYPICAL), ("typical + 1,000 records", HEAVY)):
        session = session_for(source, snapshots)
        capture_cost(snapshots, session, 50)  # warm up
        wall, cpu, size = capture_cost(snapshots, session, args.runs)
        snapshots._last.pop(session.id, None)
        blobs[name] = snapshots.capture(session) or b""
        target = "<= 500 µs CPU" if name == "typical" else ""
        print(f"| {name} | {size:,} | {wall:.0f} µs | {cpu:.0f} µs | {target} |")
    blob = blobs["typical"]
    print()
    print("| store (writer thread) | write of the typical snapshot, median |")
    print("| --- | ---: |")
    print(f"| memory | {write_cost(MemorySessionStore(), blob, args.runs):.1f} µs |")
    redis = start_redis()
    if redis is not None:
        proc, url = redis
        try:
            from rillet.server.session_store import RedisSessionStore

            store = RedisSessionStore(url)
            print(f"| Redis (loopback) | {write_cost(store, blob, args.runs):.0f} µs |")
            store.close()
        finally:
            proc.terminate()
            proc.wait(5)
    print(f"\n{args.runs} captures each; python {sys.version.split()[0]}; {os.cpu_count()} cores.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
