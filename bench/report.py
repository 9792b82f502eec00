"""Turn measurements into the side-by-side table and bench/RESULTS.md.

Targets are printed next to the numbers for the reader; nothing here fails a run.
"""

from __future__ import annotations

import datetime
import os
import platform
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version


@dataclass
class Measurements:
    """Everything measured for one framework."""

    title: str
    starts_s: list[float] = field(default_factory=list)  # spawn → "Change" painted (page clock)
    ready_s: list[float] = field(default_factory=list)  # spawn → health route answers
    first_render_bytes: list[int] = field(default_factory=list)
    latency_ms: list[float] = field(default_factory=list)
    rerun_frames: list[int] = field(default_factory=list)
    rerun_bytes: list[int] = field(default_factory=list)
    rerun_frame_sizes: list[list[int]] = field(default_factory=list)
    unsettled_clicks: int = 0
    cpu_per_rerun_ms: float = float("nan")
    idle_cpu_ms_per_s: float = float("nan")
    rss_started: int = 0  # bytes, right after the health route first answered
    rss_base: int = 0  # bytes, warm server with the clicking tab open and idle
    rss_tabs: int = 0  # bytes, after the extra tabs went idle
    tabs: int = 0

    @property
    def rss_per_session(self) -> float:
        return (self.rss_tabs - self.rss_base) / self.tabs if self.tabs else float("nan")


def median(values: list[float] | list[int]) -> float:
    return float(statistics.median(values)) if values else float("nan")


@dataclass(frozen=True)
class Row:
    """One metric: how to read it from a Measurements, how to print it, and its target."""

    name: str
    value: Callable[[Measurements], float]
    shown: Callable[[float], str]
    target: str = ""
    met: Callable[[float, float], bool] | None = None  # (rillet, Streamlit) → target met


def _ms(v: float) -> str:
    return f"{v:.1f} ms"


def _bytes(v: float) -> str:
    return f"{v:,.0f} B" if v < 10_000 else f"{v / 1024:,.1f} KiB"


def _mib(v: float) -> str:
    return f"{v / 2**20:,.1f} MiB"


def _kib(v: float) -> str:
    return f"{v / 1024:,.0f} KiB"


def _s(v: float) -> str:
    return f"{v:.2f} s"


ROWS = [
    Row("click → new text in DOM (median)", lambda m: median(m.latency_ms), _ms,
        "≤ 1/7 of Streamlit", lambda r, s: r <= s / 7),
    Row("websocket bytes received per rerun (median)", lambda m: median(m.rerun_bytes), _bytes,
        "≤ 1 KB", lambda r, s: r <= 1000),
    Row("websocket frames received per rerun (median)", lambda m: median(m.rerun_frames),
        lambda v: f"{v:g}", "1 frame", lambda r, s: r == 1),
    Row("server CPU per rerun (user+system)", lambda m: m.cpu_per_rerun_ms, _ms,
        "≤ 1/7 of Streamlit", lambda r, s: r <= s / 7),
    Row("server RSS per idle session", lambda m: m.rss_per_session, _kib,
        "≤ Streamlit", lambda r, s: r <= s),
    Row("process start → first render (median)", lambda m: median(m.starts_s), _s,
        "≤ 1 s", lambda r, s: r <= 1.0),
]

CONTEXT_ROWS = [
    Row("process start → health route answers (median)", lambda m: median(m.ready_s), _s),
    Row("websocket bytes received for the first render (median)",
        lambda m: median(m.first_render_bytes), _bytes),
    Row("server RSS just after start, no session", lambda m: float(m.rss_started), _mib),
    Row("server RSS, warm, one idle tab (memory baseline)", lambda m: float(m.rss_base), _mib),
    Row("server CPU while idle, one tab open", lambda m: m.idle_cpu_ms_per_s,
        lambda v: f"{v:.2f} ms/s"),
]


def _ratio(r: float, s: float) -> str:
    if s == 0 or s != s or r != r:
        return "n/a"
    return f"{r / s:.3g}"


def table(rillet: Measurements, streamlit: Measurements) -> str:
    """The markdown table: metric | rillet | Streamlit | ratio | target."""
    lines = ["| metric | rillet | Streamlit | ratio (rillet/Streamlit) | target |",
             "| --- | ---: | ---: | ---: | --- |"]
    for rows, context in ((ROWS, False), (CONTEXT_ROWS, True)):
        for row in rows:
            r, s = row.value(rillet), row.value(streamlit)
            target = row.target
            if row.met is not None and r == r and s == s:
                target += " — met" if row.met(r, s) else " — not met"
            name = f"*{row.name}*" if context else row.name
            cells = [name, row.shown(r), row.shown(s), _ratio(r, s), target]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_total() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kib = int(f.readline().split()[1])
        return f"{kib / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown"


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def environment(chromium: str, load_before: tuple[float, ...],
                load_after: tuple[float, ...]) -> list[str]:
    """Date, machine, load and versions, as bullet lines."""
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    versions = ", ".join(f"{n} {package_version(n)}"
                         for n in ("rillet", "streamlit", "playwright", "psutil", "pandas"))
    return [
        f"- Date: {now}",
        f"- Machine: {os.cpu_count()} CPUs (nproc), {cpu_model()}, {memory_total()} RAM, "
        f"{platform.system()} {platform.release()}",
        f"- Load average (1, 5, 15 min) before / after the run: "
        f"{_load(load_before)} / {_load(load_after)}: other work on the machine skews timings",
        f"- Python {platform.python_version()}; {versions}; Chromium {chromium}",
    ]


def _load(values: tuple[float, ...]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def raw_samples(m: Measurements) -> list[str]:
    """The per-click and per-start samples behind the medians."""
    lat = ", ".join(f"{v:.1f}" for v in m.latency_ms)
    return [
        f"- {m.title}: click → DOM latency (ms): {lat}",
        f"- {m.title}: frames per rerun: {', '.join(str(v) for v in m.rerun_frames)}",
        f"- {m.title}: bytes per rerun: {', '.join(str(v) for v in m.rerun_bytes)}",
        f"- {m.title}: frame sizes of the first measured rerun: "
        f"{_frame_sizes(m.rerun_frame_sizes[0] if m.rerun_frame_sizes else [])}",
        f"- {m.title}: start → first render (s): {', '.join(f'{v:.2f}' for v in m.starts_s)}",
        f"- {m.title}: RSS started / warm baseline / with extra tabs (MiB): "
        f"{m.rss_started / 2**20:.1f} / {m.rss_base / 2**20:.1f} / {m.rss_tabs / 2**20:.1f} "
        f"({m.tabs} tabs)",
        *([f"- {m.title}: {m.unsettled_clicks} clicks never went quiet within the time limit"]
          if m.unsettled_clicks else []),
    ]


def _frame_sizes(sizes: list[int]) -> str:
    if len(sizes) <= 10:
        return " + ".join(f"{v} B" for v in sizes) or "none"
    return (f"{len(sizes)} frames, smallest {min(sizes)} B, median {median(sizes):.0f} B, "
            f"largest {max(sizes)} B")
