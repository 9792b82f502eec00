"""What the browser sees: websocket frames, when the changed text lands in the DOM, and when
the first render is painted; and whether the machine is quiet enough to start a clock.

Times are taken inside the page (``performance.now()``), so Playwright's own round trips (tens
of milliseconds on a busy machine) do not count.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field

import psutil
from playwright.sync_api import Browser, Page, Playwright, WebSocket
from servers import HOST

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Talk to the loopback only: no proxy, and every host name fails to resolve.
    "--no-proxy-server",
    f"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE {HOST}",
]

# Installed once per page. `arm(text)` starts a measurement: the next click on the page sets
# t0, and the first DOM mutation that shows `text` sets t1. Only added nodes and changed
# character data are inspected, so a page of 300 elements is not re-read on every mutation.
WATCH_TEXT_JS = """
() => {
  if (window.__bench) return;
  const bench = { expected: null, t0: null, t1: null };
  const shows = (node) => node.textContent !== null && node.textContent.includes(bench.expected);
  addEventListener("click", () => {
    if (bench.expected !== null && bench.t0 === null) bench.t0 = performance.now();
  }, true);
  new MutationObserver((records) => {
    if (bench.t0 === null || bench.t1 !== null) return;
    for (const r of records) {
      const hit = r.type === "characterData" ? shows(r.target) : [...r.addedNodes].some(shows);
      if (hit) { bench.t1 = performance.now(); return; }
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
  bench.arm = (text) => { bench.expected = text; bench.t0 = null; bench.t1 = null; };
  window.__bench = bench;
}
"""


# Installed in a context before its page navigates. Records, as epoch milliseconds, when the
# frame showing a visible "Change" button (the app's last element) has been produced: the
# button is looked for on every DOM mutation; once it has a box, a message posted from the
# next animation frame callback runs after that frame's rendering (style, layout, paint).
FIRST_RENDER_JS = """
(() => {
  const change = () => [...document.querySelectorAll("button")]
    .find((b) => b.textContent.trim() === "Change");
  let looking = false;
  const look = () => {
    looking = true;
    requestAnimationFrame(() => {
      const button = change();
      if (!button || button.getClientRects().length === 0) { looking = false; return; }
      observer.disconnect();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.__firstRender = performance.timeOrigin + performance.now();
      };
      channel.port2.postMessage(null);
    });
  };
  const observer = new MutationObserver(() => { if (!looking && change()) look(); });
  observer.observe(document, { subtree: true, childList: true });
})();
"""


def first_render_epoch_s(page: Page, timeout_s: float) -> float:
    """When the page painted its first frame with "Change" visible, in `time.time()` seconds.

    Asked four times a second: the answer is already recorded, so waiting longer changes
    nothing but the harness's share of the CPU.
    """
    page.wait_for_function("() => window.__firstRender !== undefined",
                           timeout=timeout_s * 1000, polling=250)
    return float(page.evaluate("() => window.__firstRender")) / 1000


def wait_until_quiet(busy_below: float = 0.1, window_s: float = 0.2,
                     limit_s: float = 10.0) -> tuple[float, bool]:
    """Wait until the machine's CPUs were busy less than ``busy_below`` of a ``window_s``
    window; return the seconds waited and whether it got quiet before ``limit_s``.

    A start is timed from a quiet machine so it measures the server and the page, not what
    came before: Chromium keeps one or two cores busy for about half a second after a new context
    and tab are made (and after the previous one is closed), and a server stopped just before
    may still be exiting.
    """
    start = time.monotonic()
    before = psutil.cpu_times()
    while time.monotonic() - start < limit_s:
        time.sleep(window_s)
        after = psutil.cpu_times()
        total = sum(after) - sum(before)
        idle = (after.idle + getattr(after, "iowait", 0.0)) - (
            before.idle + getattr(before, "iowait", 0.0))
        if total > 0 and (total - idle) / total < busy_below:
            return time.monotonic() - start, True
        before = after
    return time.monotonic() - start, False


def launch_chromium(pw: Playwright) -> Browser:
    """Debian's Chromium, headless: Playwright cannot download its own build here."""
    path = shutil.which("chromium")
    if path is None:
        raise RuntimeError("chromium is not installed: run bench/setup.sh")
    return pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)


@dataclass
class FrameCounter:
    """Frames and payload bytes received on every websocket of one page."""

    frames: int = 0
    received_bytes: int = 0
    last_frame_at: float = 0.0
    sizes: list[int] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("websocket", self._on_socket)

    def _on_socket(self, ws: WebSocket) -> None:
        ws.on("framereceived", self._on_frame)

    def _on_frame(self, payload: str | bytes) -> None:
        size = len(payload) if isinstance(payload, bytes) else len(payload.encode("utf-8"))
        self.frames += 1
        self.received_bytes += size
        self.sizes.append(size)
        self.last_frame_at = time.monotonic()

    def reset(self) -> None:
        self.frames = 0
        self.received_bytes = 0
        self.sizes = []


def wait_quiet(page: Page, counter: FrameCounter, quiet_s: float, limit_s: float) -> bool:
    """Wait until no frame has arrived for ``quiet_s``; False if ``limit_s`` passed first.

    Frame events reach Python only while Playwright is pumping, hence the short waits.
    """
    start = time.monotonic()
    while time.monotonic() - start < limit_s:
        page.wait_for_timeout(25)
        if time.monotonic() - max(counter.last_frame_at, start) >= quiet_s:
            return True
    return False


@dataclass
class ClickSample:
    """One click: page-timed latency and what the websocket carried for the rerun."""

    latency_ms: float
    frames: int
    received_bytes: int
    sizes: list[int]
    settled: bool  # the quiet window was reached before the time limit


def click_and_measure(page: Page, counter: FrameCounter, expected: str, *, rillet: bool,
                      quiet_s: float, timeout_s: float) -> ClickSample:
    """Click "Change", wait for ``expected`` in the DOM and for the rerun to end."""
    page.evaluate("(text) => window.__bench.arm(text)", expected)
    runs_before = page.evaluate("() => window.__rillet.runsFinished") if rillet else 0
    counter.reset()
    timeout_ms = timeout_s * 1000
    page.get_by_role("button", name="Change").click(timeout=timeout_ms)
    page.wait_for_function("() => window.__bench.t1 !== null", timeout=timeout_ms)
    if rillet:
        page.wait_for_function("(n) => window.__rillet.runsFinished > n", arg=runs_before,
                               timeout=timeout_ms)
    settled = wait_quiet(page, counter, quiet_s, timeout_s)
    latency = page.evaluate("() => window.__bench.t1 - window.__bench.t0")
    return ClickSample(float(latency), counter.frames, counter.received_bytes, list(counter.sizes),
                       settled)
