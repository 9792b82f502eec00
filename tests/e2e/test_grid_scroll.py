"""Scrolling a million-row grid in Chromium: rows passed over at speed are not fetched (the
page asks once the scroll settles), placeholder rows are recycled rather than rebuilt, and the
rows in view arrive once the scroll stops."""

from __future__ import annotations

import json
from collections.abc import Callable

from playwright.sync_api import Page, WebSocket, expect

from tests.conftest import LiveServer
from tests.e2e.conftest import AppPage

MILLION = """
import numpy as np
import pandas as pd
import rillet as st
n = 1_000_000
df = pd.DataFrame({"id": np.arange(n), "name": [f"row-{i}" for i in range(n)]})
st.dataframe(df, hide_index=True, height=400)
"""

# Jump `jumps` times by `rows` rows, `gap_ms` apart (longer than a frame, shorter than a
# settle), then report how many row nodes were created in the body during the jumps after
# the first.
FLING = """async ([jumps, rows, gapMs]) => {
  const grid = document.querySelector(".rillet-grid");
  const body = grid.querySelector(".rillet-grid-body");
  let created = 0;
  let counting = false;
  const observer = new MutationObserver((records) => {
    if (counting) for (const r of records) created += r.addedNodes.length;
  });
  observer.observe(body, { childList: true });
  const range = grid.scrollHeight - grid.clientHeight;
  for (let k = 1; k <= jumps; k += 1) {
    grid.scrollTop = (range * k * rows) / 1_000_000; // the range is scaled past 8M pixels
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    observer.takeRecords();
    counting = k >= 2;
    await new Promise((r) => setTimeout(r, gapMs));
  }
  observer.disconnect();
  return created;
}"""


def test_scrolling_at_speed_fetches_once_it_settles_and_recycles_rows(
    page: Page, live_app: Callable[..., LiveServer]
) -> None:
    asked: list[dict[str, object]] = []

    def watch(ws: WebSocket) -> None:
        def sent(payload: str | bytes) -> None:
            message = json.loads(payload)
            if message.get("type") == "rows":
                asked.append(message)

        ws.on("framesent", sent)

    page.on("websocket", watch)
    app = AppPage(page, live_app(MILLION)).open()
    grid = page.get_by_role("grid")
    expect(grid.get_by_role("gridcell", name="row-3", exact=True)).to_be_visible()
    before = len(asked)
    # 20 jumps of 20,000 rows, 60 ms apart: the page used to ask for every one of them.
    created = page.evaluate(FLING, [20, 20_000, 60])
    rows = page.locator('.rillet-grid-body [role="row"]')
    # The rows in view arrive once the scroll stops, and show their own cells.
    shown = first_loaded_row(page, 380_000)
    expect(grid.get_by_role("gridcell", name=f"row-{shown}", exact=True)).to_be_visible()
    fetched = asked[before:]
    # Where it stopped (a loaded machine may stall the fling past a settle once or twice).
    assert len(fetched) <= 6, f"asked for {len(fetched)} blocks while flinging"
    assert sum(int(str(m["start"])) < 350_000 for m in fetched) <= 2, fetched
    # Small blocks where the fling stopped: the rows in view, not 200 of them.
    assert all(int(str(m["end"])) - int(str(m["start"])) <= 50 for m in fetched), fetched
    # Drawn again, not created anew: at most a row now and then, when one more fits in view
    # (rebuilding would create a screenful of rows, ~27, at every jump).
    assert created < 19, f"{created} row nodes created for 19 jumps"
    assert rows.count() < 60, "only the rows in view and a few more are drawn"
    for row in page.locator('.rillet-grid-body [role="row"][data-loaded="true"]').all()[:5]:
        number = int(row.get_attribute("aria-rowindex") or 0) - 2
        expect(row.get_by_role("gridcell").last).to_have_text(f"row-{number}")
    assert app.errors == []


def test_keyboard_moves_after_a_fling(page: Page, live_app: Callable[..., LiveServer]) -> None:
    app = AppPage(page, live_app(MILLION)).open()
    grid = page.get_by_role("grid")
    expect(grid.get_by_role("gridcell", name="row-3", exact=True)).to_be_visible()
    page.evaluate(FLING, [5, 100_000, 20])
    # The first rows drawn are above the view (overscan): pick one in view.
    shown = first_loaded_row(page, 450_000) + 10
    grid.get_by_role("gridcell", name=f"row-{shown}", exact=True).click()
    page.keyboard.press("ArrowDown")
    expect(page.locator(":focus")).to_have_text(f"row-{shown + 1}")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator(":focus")).to_have_text(f"row-{shown - 1}")
    assert app.errors == []


def first_loaded_row(page: Page, beyond: int) -> int:
    """Wait until rows past ``beyond`` show their cells; the first of them in view."""
    page.wait_for_function(
        f"""() => [...document.querySelectorAll('.rillet-grid-body [data-loaded="true"]')]
            .some((row) => Number(row.getAttribute("aria-rowindex")) > {beyond})"""
    )
    return int(page.evaluate(
        """() => Math.min(...[...document.querySelectorAll(
              '.rillet-grid-body [data-loaded="true"]')]
            .map((row) => Number(row.getAttribute("aria-rowindex")) - 2)
            .filter((n) => n > 0))"""
    ))
