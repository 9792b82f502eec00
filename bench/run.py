"""Measure rillet and Streamlit side by side on one app, one framework after the other.

Run with ``bench/.venv/bin/python bench/run.py`` (after ``bench/setup.sh``). Prints a markdown
table and writes bench/RESULTS.md. Numbers are measured and reported, never asserted: the
exit status says only whether the measurement itself worked.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from probes import (
    FIRST_RENDER_JS,
    WATCH_TEXT_JS,
    FrameCounter,
    click_and_measure,
    first_render_epoch_s,
    launch_chromium,
    wait_quiet,
    wait_until_quiet,
)
from report import Measurements, environment, raw_samples, table
from servers import FRAMEWORKS, Framework, Server, stop_all

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
APP = BENCH_DIR / "apps" / "rerun300.py"
OUT_DIR = BENCH_DIR / "out"  # server logs; gitignored


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--clicks", type=int, default=20, help="measured clicks per framework (20)")
    p.add_argument("--warmup", type=int, default=2, help="unmeasured clicks first (2)")
    p.add_argument("--starts", type=int, default=7,
                   help="fresh server starts timed to first render (7)")
    p.add_argument("--tabs", type=int, default=20, help="extra tabs for memory per session (20)")
    p.add_argument("--quiet-ms", type=int, default=300,
                   help="a rerun is over once no frame arrived for this long (300)")
    p.add_argument("--idle-s", type=float, default=3.0,
                   help="seconds of idle before the memory and idle-CPU readings (3)")
    p.add_argument("--timeout-s", type=float, default=60.0,
                   help="limit for any single wait: server start, page load, one click (60)")
    p.add_argument("--frameworks", default="rillet,streamlit",
                   help="comma-separated, run in this order (rillet,streamlit)")
    p.add_argument("--results", type=Path, default=BENCH_DIR / "RESULTS.md",
                   help="where to write the report when both frameworks ran")
    p.add_argument("--no-write", action="store_true", help="print the table only")
    return p


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _new_tab(context: BrowserContext) -> tuple[Page, FrameCounter]:
    """A blank tab whose websocket frames are counted from its first navigation on."""
    page = context.new_page()
    counter = FrameCounter()
    counter.attach(page)
    return page, counter


def _show_app(page: Page, url: str, timeout_s: float) -> None:
    """Open the app and return once "Change" (its last element) is visible."""
    page.goto(url, timeout=timeout_s * 1000)
    page.get_by_role("button", name="Change").wait_for(state="visible", timeout=timeout_s * 1000)


def measure(framework: Framework, browser: Browser, args: argparse.Namespace,
            home: Path) -> Measurements:
    """Every measurement for one framework; its servers are stopped before returning."""
    m = Measurements(framework.title)
    quiet_s = args.quiet_ms / 1000
    contexts: list[BrowserContext] = []
    server: Server | None = None
    try:
        # 1. Process start → first render, on fresh servers and fresh browser contexts (empty
        #    HTTP cache), each clock started on a quiet machine. The last server stays up.
        for i in range(args.starts):
            context = browser.new_context()
            context.add_init_script(FIRST_RENDER_JS)
            contexts.append(context)
            page, counter = _new_tab(context)  # the tab exists before the clock starts
            waited, quiet = wait_until_quiet()
            server = Server(framework, APP, OUT_DIR / f"{framework.name}-{i}.log", home)
            ready = server.wait_ready(args.timeout_s)
            rss_started = server.rss_bytes()
            # Playwright does not poll the page while it renders: its locator queries compute
            # roles over the whole DOM on the renderer's main thread, which would slow the
            # render being timed. The page times itself; the locator only checks afterwards.
            page.goto(server.url, timeout=args.timeout_s * 1000)
            painted = first_render_epoch_s(page, args.timeout_s)
            page.get_by_role("button", name="Change").wait_for(timeout=args.timeout_s * 1000)
            m.ready_s.append(ready - server.started_at)
            m.starts_s.append(painted - server.started_epoch)
            wait_quiet(page, counter, quiet_s, args.timeout_s)
            m.first_render_bytes.append(counter.received_bytes)
            state = "quiet" if quiet else "still busy"
            _log(f"{framework.title}: start {i + 1}/{args.starts} (after {waited:.1f} s, {state} "
                 f"machine): first render {m.starts_s[-1]:.2f} s "
                 f"({counter.received_bytes} B over the websocket)")
            if i < args.starts - 1:
                context.close()
                contexts.remove(context)
                server.stop()
                server = None
        assert server is not None
        m.rss_started = rss_started

        # 2. Idle CPU, then clicks: latency, frames and bytes per click, CPU over the batch.
        page.evaluate(WATCH_TEXT_JS)
        page.get_by_text("Clicks: [0]", exact=True).wait_for(timeout=args.timeout_s * 1000)
        cpu0, t0 = server.cpu_seconds(), time.perf_counter()
        page.wait_for_timeout(args.idle_s * 1000)
        m.idle_cpu_ms_per_s = (server.cpu_seconds() - cpu0) * 1000 / (time.perf_counter() - t0)
        rillet = framework.name == "rillet"
        clicks = 0
        for _ in range(args.warmup):
            clicks += 1
            click_and_measure(page, counter, f"Clicks: [{clicks}]", rillet=rillet,
                              quiet_s=quiet_s, timeout_s=args.timeout_s)
        cpu0 = server.cpu_seconds()
        for _ in range(args.clicks):
            clicks += 1
            sample = click_and_measure(page, counter, f"Clicks: [{clicks}]", rillet=rillet,
                                       quiet_s=quiet_s, timeout_s=args.timeout_s)
            m.latency_ms.append(sample.latency_ms)
            m.rerun_frames.append(sample.frames)
            m.rerun_bytes.append(sample.received_bytes)
            m.rerun_frame_sizes.append(sample.sizes)
            m.unsettled_clicks += not sample.settled
        m.cpu_per_rerun_ms = (server.cpu_seconds() - cpu0) * 1000 / max(args.clicks, 1)
        _log(f"{framework.title}: {args.clicks} clicks measured "
             f"({m.cpu_per_rerun_ms:.1f} ms of server CPU per rerun)")

        # 3. Memory per idle session: the warm server with one idle tab, then `tabs` more.
        page.wait_for_timeout(args.idle_s * 1000)
        m.rss_base = server.rss_bytes()
        tabs_context = browser.new_context()
        contexts.append(tabs_context)
        for _ in range(args.tabs):
            _show_app(tabs_context.new_page(), server.url, args.timeout_s)
        page.wait_for_timeout(args.idle_s * 1000)
        m.rss_tabs = server.rss_bytes()
        m.tabs = args.tabs
        _log(f"{framework.title}: {args.tabs} tabs opened")
        return m
    finally:
        for context in contexts:
            try:
                context.close()
            except Exception as exc:  # the server must be stopped whatever the browser did
                _log(f"closing a browser context failed: {exc}")
        if server is not None:
            server.stop()


def _command_line(argv: Sequence[str]) -> str:
    python = os.path.relpath(sys.executable, REPO_DIR)
    script = os.path.relpath(__file__, REPO_DIR)
    return shlex.join([python, script, *argv])


def _report(results: dict[str, Measurements], args: argparse.Namespace, chromium: str,
            argv: Sequence[str], load_before: tuple[float, ...]) -> str:
    r, s = results["rillet"], results["streamlit"]
    return "\n".join([
        "# rillet and Streamlit, side by side",
        "",
        "Measured, not asserted. What each number means: [README.md](README.md). "
        "Generated by bench/run.py; rerun it rather than editing this file.",
        "",
        f"- Command (from the repository root): `{_command_line(argv)}`",
        *environment(chromium, load_before, os.getloadavg()),
        f"- App: `bench/apps/rerun300.py` (300 elements; one text changes per click). "
        f"{args.clicks} measured clicks after {args.warmup} warm-up clicks; "
        f"{args.starts} fresh starts; {args.tabs} extra tabs; a rerun ends "
        f"{args.quiet_ms} ms after its last frame.",
        "",
        table(r, s),
        "",
        "Targets are from the issue: at most 1 KB per rerun, in one frame; server CPU and "
        "latency per rerun at most 1/7 of Streamlit's; memory per session no more than "
        "Streamlit's; first render within 1 s. Rows in italics give context.",
        "",
        "## Raw samples",
        "",
        *raw_samples(r),
        *raw_samples(s),
        "",
    ])


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # Stop the servers here rather than rely on unwinding: the signal may arrive while
    # Playwright's event-loop greenlet runs, and its finally blocks may never be reached.
    stop_all()
    raise SystemExit(128 + signum)


def _compile_rillet() -> None:
    """Byte-compile rillet's sources, as installing a wheel does.

    bench/.venv holds an editable install of this checkout, whose modules are compiled on
    first import only if the environment allows writing bytecode; Streamlit's wheel came
    compiled. Without this, every timed start of rillet would compile the modules missing a
    cached .pyc (PYTHONDONTWRITEBYTECODE is set on some machines).
    """
    import compileall

    compileall.compile_dir(REPO_DIR / "src" / "rillet", quiet=1)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(argv)
    names = [n.strip() for n in args.frameworks.split(",") if n.strip()]
    unknown = [n for n in names if n not in FRAMEWORKS]
    if unknown or not names:
        print(f"run.py: unknown frameworks {unknown}; choose from {sorted(FRAMEWORKS)}",
              file=sys.stderr)
        return 2
    if min(args.clicks, args.starts) < 1 or min(args.warmup, args.tabs) < 0:
        print("run.py: --clicks and --starts must be at least 1", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    OUT_DIR.mkdir(exist_ok=True)
    _compile_rillet()
    load_before = os.getloadavg()
    if load_before[0] > 1.0:
        _log(f"load average {load_before[0]:.2f}: other work is running, timings will be noisy")
    results: dict[str, Measurements] = {}
    with tempfile.TemporaryDirectory(prefix="bench-home-") as home, sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            chromium = browser.version
            for name in names:
                _log(f"measuring {FRAMEWORKS[name].title}")
                results[name] = measure(FRAMEWORKS[name], browser, args, Path(home))
        finally:
            browser.close()
    if {"rillet", "streamlit"} <= results.keys():
        report = _report(results, args, chromium, argv, load_before)
        print(report)
        if not args.no_write:
            args.results.write_text(report, encoding="utf-8")
            _log(f"wrote {args.results}")
    else:
        for m in results.values():
            print("\n".join(raw_samples(m)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
