"""Text and data elements in Chromium: the paged dataframe (a million rows, scrolling,
sorting, reruns that send nothing), code highlighting, LaTeX, and safety: HTML is sanitized,
javascript: links are inert, and XSS payloads anywhere show as text."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, WebSocket, expect

from tests.conftest import LiveServer
from tests.e2e.conftest import AppPage

MILLION = """
import numpy as np
import pandas as pd
import rillet as st
n = 1_000_000
df = pd.DataFrame({"id": np.arange(n), "value": (np.arange(n) * 7919) % 1_000_003})
st.dataframe(df, hide_index=True, column_config={"value": st.column_config.NumberColumn("Value")})
st.button("Rerun")
"""


class Frames:
    """Every websocket frame the page receives, as text."""

    def __init__(self, page: Page) -> None:
        self.received: list[str] = []
        page.on("websocket", self._watch)

    def _watch(self, ws: WebSocket) -> None:
        ws.on("framereceived", lambda payload: self.received.append(str(payload)))

    def since(self, mark: int) -> list[str]:
        return self.received[mark:]


def open_with_frames(page: Page, live_app: Callable[..., LiveServer], source: str) -> Any:
    frames = Frames(page)
    app = AppPage(page, live_app(source)).open()
    return app, frames


def test_a_million_rows_show_at_once_and_scrolling_fetches_rows(
    page: Page, live_app: Callable[..., LiveServer]
) -> None:
    app, frames = open_with_frames(page, live_app, MILLION)
    started = time.monotonic()
    grid = page.get_by_role("grid")
    expect(grid.get_by_role("gridcell", name="7919", exact=True)).to_be_visible()
    # A generous bound: the bench measures the real figure; this catches "sent every row".
    assert time.monotonic() - started < 5
    expect(grid).to_have_attribute("aria-rowcount", "1000001")
    assert all(len(f) < 200_000 for f in frames.received), "no frame carried the whole frame"

    mark = len(frames.received)
    grid.evaluate("g => { g.scrollTop = g.scrollHeight / 2; }")
    loaded = grid.locator('.rillet-grid-body [role="row"][data-loaded="true"]')
    page.wait_for_function(
        """() => [...document.querySelectorAll('.rillet-grid-body [data-loaded="true"]')]
            .some((row) => Number(row.getAttribute("aria-rowindex")) > 400000)"""
    )
    for row in loaded.all():
        number = int(row.get_attribute("aria-rowindex") or 0) - 2
        expect(row.get_by_role("gridcell").first).to_have_text(str(number))
    assert any('"rows_page"' in f for f in frames.since(mark))
    assert len(page.locator('.rillet-grid-body [role="row"]').all()) < 80, "only rows in view"
    assert app.errors == []


def test_clicking_a_header_sorts_the_rows(
    page: Page, live_app: Callable[..., LiveServer]
) -> None:
    app = AppPage(page, live_app(MILLION)).open()
    grid = page.get_by_role("grid")
    header = grid.get_by_role("columnheader", name="Value")
    expect(header).to_have_attribute("aria-sort", "none")

    header.get_by_role("button", name="Value").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    first = grid.locator('[role="row"][aria-rowindex="2"]').get_by_role("gridcell")
    expect(first.nth(1)).to_have_text("0")

    header.get_by_role("button", name="Value").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(first.nth(1)).to_have_text("1000002")

    header.get_by_role("button", name="Value").click()
    expect(header).to_have_attribute("aria-sort", "none")
    expect(first.nth(0)).to_have_text("0")
    expect(first.nth(1)).to_have_text("0")
    assert app.errors == []


def test_a_rerun_with_an_unchanged_frame_sends_no_row_data(
    page: Page, live_app: Callable[..., LiveServer]
) -> None:
    app, frames = open_with_frames(page, live_app, MILLION)
    expect(page.get_by_role("gridcell", name="7919", exact=True)).to_be_visible()
    mark = len(frames.received)

    app.after_run(lambda: page.get_by_role("button", name="Rerun").click())

    sent = frames.since(mark)
    assert sent, "the rerun was seen"
    assert not any('"rows_page"' in f or '"kind":"dataframe"' in f for f in sent)
    assert sum(len(f) for f in sent) < 2000
    expect(page.get_by_role("gridcell", name="7919", exact=True)).to_be_visible()


def test_a_small_frame_sorts_in_the_page_and_updates_in_place(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        """
import rillet as st
n = st.slider("n", 1, 5, 3)
st.dataframe({"name": ["b", "c", "a", "e", "d"][:n], "x": [2, 3, 1, 5, 4][:n]})
"""
    )
    page = app.page
    grid = page.get_by_role("grid")
    grid.get_by_role("button", name="name").click()
    rows = grid.locator('.rillet-grid-body [role="row"]')
    expect(rows).to_have_count(3)
    expect(grid.get_by_role("gridcell").first).to_have_text("a")

    slider = page.get_by_role("slider", name="n")
    slider.focus()
    app.after_run(lambda: page.keyboard.press("ArrowRight"))
    expect(rows).to_have_count(4)
    expect(grid).to_have_attribute("aria-rowcount", "5")
    expect(grid.get_by_role("columnheader", name="name")).to_have_attribute(
        "aria-sort", "ascending"
    )
    expect(grid.get_by_role("gridcell").first).to_have_text("a")


def test_code_is_highlighted_with_text_spans_only(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        '''
import rillet as st
st.code("def f(x):\\n    return '<img src=x onerror=alert(1)>'  # note", line_numbers=True)
st.code("SELECT name FROM users -- all", language="sql", wrap_lines=True)
st.latex(r"e^{i\\pi} + 1 = 0")
'''
    )
    page = app.page
    python, sql = page.locator(".rillet-code code").all()
    expect(python.locator(".rl-tok-keyword").first).to_have_text("def")
    expect(python.locator(".rl-tok-string")).to_have_text("'<img src=x onerror=alert(1)>'")
    expect(python.locator(".rl-tok-comment")).to_have_text("# note")
    expect(python.locator(".rillet-code-line")).to_have_count(2)
    assert python.locator("img").count() == 0
    expect(sql.locator(".rl-tok-keyword").first).to_have_text("SELECT")
    # Typeset by KaTeX, whose MathML (role math) keeps the source as its TeX annotation.
    expect(page.locator(".rillet-latex .katex-display")).to_have_count(1)
    expect(page.get_by_role("math").locator("annotation")).to_have_text("e^{i\\pi} + 1 = 0")


PAYLOAD = "<img src=x onerror=\"window.__xss=(window.__xss||0)+1;alert('xss')\">"


def test_html_is_sanitized_and_nothing_runs(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        f"""
import rillet as st
st.html('<p class="fine">fine <b>bold</b></p>' + {PAYLOAD!r}
        + '<script>window.__xss = 99</script>'
        + '<a href="javascript:window.__xss=5">js link</a>'
        + '<svg onload="window.__xss=7"></svg>')
st.markdown("[markdown link](javascript:window.__xss=3) and " + {PAYLOAD!r})
st.markdown("raw: " + {PAYLOAD!r}, unsafe_allow_html=False)
"""
    )
    page = app.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    expect(page.locator(".fine")).to_have_text("fine bold")
    # Neither is a link any more: the sanitizer dropped one href, markdown refused the other.
    page.get_by_text("js link").click()
    page.get_by_text("markdown link").click()
    assert page.locator("#rillet-main").get_by_role("link").count() == 0
    page.wait_for_timeout(300)  # give a stray handler its chance to fire
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    assert page.locator("#rillet-main").locator("script, svg, img[onerror]").count() == 0
    expect(page.get_by_text("raw: <img src=x onerror=")).to_be_visible()
    assert app.errors == []


def test_xss_payloads_anywhere_show_as_text(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        f"""
import rillet as st
p = {PAYLOAD!r}
st.caption(p)
st.text(p)
st.badge(p)
st.metric(p, p, p)
st.dataframe({{p: [p, None]}})
st.table({{p: [p]}})
st.json({{p: p}})
st.code(p)
st.latex(p)
st.help(p)
st.button(p)
st.toast(p)
raise ValueError(p)
"""
    )
    page = app.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    expect(page.get_by_role("alert").filter(has_text="ValueError")).to_contain_text(PAYLOAD)
    grid = page.get_by_role("grid")
    expect(grid.get_by_role("gridcell", name=PAYLOAD)).to_be_visible()
    expect(grid.get_by_role("columnheader", name=PAYLOAD)).to_be_visible()
    expect(page.get_by_role("table").get_by_role("cell", name=PAYLOAD)).to_be_visible()
    expect(page.get_by_role("button", name=PAYLOAD).first).to_be_visible()
    expect(page.get_by_text(PAYLOAD).first).to_be_visible()
    assert page.get_by_text(PAYLOAD).count() >= 10
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    assert page.locator("img").count() == 0


@pytest.mark.parametrize("width", [400])
def test_grid_rows_and_headers_are_announced(
    app_page: Callable[..., AppPage], width: int
) -> None:
    app = app_page(
        f"""
import pandas as pd
import rillet as st
df = pd.DataFrame({{"a": [1.23456, None]}}, index=["x", "y"])
st.dataframe(df, width={width}, column_config={{
    "a": st.column_config.NumberColumn("Amount", format="$%.2f", help="in dollars"),
}})
"""
    )
    grid = app.page.get_by_role("grid")
    expect(grid).to_have_attribute("aria-rowcount", "3")
    expect(grid).to_have_attribute("aria-colcount", "2")
    expect(grid.get_by_role("rowheader", name="x")).to_be_visible()
    expect(grid.get_by_role("gridcell", name="$1.23")).to_be_visible()
    expect(grid.get_by_role("gridcell", name="None")).to_be_visible()
    expect(grid.get_by_role("img", name="Help: in dollars")).to_be_visible()
    box = grid.bounding_box()
    assert box is not None and abs(box["width"] - width) <= 2


LONG_PAGE = """
import rillet as st
for i in range(300):
    st.markdown(f"Paragraph **{i}** of a long page.")
    st.metric(f"Metric {i}", i)
st.button("At the end")
"""


def test_a_long_page_is_whole_for_readers_though_drawn_as_it_scrolls(
    app_page: Callable[..., AppPage],
) -> None:
    """Read-only elements off screen skip layout until scrolled near (content-visibility);
    they are still in the page, in order, readable, findable and shown when scrolled to."""
    app = app_page(LONG_PAGE)
    page = app.page
    last = page.get_by_text("Paragraph 299 of a long page.")
    expect(last).to_have_count(1)
    expect(page.get_by_role("button", name="At the end")).to_be_visible()
    last.scroll_into_view_if_needed()
    expect(last).to_be_in_viewport()
    box = last.bounding_box()
    assert box is not None and box["height"] > 0
    # Selecting the page (what copying it takes) gets every element, in order.
    text = page.evaluate(
        """() => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelector("main"));
          const selection = getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          return selection.toString();
        }"""
    )
    assert text.index("Paragraph 12 ") < text.index("Metric 150") < text.index("Paragraph 299 ")
