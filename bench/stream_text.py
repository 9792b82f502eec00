"""Streamed chat answers side by side: a 2,000-word answer in 1,000 chunks into a chat message.

Run with ``bench/.venv/bin/python bench/stream_text.py`` (after ``bench/setup.sh``; about a
minute). Prints a markdown table and writes it to bench/out/stream_text.md. Measured, never
asserted.

The app (bench/apps/stream_answer.py) streams ``n`` words, two a chunk, with ``write_stream``
into an assistant ``chat_message`` when ``n`` is typed into its ``chat_input``. For each answer
length (``--words``, default 500, 1000 and 2000) the harness types the length, presses Enter,
waits until the answer's last word is in the page and the socket has been quiet for a second,
and records:

- **websocket bytes**: payload bytes the page received from pressing Enter to the end (the
  whole run: the user's message, the streamed answer, run markers);
- **frames**: websocket frames received over the same span;
- **server CPU**: user + system CPU of the server process over the same span (the pauses
  between chunks are sleeps, not CPU).

Bytes per word at each length show how the cost grows: flat means linear in the answer; a
re-send of the whole text per chunk grows with the length (quadratic in total).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from probes import FrameCounter, launch_chromium, wait_quiet
from report import environment
from servers import FRAMEWORKS, Framework, Server, stop_all

BENCH_DIR = Path(__file__).resolve().parent
APP = BENCH_DIR / "apps" / "stream_answer.py"
OUT_DIR = BENCH_DIR / "out"


@dataclass
class Sample:
    """One streamed answer."""

    words: int
    chunks: int
    received_bytes: int
    frames: int
    cpu_s: float
    seconds: float


@dataclass
class Results:
    """What one framework measured, per answer length."""

    title: str
    samples: list[Sample] = field(default_factory=list)


def _log(message: str) -> None:
    print(f"[stream_text {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def ask(page: Page, server: Server, counter: FrameCounter, words: int) -> Sample:
    """Type ``words`` into the chat input, press Enter, and measure until the answer is in."""
    box = page.get_by_placeholder("How many words?")
    box.fill(str(words))
    wait_quiet(page, counter, 0.5, 10)
    counter.reset()
    cpu0 = server.cpu_seconds()
    t0 = time.monotonic()
    box.press("Enter")
    page.wait_for_function("(marker) => document.body.innerText.includes(marker)",
                           arg=f"END{words}", timeout=300_000, polling=100)
    wait_quiet(page, counter, 1.0, 60)
    seconds = time.monotonic() - t0 - 1.0
    return Sample(words, words // 2, counter.received_bytes, counter.frames,
                  server.cpu_seconds() - cpu0, seconds)


def measure(framework: Framework, lengths: list[int], delay_ms: float, home: Path) -> Results:
    """Serve the app with ``framework`` and stream an answer of each length."""
    out = Results(framework.title)
    os.environ["BENCH_CHUNK_DELAY_MS"] = str(delay_ms)
    server = Server(framework, APP, OUT_DIR / f"stream-text-{framework.name}.log", home)
    try:
        server.wait_ready()
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            page = browser.new_page()
            counter = FrameCounter()
            counter.attach(page)
            page.goto(server.url)
            page.get_by_placeholder("How many words?").wait_for(timeout=60_000)
            ask(page, server, counter, 20)  # warm-up: imports, caches, the markdown library
            for words in lengths:
                sample = ask(page, server, counter, words)
                out.samples.append(sample)
                _log(f"{framework.title}: {words} words in {sample.chunks} chunks: "
                     f"{sample.received_bytes} B in {sample.frames} frames, "
                     f"server CPU {sample.cpu_s:.2f} s, {sample.seconds:.1f} s")
            browser.close()
    finally:
        server.stop()
    return out


def _cell(x: Sample | None, attr: str, fmt: str) -> str:
    return fmt.format(getattr(x, attr)) if x else "—"


def _ratio(rs: Sample | None, ss: Sample | None, attr: str) -> str:
    if not rs or not ss or not getattr(rs, attr):
        return "—"
    return f"1/{getattr(ss, attr) / getattr(rs, attr):.0f}"


def table(results: dict[str, Results]) -> str:
    """One row per answer length, rillet beside Streamlit."""
    r, s = results.get("rillet"), results.get("streamlit")
    lines = [
        "| answer | rillet bytes | Streamlit bytes | ratio | rillet B/word | Streamlit B/word "
        "| rillet CPU | Streamlit CPU | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    count = max(len(r.samples) if r else 0, len(s.samples) if s else 0)
    for i in range(count):
        rs = r.samples[i] if r and i < len(r.samples) else None
        ss = s.samples[i] if s and i < len(s.samples) else None
        ref = rs or ss
        assert ref is not None
        per_word = [f"{x.received_bytes / x.words:.1f}" if x else "—" for x in (rs, ss)]
        lines.append(
            f"| {ref.words} words, {ref.chunks} chunks | {_cell(rs, 'received_bytes', '{:,}')} | "
            f"{_cell(ss, 'received_bytes', '{:,}')} | {_ratio(rs, ss, 'received_bytes')} | "
            f"{per_word[0]} | {per_word[1]} | {_cell(rs, 'cpu_s', '{:.2f} s')} | "
            f"{_cell(ss, 'cpu_s', '{:.2f} s')} | {_ratio(rs, ss, 'cpu_s')} |"
        )
    return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--words", default="500,1000,2000", help="answer lengths (500,1000,2000)")
    p.add_argument("--delay-ms", type=float, default=3.0, help="pause between chunks (3)")
    p.add_argument("--frameworks", default="rillet,streamlit")
    args = p.parse_args()
    OUT_DIR.mkdir(exist_ok=True)
    lengths = [int(w) for w in args.words.split(",")]
    results: dict[str, Results] = {}
    load_before = os.getloadavg()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-home-") as home:
            for name in args.frameworks.split(","):
                results[name] = measure(FRAMEWORKS[name], lengths, args.delay_ms, Path(home))
    finally:
        stop_all()
    text = table(results)
    print(text)
    env = "\n".join(environment("(see the log)", load_before, os.getloadavg()))
    command = "bench/.venv/bin/python bench/stream_text.py " + " ".join(sys.argv[1:])
    (OUT_DIR / "stream_text.md").write_text(
        f"# Streamed answers: rillet and Streamlit side by side\n\n{env}\n\n"
        f"Command: `{command.strip()}`\n\n{text}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
