"""What a rerun request costs the thread that makes it (the server's event loop).

Sessions of a small app get rerun requests one after the other from this thread, as the event
loop hands them on, while the runs of the earlier ones are going; each `request_rerun` call is
timed. Every session is idle when its request comes, so every request starts a run.
Before the pool of run threads each call that started a run also started a thread and waited
for it to be scheduled; with the pool it only queues the work. Measured, never asserted.

Run: ``.venv/bin/python bench/submit_cost.py [--sessions 200] [--rounds 20]``; to measure
another checkout, put its ``src`` first on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rillet.runtime.script import ScriptSource
from rillet.runtime.session import AppSession, SessionManager

APP = """
import rillet as st
st.title("Load")
for i in range(10):
    st.write(f"row {i}")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "app.py"
        script.write_text(APP)
        manager = SessionManager(ScriptSource(str(script)), ttl=0)
        sessions: list[AppSession] = []
        for _ in range(args.sessions):
            session, _ = manager.connect(None, lambda urgent: None)
            sessions.append(session)
        for session in sessions:
            session.wait_idle(30)
        took: list[float] = []
        began = time.perf_counter()
        for _ in range(args.rounds):
            for session in sessions:
                session.outbox.drain()
                start = time.perf_counter()
                session.request_rerun()
                took.append(time.perf_counter() - start)
            for session in sessions:  # every request of the next round starts a run
                session.wait_idle(60)
        for session in sessions:
            session.wait_idle(60)
        wall = time.perf_counter() - began
        runs = sum(s.runner.run_count for s in sessions) - len(sessions)
    took.sort()
    us = [t * 1e6 for t in took]
    print(
        f"{len(took)} requests from one thread ({args.sessions} sessions x {args.rounds}); "
        f"per call: median {statistics.median(us):.0f} us, p90 {us[int(0.9 * len(us))]:.0f} us, "
        f"p99 {us[int(0.99 * len(us))]:.0f} us, max {us[-1]:.0f} us; "
        f"{runs} runs in {wall:.2f} s; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
