"""Charts side by side: a live chart fed by a ``run_every=0.1`` fragment, and the first render
of a page with one 10,000-point line chart.

Run with ``bench/.venv/bin/python bench/charts.py`` (after ``bench/setup.sh``; about two
minutes). Prints a markdown table and writes bench/CHARTS.md. Measured, never asserted.

- **values shown per second**: the live app writes ``points: N`` under its chart on every tick;
  a MutationObserver in the page records each new N. Counted over ``--seconds`` after a
  two-second warm-up.
- **bytes per tick**: websocket payload bytes received by the page over the window, divided by
  the ticks shown (everything a tick costs: the chart's update, the caption, run markers).
- **server CPU per tick**: user + system CPU of the server process over the window, divided by
  the ticks shown; the ratio to Streamlit is the figure of merit.
- **chart node kept**: whether the chart's drawing surface (the `<svg>` or `<canvas>` inside
  `.vega-embed`) at the end of the window is the same DOM node as at its start, i.e. whether
  the chart was updated in place rather than re-embedded.
- **first render of a 10,000-point chart**: from process start to the first frame painted with
  the chart's marks in it (timed in the page, as run.py times its first render), and from
  navigation to that frame. Median over ``--starts`` fresh servers and browser contexts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright
from probes import FrameCounter, launch_chromium, wait_until_quiet
from report import environment
from servers import FRAMEWORKS, Framework, Server, stop_all

BENCH_DIR = Path(__file__).resolve().parent
STREAM_APP = BENCH_DIR / "apps" / "stream_chart.py"
BIG_APP = BENCH_DIR / "apps" / "big_chart.py"
OUT_DIR = BENCH_DIR / "out"

# Records every new "points: N" text with its time, and keeps a handle on the chart's drawing
# surface so the harness can ask whether it is still the same node.
COUNT_POINTS_JS = """
(() => {
  const seen = new Set();
  window.__shown = [];
  const look = (node) => {
    const text = node.textContent || "";
    const m = /points: (\\d+)/.exec(text);
    if (m && !seen.has(m[1])) { seen.add(m[1]); window.__shown.push(performance.now()); }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "characterData") look(r.target);
      else r.addedNodes.forEach(look);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
  window.__surface = () => document.querySelector(".vega-embed svg.marks, .vega-embed canvas");
})();
"""

# Records, as epoch milliseconds, the first frame painted with the chart's marks drawn: a
# canvas with a size, or an SVG with a line path, inside `.vega-embed`.
CHART_PAINTED_JS = """
(() => {
  const drawn = () => {
    const canvas = document.querySelector(".vega-embed canvas");
    if (canvas && canvas.width > 0 && canvas.height > 0) return true;
    return document.querySelector(".vega-embed svg path") !== null;
  };
  const tick = () => {
    if (!drawn()) { requestAnimationFrame(tick); return; }
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.__chartPainted = performance.timeOrigin + performance.now();
      };
      channel.port2.postMessage(null);
    });
  };
  window.__navStart = performance.timeOrigin;
  requestAnimationFrame(tick);
})();
"""


@dataclass
class Results:
    """What one framework measured."""

    title: str
    values_per_s: float = 0.0
    bytes_per_tick: float = 0.0
    cpu_ms_per_tick: float = 0.0
    cpu_share: float = 0.0  # server CPU seconds per wall second over the window
    surface_kept: bool = False
    # rillet only: bytes per tick by message type (the chart's own share is its "extend").
    by_type: dict[str, float] = field(default_factory=dict)
    start_to_chart_s: list[float] = field(default_factory=list)
    nav_to_chart_s: list[float] = field(default_factory=list)
    chart_page_bytes: list[int] = field(default_factory=list)


def _log(message: str) -> None:
    print(f"[charts {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure_stream(framework: Framework, browser: Browser, seconds: float, home: Path,
                   out: Results) -> None:
    """Open the live chart and count what reaches the page over ``seconds``."""
    server = Server(framework, STREAM_APP, OUT_DIR / f"charts-stream-{framework.name}.log", home)
    context = browser.new_context()
    try:
        server.wait_ready()
        context.add_init_script(COUNT_POINTS_JS)
        page = context.new_page()
        counter = FrameCounter()
        counter.attach(page)
        payloads: list[str] = []
        page.on("websocket", lambda ws: ws.on(
            "framereceived", lambda p: payloads.append(p if isinstance(p, str) else "")))
        page.goto(server.url)
        page.wait_for_function("() => window.__shown.length > 3 && window.__surface()",
                               timeout=60_000)
        page.wait_for_timeout(2000)  # warm-up: the first ticks compile and cache
        page.evaluate("() => { window.__start = window.__surface(); }")
        shown0 = int(page.evaluate("() => window.__shown.length"))
        cpu0 = server.cpu_seconds()
        counter.reset()
        payloads.clear()
        t0 = time.monotonic()
        page.wait_for_timeout(seconds * 1000)  # the measurement window itself
        elapsed = time.monotonic() - t0
        cpu = server.cpu_seconds() - cpu0
        ticks = int(page.evaluate("() => window.__shown.length")) - shown0
        out.surface_kept = bool(page.evaluate("() => window.__start === window.__surface()"))
        out.values_per_s = ticks / elapsed
        out.bytes_per_tick = counter.received_bytes / max(ticks, 1)
        out.cpu_ms_per_tick = cpu * 1000 / max(ticks, 1)
        out.cpu_share = cpu / elapsed
        if framework.name == "rillet":
            out.by_type = bytes_by_type(payloads, max(ticks, 1))
        _log(f"{framework.title}: {ticks} ticks in {elapsed:.1f} s, "
             f"{counter.received_bytes} B, server CPU {cpu:.2f} s, "
             f"surface kept: {out.surface_kept}")
    finally:
        context.close()
        server.stop()


def bytes_by_type(payloads: list[str], ticks: int) -> dict[str, float]:
    """Average bytes per tick of each rillet message type (each message's own JSON)."""
    totals: dict[str, int] = {}
    for payload in payloads:
        try:
            batch = json.loads(payload)
        except ValueError:
            continue
        for message in batch if isinstance(batch, list) else [batch]:
            size = len(json.dumps(message, separators=(",", ":")).encode())
            kind = str(message.get("type")) if isinstance(message, dict) else "?"
            totals[kind] = totals.get(kind, 0) + size
    return {kind: total / ticks for kind, total in sorted(totals.items())}


def measure_big_chart(framework: Framework, browser: Browser, starts: int, home: Path,
                      out: Results) -> None:
    """Fresh server and browser context per start; time the first frame with the chart."""
    for i in range(starts):
        context = browser.new_context()
        context.add_init_script(CHART_PAINTED_JS)
        page = context.new_page()
        counter = FrameCounter()
        counter.attach(page)
        wait_until_quiet()
        server = Server(framework, BIG_APP, OUT_DIR / f"charts-big-{framework.name}-{i}.log",
                        home)
        try:
            server.wait_ready()
            page.goto(server.url)
            page.wait_for_function("() => window.__chartPainted !== undefined", timeout=60_000,
                                   polling=250)
            painted = float(page.evaluate("() => window.__chartPainted")) / 1000
            nav = float(page.evaluate("() => window.__navStart")) / 1000
            out.start_to_chart_s.append(painted - server.started_epoch)
            out.nav_to_chart_s.append(painted - nav)
            page.wait_for_timeout(300)
            out.chart_page_bytes.append(counter.received_bytes)
            _log(f"{framework.title}: start {i + 1}/{starts}: chart painted "
                 f"{out.start_to_chart_s[-1]:.2f} s after process start, "
                 f"{out.nav_to_chart_s[-1]:.2f} s after navigation")
        finally:
            context.close()
            server.stop()


def table(results: dict[str, Results]) -> str:
    """The markdown table of both frameworks, with rillet/Streamlit ratios."""
    r, s = results.get("rillet"), results.get("streamlit")
    rows = [
        ("live chart: values shown per second", "values_per_s", "{:.1f}", "≥ 9.5"),
        ("live chart: websocket bytes per tick", "bytes_per_tick", "{:.0f} B", "≤ 200 B"),
        ("live chart: server CPU per tick", "cpu_ms_per_tick", "{:.2f} ms", "≤ 1/10"),
        ("live chart: server CPU share", "cpu_share", "{:.0%}", ""),
    ]
    lines = ["| metric | rillet | Streamlit | ratio | target |", "|---|---:|---:|---:|---|"]
    for label, attr, fmt, target in rows:
        rv = getattr(r, attr) if r else None
        sv = getattr(s, attr) if s else None
        ratio = f"{rv / sv:.3f}" if rv is not None and sv else "—"
        lines.append(f"| {label} | {fmt.format(rv) if rv is not None else '—'} | "
                     f"{fmt.format(sv) if sv is not None else '—'} | {ratio} | {target} |")
    kept = [("yes" if x.surface_kept else "no") if x else "—" for x in (r, s)]
    lines.append(f"| live chart: drawing surface kept (updated in place) | {kept[0]} | {kept[1]}"
                 " | — | yes |")
    if r and r.by_type:
        parts = ", ".join(f"{k} {v:.0f} B" for k, v in r.by_type.items())
        lines.append(f"| live chart: rillet bytes per tick by message | {parts} | — | — | |")

    def med(x: Results | None, attr: str) -> float | None:
        values = getattr(x, attr) if x else []
        return statistics.median(values) if values else None

    for label, attr, unit in (
        ("10,000-point chart: process start → chart painted", "start_to_chart_s", "s"),
        ("10,000-point chart: navigation → chart painted", "nav_to_chart_s", "s"),
        ("10,000-point chart: websocket bytes", "chart_page_bytes", "B"),
    ):
        rv, sv = med(r, attr), med(s, attr)
        fmt = "{:.2f} s" if unit == "s" else "{:.0f} B"
        ratio = f"{rv / sv:.3f}" if rv is not None and sv else "—"
        lines.append(f"| {label} | {fmt.format(rv) if rv is not None else '—'} | "
                     f"{fmt.format(sv) if sv is not None else '—'} | {ratio} | "
                     f"{'≤ Streamlit' if 'painted' in label else ''} |")
    return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=10.0, help="live chart window (10)")
    p.add_argument("--starts", type=int, default=5, help="timed starts of the big chart (5)")
    p.add_argument("--frameworks", default="rillet,streamlit")
    p.add_argument("--no-write", action="store_true", help="print the table only")
    args = p.parse_args()
    OUT_DIR.mkdir(exist_ok=True)
    results: dict[str, Results] = {}
    load_before = os.getloadavg()
    chromium = ""
    try:
        with tempfile.TemporaryDirectory(prefix="bench-home-") as home, sync_playwright() as pw:
            browser = launch_chromium(pw)
            chromium = browser.version
            for name in args.frameworks.split(","):
                framework = FRAMEWORKS[name]
                out = results[name] = Results(framework.title)
                measure_stream(framework, browser, args.seconds, Path(home), out)
                measure_big_chart(framework, browser, args.starts, Path(home), out)
            browser.close()
    finally:
        stop_all()
    text = table(results)
    print(text)
    if not args.no_write and len(results) == 2:
        command = "bench/.venv/bin/python bench/charts.py " + " ".join(sys.argv[1:])
        env = "\n".join(environment(chromium, load_before, os.getloadavg()))
        (BENCH_DIR / "CHARTS.md").write_text(
            f"# Charts: rillet and Streamlit side by side\n\n{env}\n\n"
            f"Command: `{command.strip()}`\n\n{text}\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
