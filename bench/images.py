"""Fifty photos of about 200 KB each, visited twice: what the second visit costs.

Run with ``bench/.venv/bin/python bench/images.py`` (after ``bench/setup.sh``; about a minute).
Prints a markdown table and writes bench/IMAGES.md. Measured, never asserted.

For each framework a fresh server serves bench/apps/images50.py and one browser context (one
HTTP cache) visits it:

- **first visit**: a new tab opens the app and waits until all 50 pictures have loaded
  (``complete`` with a ``naturalWidth``) and the page's last text is shown;
- **second visit**: another new tab in the same context does the same (a new session on the
  server, the browser cache warm);
- **reload**: the second tab is reloaded (the browser revalidates the page itself; pictures may
  be revalidated or taken from the cache, as their headers say).

Bytes are counted by Chromium (DevTools ``Network`` events): ``encodedDataLength`` of every
HTTP response (headers and body as they crossed the wire, page, scripts and pictures alike),
plus the payload of every websocket frame received. Picture requests are sorted into those
answered from the network with a body (200), revalidated (304), and served from the cache
without a request.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, sync_playwright
from probes import launch_chromium
from report import environment
from servers import FRAMEWORKS, Framework, Server, stop_all

BENCH_DIR = Path(__file__).resolve().parent
APP = BENCH_DIR / "apps" / "images50.py"
OUT_DIR = BENCH_DIR / "out"
COUNT = 50

ALL_LOADED_JS = f"""() => {{
  const imgs = [...document.querySelectorAll("img")].filter((i) => i.naturalWidth >= 600);
  return imgs.length === {COUNT} && imgs.every((i) => i.complete)
    && document.body.innerText.includes("{COUNT} photos");
}}"""


@dataclass
class Visit:
    """What one visit cost."""

    http_bytes: int = 0
    ws_bytes: int = 0
    images_200: int = 0
    images_304: int = 0
    images_cached: int = 0
    image_bytes: int = 0
    seconds: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def total_bytes(self) -> int:
        return self.http_bytes + self.ws_bytes


class NetworkLog:
    """Chromium's own account of one page's traffic (DevTools protocol)."""

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self.visit = Visit()
        self._kind: dict[str, str] = {}
        self.session = session = context.new_cdp_session(page)
        session.on("Network.responseReceived", self._response)
        session.on("Network.requestServedFromCache", self._from_cache)
        session.on("Network.loadingFinished", self._finished)
        session.on("Network.webSocketFrameReceived", self._frame)
        session.send("Network.enable")

    def _response(self, event: dict[str, Any]) -> None:
        response = event["response"]
        image = event.get("type") == "Image"
        self._kind[event["requestId"]] = "image" if image else "other"
        if not image:
            return
        if response.get("fromDiskCache") or response.get("fromMemoryCache"):
            self.visit.images_cached += 1
        elif response["status"] == 304:
            self.visit.images_304 += 1
        elif response["status"] == 200:
            self.visit.images_200 += 1
        key = str(response["status"])
        self.visit.statuses[key] = self.visit.statuses.get(key, 0) + 1

    def _from_cache(self, event: dict[str, Any]) -> None:
        # A memory-cache hit may come without a responseReceived: count it here once.
        if event["requestId"] not in self._kind:
            self._kind[event["requestId"]] = "cached"

    def _finished(self, event: dict[str, Any]) -> None:
        size = int(event.get("encodedDataLength", 0))
        self.visit.http_bytes += size
        if self._kind.get(event["requestId"]) == "image":
            self.visit.image_bytes += size

    def _frame(self, event: dict[str, Any]) -> None:
        self.visit.ws_bytes += len(event["response"].get("payloadData", "").encode("utf-8"))


def _log(message: str) -> None:
    print(f"[images {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def visit(context: BrowserContext, url: str, page: Page | None = None) -> tuple[Visit, Page]:
    """Open ``url`` in a new tab (or reload ``page``) and wait for every picture."""
    reload = page is not None
    page = page or context.new_page()
    log = NetworkLog(context, page)
    start = time.monotonic()
    if reload:
        page.reload()
    else:
        page.goto(url)
    page.wait_for_function(ALL_LOADED_JS, timeout=60_000, polling=100)
    log.visit.seconds = time.monotonic() - start
    page.wait_for_timeout(500)  # late frames and requests still count
    log.session.detach()
    return log.visit, page


def measure(framework: Framework, home: Path) -> dict[str, Visit]:
    server = Server(framework, APP, OUT_DIR / f"images-{framework.name}.log", home)
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            server.wait_ready()
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            first, _ = visit(context, server.url)
            second, page = visit(context, server.url)
            reload, _ = visit(context, server.url, page)
            context.close()
        finally:
            browser.close()
            server.stop()
    for name, v in (("first", first), ("second", second), ("reload", reload)):
        _log(f"{framework.title} {name}: {v.total_bytes} B ({v.http_bytes} HTTP, {v.ws_bytes} "
             f"ws), pictures: {v.images_200}x200 {v.images_304}x304 {v.images_cached} cached, "
             f"{v.seconds:.2f} s")
    return {"first": first, "second": second, "reload": reload}


def _kb(n: float) -> str:
    return f"{n / 1000:,.1f} KB"


def table(results: dict[str, dict[str, Visit]]) -> str:
    r, s = results.get("rillet"), results.get("streamlit")
    lines = ["| visit | metric | rillet | Streamlit | ratio |", "|---|---|---:|---:|---:|"]
    rows: list[tuple[str, str, Any]] = [
        ("bytes transferred (HTTP + websocket)", "total_bytes", _kb),
        ("of which pictures", "image_bytes", _kb),
        ("of which websocket", "ws_bytes", _kb),
        ("pictures sent (200)", "images_200", str),
        ("pictures revalidated (304)", "images_304", str),
        ("pictures from the cache, no request", "images_cached", str),
        ("time to all pictures shown", "seconds", lambda v: f"{v:.2f} s"),
    ]
    for name in ("first", "second", "reload"):
        for label, attr, fmt in rows:
            rv = getattr(r[name], attr) if r else None
            sv = getattr(s[name], attr) if s else None
            ratio = f"{rv / sv:.3f}" if rv is not None and sv else "—"
            lines.append(f"| {name} | {label} | {fmt(rv) if rv is not None else '—'} | "
                         f"{fmt(sv) if sv is not None else '—'} | {ratio} |")
    return "\n".join(lines)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--frameworks", default="rillet,streamlit")
    p.add_argument("--no-write", action="store_true", help="print the table only")
    args = p.parse_args()
    OUT_DIR.mkdir(exist_ok=True)
    load_before = os.getloadavg()
    results: dict[str, dict[str, Visit]] = {}
    chromium = ""
    try:
        with tempfile.TemporaryDirectory(prefix="bench-home-") as home:
            for name in args.frameworks.split(","):
                results[name] = measure(FRAMEWORKS[name], Path(home))
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            chromium = browser.version
            browser.close()
    finally:
        stop_all()
    text = table(results)
    print(text)
    if not args.no_write and len(results) == 2:
        command = "bench/.venv/bin/python bench/images.py " + " ".join(sys.argv[1:])
        env = "\n".join(environment(chromium, load_before, os.getloadavg()))
        (BENCH_DIR / "IMAGES.md").write_text(
            f"# 50 photos of 200 KB, visited twice: rillet and Streamlit\n\n{env}\n\n"
            f"Command: `{command.strip()}`\n\n{text}\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
