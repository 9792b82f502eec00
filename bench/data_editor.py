"""Data grids side by side: scrolling a 1,000,000-row ``st.dataframe`` from top to bottom, and
editing one cell of a 100,000-row ``st.data_editor``.

Run with ``bench/.venv/bin/python bench/data_editor.py`` (after ``bench/setup.sh``; about two
minutes). Prints a markdown table and writes bench/DATA_EDITOR.md. Measured, never asserted.

- **scroll** (median of ``--scrolls`` runs): the page shows ``apps/million_rows.py`` (a 400 px
  high grid); the mouse wheel scrolls it from the top to the bottom in ``--steps`` equal
  steps, one per animation frame.
  A ``requestAnimationFrame`` loop in the page records every frame; frames that took over
  50 ms are counted (and long tasks, by PerformanceObserver). Also the websocket bytes the
  page received while scrolling (rillet fetches the rows it shows; Streamlit has sent the
  whole frame before the first paint, counted separately as the first load's bytes).
- **edit**: the page shows ``apps/editor_100k.py`` (its frame cached with ``cache_data``, so
  an edit costs the framework's work, not the app's); ``--edits`` cells are edited one after
  the other, each waiting for its rerun to show ("Edited cells: [n]"). Websocket payload
  bytes both ways and server CPU (user + system of the server process) over all edits,
  divided by the edits. Both are edited in their grid as a user would: click the cell, type
  the number, Enter. The edits take seconds of typing and pauses, in which a server spends
  its idle CPU; the server's CPU over as long again with the page open and nothing done is
  measured and taken off ("less idle"), and shown per second.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from probes import FrameCounter, launch_chromium, wait_until_quiet
from report import environment
from servers import FRAMEWORKS, Framework, Server, stop_all

BENCH_DIR = Path(__file__).resolve().parent
MILLION_APP = BENCH_DIR / "apps" / "million_rows.py"
EDITOR_APP = BENCH_DIR / "apps" / "editor_100k.py"
OUT_DIR = BENCH_DIR / "out"

# The scrolling element of each framework's grid.
SCROLLER = {"rillet": ".rillet-grid", "streamlit": "[data-testid=stDataFrame] .dvn-scroller"}

# Every animation frame's time, and the long tasks, from the moment it is armed.
FRAME_RECORDER_JS = """
(() => {
  window.__frames = [];
  window.__longtasks = 0;
  try {
    new PerformanceObserver((list) => { window.__longtasks += list.getEntries().length; })
      .observe({ type: "longtask", buffered: false });
  } catch (e) {}
  window.__recording = false;
  const tick = (t) => {
    if (window.__recording) window.__frames.push(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


@dataclass
class Scroll:
    """One scroll from top to bottom."""

    steps: int = 0
    frames: int = 0
    slow_frames: int = 0  # frames that took over 50 ms
    longest_ms: float = 0.0
    longtasks: int = 0
    seconds: float = 0.0
    received_bytes: int = 0  # websocket bytes while scrolling
    load_bytes: int = 0  # websocket bytes from opening the page to the grid shown
    reached_bottom: bool = False
    all_slow: list[int] = field(default_factory=list)  # slow frames of every run


@dataclass
class Edits:
    """``count`` cell edits, each waited for."""

    count: int = 0
    sent_bytes: int = 0
    received_bytes: int = 0
    cpu_s: float = 0.0
    seconds: float = 0.0  # wall time of the edits
    idle_cpu_s: float = 0.0  # server CPU over as long with the page open and nothing done

    @property
    def bytes_per_edit(self) -> float:
        return (self.sent_bytes + self.received_bytes) / max(self.count, 1)

    @property
    def cpu_ms_per_edit(self) -> float:
        return self.cpu_s * 1000 / max(self.count, 1)

    @property
    def net_cpu_ms_per_edit(self) -> float:
        """The CPU the edits added: less what the server spends idle over as long."""
        return max(0.0, self.cpu_s - self.idle_cpu_s) * 1000 / max(self.count, 1)


def _log(message: str) -> None:
    print(f"[data_editor {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _size(payload: str | bytes) -> int:
    return len(payload) if isinstance(payload, bytes) else len(payload.encode("utf-8"))


def measure_scroll(framework: Framework, browser: Browser, steps: int, home: Path) -> Scroll:
    """Scroll the million-row grid from top to bottom with the mouse wheel."""
    out = Scroll(steps=steps)
    wait_until_quiet()
    server = Server(framework, MILLION_APP, OUT_DIR / f"grid-scroll-{framework.name}.log", home)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        server.wait_ready()
        context.add_init_script(FRAME_RECORDER_JS)
        page = context.new_page()
        counter = FrameCounter()
        counter.attach(page)
        page.goto(server.url)
        scroller = page.locator(SCROLLER[framework.name]).first
        scroller.wait_for(timeout=120_000)
        if framework.name == "rillet":
            page.get_by_text("row-3", exact=True).first.wait_for(timeout=60_000)
        # Streamlit draws on a canvas: nothing to wait on but time, after its grid appeared.
        page.wait_for_timeout(1000 if framework.name == "rillet" else 3000)
        out.load_bytes = counter.received_bytes
        height = float(scroller.evaluate("s => s.scrollHeight - s.clientHeight"))
        box = scroller.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        step = height / steps + 1
        counter.reset()
        page.evaluate(
            "() => { window.__frames = []; window.__longtasks = 0; window.__recording = true; }")
        t0 = time.monotonic()
        for _ in range(steps):
            page.mouse.wheel(0, step)
            page.evaluate("() => new Promise((r) => requestAnimationFrame(() => r(null)))")
        page.wait_for_timeout(500)  # the last rows arrive and are drawn
        out.seconds = time.monotonic() - t0
        page.evaluate("() => { window.__recording = false; }")
        frames = [float(t) for t in page.evaluate("() => window.__frames")]
        deltas = [b - a for a, b in itertools.pairwise(frames)]
        out.frames = len(deltas)
        out.slow_frames = sum(1 for d in deltas if d > 50)
        out.longest_ms = max(deltas, default=0.0)
        out.longtasks = int(page.evaluate("() => window.__longtasks"))
        out.received_bytes = counter.received_bytes
        out.reached_bottom = bool(scroller.evaluate(
            "s => s.scrollTop + s.clientHeight >= s.scrollHeight - 2"))
        if framework.name == "rillet":
            page.get_by_role("gridcell", name="row-999999", exact=True).wait_for(timeout=10_000)
        _log(f"{framework.title}: scroll {out.frames} frames, {out.slow_frames} over 50 ms "
             f"(longest {out.longest_ms:.0f} ms), {out.longtasks} long tasks, "
             f"{out.received_bytes} B while scrolling, {out.load_bytes} B to load")
    finally:
        context.close()
        server.stop()
    return out


def median_scroll(runs: list[Scroll]) -> Scroll:
    """The run with the median count of slow frames (its other figures with it)."""
    ordered = sorted(runs, key=lambda r: (r.slow_frames, r.longest_ms))
    chosen = ordered[len(ordered) // 2]
    chosen.all_slow = [r.slow_frames for r in runs]
    return chosen


def _shown(page: Page, count: int) -> None:
    try:
        page.get_by_text(f"Edited cells: [{count}]").wait_for(timeout=30_000)
    except Exception:
        page.screenshot(path=str(OUT_DIR / f"grid-edit-{count}.png"))
        raise


def measure_edits(framework: Framework, browser: Browser, edits: int, home: Path) -> Edits:
    """Edit ``edits`` cells of the 100,000-row editor, one after the other."""
    out = Edits(count=edits)
    wait_until_quiet()
    server = Server(framework, EDITOR_APP, OUT_DIR / f"grid-edit-{framework.name}.log", home)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sent: list[int] = []
    received: list[int] = []
    try:
        server.wait_ready()
        page = context.new_page()
        page.on("websocket", lambda ws: (
            ws.on("framesent", lambda p: sent.append(_size(p))),
            ws.on("framereceived", lambda p: received.append(_size(p)))))
        page.goto(server.url)
        _shown(page, 0)
        page.wait_for_timeout(1500)
        box = page.locator("[data-testid=stDataFrame]" if framework.name == "streamlit"
                           else ".rillet-grid").first.bounding_box()
        assert box is not None
        sent.clear()
        received.clear()
        cpu0 = server.cpu_seconds()
        t0 = time.monotonic()
        for n in range(edits):
            value = 700 + n
            if framework.name == "rillet":
                target = page.locator(f'[role="row"][aria-rowindex="{n + 2}"] [aria-colindex="1"]')
                target.click()
            else:
                # Row n's "value" cell, drawn on a canvas: below the 35 px header, 35 px rows.
                page.mouse.click(box["x"] + 60, box["y"] + 35 + 35 * n + 17)
            # Streamlit's grid needs a moment to select the cell, then to open its editor;
            # both frameworks get the same pauses (they cost no server CPU).
            page.wait_for_timeout(300)
            page.keyboard.type(str(value), delay=60)
            page.wait_for_timeout(300)
            page.keyboard.press("Enter")
            _shown(page, n + 1)
        page.wait_for_timeout(300)
        out.cpu_s = server.cpu_seconds() - cpu0
        out.seconds = time.monotonic() - t0
        out.sent_bytes = sum(sent)
        out.received_bytes = sum(received)
        # Most of the edits' wall time is typing and pauses, when a server spends its idle
        # CPU (timers, keep-alives): measured as long again with nothing done, and taken off.
        idle0 = server.cpu_seconds()
        page.wait_for_timeout(out.seconds * 1000)
        out.idle_cpu_s = server.cpu_seconds() - idle0
        _log(f"{framework.title}: {edits} edits in {out.seconds:.1f} s, {out.sent_bytes} B sent, "
             f"{out.received_bytes} B received, server CPU {out.cpu_s:.3f} s "
             f"(idle as long: {out.idle_cpu_s:.3f} s)")
    finally:
        context.close()
        server.stop()
    return out


def _ratio(r: float, s: float) -> str:
    return f"{r / s:.3f}" if s else "—"


def table(scrolls: dict[str, Scroll], edits: dict[str, Edits]) -> str:
    """The markdown table of both frameworks, with rillet/Streamlit ratios."""
    r, s = scrolls.get("rillet"), scrolls.get("streamlit")
    er, es = edits.get("rillet"), edits.get("streamlit")
    lines = ["| metric | rillet | Streamlit | ratio | target |", "|---|---:|---:|---:|---|"]

    def row(label: str, rv: float | None, sv: float | None, fmt: str, target: str) -> None:
        lines.append(f"| {label} | {fmt.format(rv) if rv is not None else '—'} | "
                     f"{fmt.format(sv) if sv is not None else '—'} | "
                     f"{_ratio(rv, sv) if rv is not None and sv is not None else '—'} | {target} |")

    row("1M rows: frames over 50 ms while scrolling top → bottom", r and r.slow_frames,
        s and s.slow_frames, "{}", "0")
    lines.append(f"| 1M rows: frames over 50 ms, every run | {r.all_slow if r else '—'} | "
                 f"{s.all_slow if s else '—'} | — | |")
    row("1M rows: frames drawn while scrolling", r and r.frames, s and s.frames, "{}", "")
    row("1M rows: longest frame", r and r.longest_ms, s and s.longest_ms, "{:.0f} ms", "")
    row("1M rows: long tasks (> 50 ms) while scrolling", r and r.longtasks, s and s.longtasks,
        "{}", "")
    row("1M rows: websocket bytes while scrolling", r and r.received_bytes,
        s and s.received_bytes, "{:.0f} B", "")
    row("1M rows: websocket bytes to show the grid", r and r.load_bytes, s and s.load_bytes,
        "{:.0f} B", "")
    lines.append(f"| 1M rows: reached the last row | {'yes' if r and r.reached_bottom else 'no'} | "
                 f"{'yes' if s and s.reached_bottom else 'no'} | — | yes |")
    row("100k editor: websocket bytes per edit (both ways)", er and er.bytes_per_edit,
        es and es.bytes_per_edit, "{:.0f} B", "≤ 1/20")
    row("100k editor: bytes sent per edit", er and er.sent_bytes / er.count,
        es and es.sent_bytes / es.count, "{:.0f} B", "")
    row("100k editor: bytes received per edit", er and er.received_bytes / er.count,
        es and es.received_bytes / es.count, "{:.0f} B", "")
    row("100k editor: server CPU per edit, less idle", er and er.net_cpu_ms_per_edit,
        es and es.net_cpu_ms_per_edit, "{:.1f} ms", "≤ 1/20")
    row("100k editor: server CPU per edit, idle included", er and er.cpu_ms_per_edit,
        es and es.cpu_ms_per_edit, "{:.1f} ms", "")
    row("100k editor: server CPU idle, per second", er and er.idle_cpu_s * 1000 / er.seconds,
        es and es.idle_cpu_s * 1000 / es.seconds, "{:.1f} ms", "")
    return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--steps", type=int, default=300, help="wheel steps top → bottom (300)")
    p.add_argument("--edits", type=int, default=8, help="cells edited (8, all in view)")
    p.add_argument("--scrolls", type=int, default=3,
                   help="scrolls per framework, fresh server each; the median is shown (3)")
    p.add_argument("--frameworks", default="rillet,streamlit")
    p.add_argument("--no-write", action="store_true", help="print the table only")
    args = p.parse_args()
    OUT_DIR.mkdir(exist_ok=True)
    scrolls: dict[str, Scroll] = {}
    edits: dict[str, Edits] = {}
    load_before = os.getloadavg()
    chromium = ""
    try:
        with tempfile.TemporaryDirectory(prefix="bench-home-") as home, sync_playwright() as pw:
            browser = launch_chromium(pw)
            chromium = browser.version
            for name in args.frameworks.split(","):
                framework = FRAMEWORKS[name]
                runs = [measure_scroll(framework, browser, args.steps, Path(home))
                        for _ in range(args.scrolls)]
                scrolls[name] = median_scroll(runs)
                edits[name] = measure_edits(framework, browser, args.edits, Path(home))
            browser.close()
    finally:
        stop_all()
    text = table(scrolls, edits)
    print(text)
    if not args.no_write and len(scrolls) == 2:
        command = "bench/.venv/bin/python bench/data_editor.py " + " ".join(sys.argv[1:])
        env = "\n".join(environment(chromium, load_before, os.getloadavg()))
        (BENCH_DIR / "DATA_EDITOR.md").write_text(
            f"# Data grids: rillet and Streamlit side by side\n\n{env}\n\n"
            f"Command: `{command.strip()}`\n\n{text}\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
