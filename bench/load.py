"""Many simulated tabs against one worker, two workers behind nginx, and Streamlit.

Each tab (load_clients.py) speaks the framework's real websocket protocol, no browser: a
``run_every=1`` fragment ticked every second and a click every few seconds (random). For each
number of tabs N, on a freshly started server:

1. one warm tab per worker is opened and left idle: the baseline RSS then includes the
   imports and the first run;
2. N tabs connect (50 at a time) and get their first run; after ``--idle-s`` with no activity
   the RSS again: (RSS - baseline) / N is the **idle RSS per session**;
3. every tab ticks and clicks for ``--duration`` seconds: **click -> result latency** (p50,
   p99 over every click), the workers' **CPU time / wall time** (1.0 = one core busy), and
   the RSS growth per session under load.

Measured, never asserted. ``--quick`` tries it in about a minute; the full run takes about
15 minutes and loads both cores, so run it on a quiet machine.
Run: ``bench/.venv/bin/python bench/load.py [--quick]``. Results: bench/LOAD.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import platform
import random
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path

from load_clients import TABS, Tab
from load_cluster import WORKER_CONNECTIONS, Cluster
from servers import FRAMEWORKS, stop_all

HERE = Path(__file__).resolve().parent
APP = HERE / "apps" / "load_app.py"
OPEN_AT_ONCE = 50


@dataclass
class Level:
    """What one run at one number of tabs measured."""

    setup: str
    tabs: int
    opened: int = 0
    open_s: float = 0.0
    rss_base: int = 0
    rss_idle: int = 0
    rss_active: int = 0
    idle_cpu: float = 0.0  # CPU seconds per wall second while every tab idles
    cpu: float = 0.0  # workers' CPU seconds per wall second under load
    helper_cpu: float = 0.0  # nginx + Redis, same unit
    harness_cpu: float = 0.0  # this process, same unit
    latencies: list[float] = field(default_factory=list)
    clicks_unanswered: int = 0
    ticks_sent: int = 0
    ticks_answered: int = 0
    ticks_skipped: int = 0
    duration: float = 0.0  # the activity window plus the wait for its last answers
    window: float = 0.0  # the activity window: ticks were sent during it
    error: str = ""

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        values = sorted(self.latencies)
        return values[min(len(values) - 1, int(q * len(values)))] * 1000

    @property
    def idle_kib(self) -> float:
        return (self.rss_idle - self.rss_base) / max(1, self.opened) / 1024

    @property
    def active_kib(self) -> float:
        return (self.rss_active - self.rss_base) / max(1, self.opened) / 1024


async def open_tabs(kind: type[Tab], cluster: Cluster, n: int, rng: random.Random) -> list[Tab]:
    tabs: list[Tab] = []
    for start in range(0, n, OPEN_AT_ONCE):
        batch = [
            kind(cluster.url(), cluster.origin(), random.Random(rng.random()))
            for _ in range(min(OPEN_AT_ONCE, n - start))
        ]
        await asyncio.gather(*(tab.open() for tab in batch))
        tabs.extend(batch)
    return tabs


async def measure(cluster: Cluster, level: Level, args: argparse.Namespace) -> None:
    kind = TABS[cluster.framework.name]
    rng = random.Random(19)
    warm = [kind(cluster.url(w.port), cluster.origin(w.port), rng) for w in cluster.workers]
    for tab in warm:
        await tab.open()
    await asyncio.sleep(args.idle_s)
    level.rss_base = cluster.worker_rss()

    started = time.perf_counter()
    tabs = await open_tabs(kind, cluster, level.tabs, rng)
    level.open_s = time.perf_counter() - started
    level.opened = len(tabs)
    await asyncio.sleep(args.idle_s)
    cpu0, wall0 = cluster.worker_cpu(), time.perf_counter()
    await asyncio.sleep(args.idle_s)
    level.idle_cpu = (cluster.worker_cpu() - cpu0) / (time.perf_counter() - wall0)
    level.rss_idle = cluster.worker_rss()

    cpu0, helper0, own0 = cluster.worker_cpu(), cluster.helper_cpu(), time.process_time()
    wall0 = time.perf_counter()
    until = wall0 + args.duration
    await asyncio.gather(*(tab.act(until, args.click_every) for tab in tabs))
    # The last clicks' answers may take up to ANSWER_GRACE_S past the window: CPU is counted
    # over the whole time, ticks having stopped at its end.
    level.duration = time.perf_counter() - wall0
    level.window = args.duration
    level.cpu = (cluster.worker_cpu() - cpu0) / level.duration
    level.helper_cpu = (cluster.helper_cpu() - helper0) / level.duration
    level.harness_cpu = (time.process_time() - own0) / level.duration
    level.rss_active = cluster.worker_rss()
    for tab in tabs:
        level.latencies.extend(tab.latencies)
        level.clicks_unanswered += tab.unanswered_clicks
        level.ticks_sent += tab.ticks_sent
        level.ticks_answered += tab.ticks_answered
        level.ticks_skipped += tab.ticks_skipped
    await asyncio.gather(*(tab.close() for tab in tabs + warm), return_exceptions=True)


def run_async(coroutine: Coroutine[object, object, None]) -> None:
    """uvloop when installed (as uvicorn uses it): the harness's own overhead per frame is
    part of every latency it reports, so it should be as small as the server's."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(coroutine)
    else:
        uvloop.run(coroutine)


def run_level(framework: str, workers: int, n: int, args: argparse.Namespace, out: Path) -> Level:
    setup = f"{FRAMEWORKS[framework].title}, " + (
        "1 worker" if workers == 1 else f"{workers} workers + nginx + Redis"
    )
    if args.switch_interval_ms is not None:
        setup += f", GIL switch interval {args.switch_interval_ms:g} ms"
    level = Level(setup, n)
    print(f"{setup}: {n} tabs ...", flush=True)
    cluster = Cluster(
        FRAMEWORKS[framework],
        APP,
        out / f"{framework}-{workers}-{n}",
        workers,
        args.switch_interval_ms,
    )
    try:
        run_async(measure(cluster, level, args))
    except Exception as exc:  # a level that breaks is reported, the others still run
        level.error = f"{type(exc).__name__}: {exc}"[:200]
    finally:
        cluster.stop()
    print("   " + row(level), flush=True)
    return level


def row(level: Level) -> str:
    if level.error and not level.latencies:
        return f"| {level.setup} | {level.tabs} | failed: {level.error} |" + " |" * 8
    ticks = level.ticks_answered / level.window if level.window else 0.0
    cpu_ms = level.cpu / max(1, level.opened) * 1000
    return (
        f"| {level.setup} | {level.opened} | {level.pct(0.5):.1f} | {level.pct(0.99):.1f} "
        f"| {len(level.latencies)} / {level.clicks_unanswered} | {ticks:.0f} "
        f"({level.ticks_skipped} skipped) | {level.cpu:.2f} | {cpu_ms:.2f} "
        f"| {level.idle_kib:.0f} | {level.active_kib:.0f} "
        f"| {level.helper_cpu:.2f} / {level.harness_cpu:.2f} |"
    )


HEADER = (
    "| setup | tabs | click p50 ms | click p99 ms | clicks answered / not | ticks/s "
    "answered | worker CPU (cores) | CPU ms/s per tab | idle RSS KiB/tab | active RSS "
    "KiB/tab | nginx+Redis / harness CPU |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def report(levels: list[Level], args: argparse.Namespace, load: tuple[float, ...]) -> str:
    from importlib.metadata import version

    lines = [
        "# Load: many tabs on one worker, two workers behind nginx, and Streamlit",
        "",
        f"- {datetime.date.today().isoformat()}, {platform.system()} {platform.release()}, "
        f"{os.cpu_count()} CPUs; load average before: {' '.join(f'{x:.1f}' for x in load)}, "
        f"after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
        f"- Python {platform.python_version()}; rillet {version('rillet')}, "
        f"Streamlit {version('streamlit')}, websockets {version('websockets')}",
        f"- `{' '.join([Path(sys.executable).name, *sys.argv])}`: {args.duration:.0f} s of "
        f"activity per level, a tick per tab per second, a click every "
        f"{args.click_every[0]:g}-{args.click_every[1]:g} s per tab",
        f"- nginx: docs/deploy.md's configuration with worker_connections {WORKER_CONNECTIONS}",
        "",
        HEADER,
        *(row(level) for level in levels),
        "",
    ]
    return "\n".join(lines)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sessions", default="100,500,1000", help="numbers of tabs, comma-separated"
    )
    parser.add_argument("--frameworks", default="rillet,streamlit")
    parser.add_argument(
        "--workers", default="1,2", help="rillet worker counts (2 = behind nginx); Streamlit runs 1"
    )
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of activity")
    parser.add_argument("--idle-s", type=float, default=3.0)
    parser.add_argument("--click-every", type=float, nargs=2, default=(2.0, 6.0))
    parser.add_argument(
        "--quick",
        action="store_true",
        help="20 and 50 tabs, 8 s each, written to bench/out/load_quick.md",
    )
    parser.add_argument(
        "--switch-interval-ms",
        type=float,
        default=None,
        help="start the workers with this GIL switch interval (Python's default is 5 ms)",
    )
    parser.add_argument("--out", default=None, help="write the report here instead")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.sessions, args.duration = "20,50", 8.0
    return args


def main() -> int:
    args = parse_args()
    # Stopped from outside: leave through the finally blocks, which stop every server.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    load = os.getloadavg()
    levels: list[Level] = []
    try:
        with tempfile.TemporaryDirectory(prefix="rillet_load_") as tmp:
            for framework in args.frameworks.split(","):
                worker_counts = [int(w) for w in args.workers.split(",")]
                for workers in worker_counts if framework == "rillet" else [1]:
                    for n in (int(s) for s in args.sessions.split(",")):
                        levels.append(run_level(framework, workers, n, args, Path(tmp)))
    finally:
        stop_all()
    text = report(levels, args, load)
    print(text)
    if not args.no_write:
        target = (
            Path(args.out)
            if args.out
            else out / "load_quick.md"
            if args.quick
            else HERE / "LOAD.md"
        )
        target.write_text(text + RAW.format(raw="\n".join(raw(level) for level in levels)))
        print(f"written to {target}")
    return 0


RAW = "\n<details><summary>Raw numbers</summary>\n\n{raw}\n\n</details>\n"


def raw(level: Level) -> str:
    q = statistics.quantiles(level.latencies, n=100) if len(level.latencies) > 1 else []
    return (
        f"- {level.setup}, {level.tabs} tabs: opened {level.opened} in {level.open_s:.1f} s; "
        f"RSS base {level.rss_base / 2**20:.1f} MiB, idle {level.rss_idle / 2**20:.1f} MiB, "
        f"active {level.rss_active / 2**20:.1f} MiB; idle CPU {level.idle_cpu:.3f} cores; "
        f"ticks sent {level.ticks_sent}, answered {level.ticks_answered}; click p90 "
        f"{q[89] * 1000 if q else float('nan'):.1f} ms, max "
        f"{max(level.latencies, default=float('nan')) * 1000:.1f} ms"
        + (f"; error: {level.error}" if level.error else "")
    )


if __name__ == "__main__":
    sys.exit(main())
