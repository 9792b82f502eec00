"""What a fragment rerun costs, with 30 and with 3,000 static elements around the fragment.

A fragment rerun should cost what the fragment costs, not what the app costs. This drives the
real runtime through AppTest (no browser), clicks a button inside the fragment N times, and
reports the median CPU time of one fragment rerun and the bytes it sends, for both apps.
Measured, never asserted. Run: ``/work/venv/bin/python bench/fragment_cost.py`` (any venv with
rillet installed).
"""

from __future__ import annotations

import statistics
import sys
import time

from rillet.protocol.codec import encode_batch
from rillet.testing import AppTest

APP = """
import rillet as st
for i in range(STATIC):
    st.markdown(f"Static paragraph **{i}** with some text.")
@st.fragment
def counter():
    st.session_state.n = st.session_state.get("n", 0)
    if st.button("Add"):
        st.session_state.n += 1
    st.metric("Clicks", st.session_state.n)
    for j in range(10):
        st.text(f"fragment line {j}")
counter()
"""


def measure(static: int, clicks: int) -> tuple[float, float, int]:
    """Click the fragment's button ``clicks`` times through the session, as the server does."""
    at = AppTest.from_string(APP.replace("STATIC", str(static)), default_timeout=60).run()
    session = at._session
    button = at.button[0].id  # looked up once: AppTest's page view is not part of a rerun
    fragment = session.state.widget_spec(button).fragment_id  # type: ignore[union-attr]
    cpu: list[float] = []
    wall: list[float] = []
    sizes: list[int] = []
    for i in range(clicks + 3):
        session.outbox.drain()
        # The runner thread does the work; this thread only waits, so the process clock
        # minus this thread's own clock is the rerun's CPU.
        p0, t0, w0 = time.process_time(), time.thread_time(), time.perf_counter()
        session.request_rerun([(button, True)], [fragment], full=False)
        session.wait_idle(60)
        p1, t1, w1 = time.process_time(), time.thread_time(), time.perf_counter()
        if i >= 3:  # warm-up
            cpu.append((p1 - p0) - (t1 - t0))
            wall.append(w1 - w0)
            sizes.append(len(encode_batch(session.outbox.drain())))
    median = statistics.median
    return median(cpu) * 1000, median(wall) * 1000, int(median(sizes))


def main() -> None:
    clicks = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    small = measure(30, clicks)
    large = measure(3000, clicks)
    rows = [
        ("server CPU per fragment rerun (median)", f"{small[0]:.2f} ms", f"{large[0]:.2f} ms",
         f"{large[0] / small[0]:.2f}"),
        ("wall time per fragment rerun (median)", f"{small[1]:.2f} ms", f"{large[1]:.2f} ms",
         f"{large[1] / small[1]:.2f}"),
        ("bytes sent per fragment rerun (median)", f"{small[2]} B", f"{large[2]} B",
         f"{large[2] / small[2]:.2f}"),
    ]
    print("| metric | 30 static elements | 3,000 static elements | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\n{clicks} clicks each, after 3 warm-up clicks; target: CPU ratio within 1.2.")


if __name__ == "__main__":
    main()
