"""The dataframe's toolbar and column resizing in Chromium: each button found by its name,
search over every row of a paged table, the CSV of every row, fullscreen closed by Escape,
hidden columns, widths dragged or keyed and kept across reruns, and a 400 px wide screen."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import AppPage

PAGED = """
import pandas as pd
import rillet as st
n = 5000
df = pd.DataFrame({"name": [f"item {i}" for i in range(n)], "price": [i * 2 for i in range(n)],
                   "city": ["Oslo" if i % 1000 == 999 else "Lima" for i in range(n)]})
st.dataframe(df)
st.button("Rerun")
"""

SMALL = """
import rillet as st
st.dataframe({"fruit": ["apple", "banana", "cherry"], "count": [3, 12, 7]})
st.button("Rerun")
"""


def open_paged(app_page: Callable[..., AppPage]) -> tuple[AppPage, Locator]:
    app = app_page(PAGED)
    grid = app.page.get_by_role("grid")
    expect(grid).to_have_attribute("aria-rowcount", "5001")
    return app, grid


def test_the_toolbar_shows_on_hover_with_streamlits_buttons(
    app_page: Callable[..., AppPage],
) -> None:
    app, grid = open_paged(app_page)
    toolbar = app.page.get_by_role("toolbar", name="Table toolbar")
    expect(toolbar).to_have_css("opacity", "0")
    grid.hover()
    expect(toolbar).to_have_css("opacity", "1")
    for name in ("Show/hide columns", "Download as CSV", "Search", "Fullscreen"):
        expect(toolbar.get_by_role("button", name=name, exact=True)).to_be_visible()


def test_search_runs_over_every_row_on_the_server(app_page: Callable[..., AppPage]) -> None:
    app, grid = open_paged(app_page)
    grid.hover()
    app.page.get_by_role("button", name="Search", exact=True).click()
    box = app.page.get_by_role("searchbox", name="Search the table")
    expect(box).to_be_focused()
    box.fill("oslo")
    # Rows 999, 1999, ... are far beyond the rows the element brought.
    expect(grid).to_have_attribute("aria-rowcount", "6")
    expect(app.page.get_by_role("status").filter(has_text="row")).to_have_text("5 rows")
    expect(grid.get_by_role("gridcell", name="item 4999", exact=True)).to_be_visible()
    expect(grid.get_by_role("gridcell", name="item 1", exact=True)).to_have_count(0)
    box.press("Escape")
    expect(box).to_be_hidden()
    expect(grid).to_have_attribute("aria-rowcount", "5001")
    expect(grid.get_by_role("gridcell", name="item 1", exact=True)).to_be_visible()


def test_search_in_a_table_the_page_holds_whole(app_page: Callable[..., AppPage]) -> None:
    app = app_page(SMALL)
    grid = app.page.get_by_role("grid")
    grid.hover()
    app.page.get_by_role("button", name="Search", exact=True).click()
    app.page.get_by_role("searchbox", name="Search the table").fill("AN")
    expect(grid).to_have_attribute("aria-rowcount", "2")
    expect(grid.get_by_role("gridcell", name="banana")).to_be_visible()


def test_download_as_csv_saves_every_row(app_page: Callable[..., AppPage]) -> None:
    app, grid = open_paged(app_page)
    grid.hover()
    with app.page.expect_download() as info:
        app.page.get_by_role("button", name="Download as CSV").click()
    download = info.value
    assert download.suggested_filename.endswith("_export.csv")
    text = open(download.path(), encoding="utf-8-sig").read()
    lines = text.split("\n")
    assert lines[0] == ",name,price,city"
    assert lines[5000] == "4999,item 4999,9998,Oslo"
    assert len(lines) == 5002


def test_hidden_columns_leave_the_grid_and_the_csv(app_page: Callable[..., AppPage]) -> None:
    app, grid = open_paged(app_page)
    grid.hover()
    app.page.get_by_role("button", name="Show/hide columns").click()
    app.page.get_by_role("checkbox", name="price").uncheck()
    expect(grid.get_by_role("columnheader", name="price")).to_be_hidden()
    expect(grid.get_by_role("gridcell", name="item 3", exact=True)).to_be_visible()
    app.page.keyboard.press("Escape")
    expect(app.page.get_by_role("group", name="Columns")).to_be_hidden()
    grid.hover()
    with app.page.expect_download() as info:
        app.page.get_by_role("button", name="Download as CSV").click()
    assert open(info.value.path(), encoding="utf-8-sig").readline() == ",name,city\n"
    app.after_run(lambda: app.page.get_by_role("button", name="Rerun").click())
    expect(grid.get_by_role("columnheader", name="price")).to_be_hidden()


def test_fullscreen_fills_the_viewport_and_escape_closes_it(
    app_page: Callable[..., AppPage],
) -> None:
    app, grid = open_paged(app_page)
    grid.hover()
    app.page.get_by_role("button", name="Fullscreen", exact=True).click()
    close = app.page.get_by_role("button", name="Close fullscreen")
    expect(close).to_be_visible()
    viewport = app.page.viewport_size or {"height": 720}
    box = grid.bounding_box()
    assert box is not None and box["height"] > viewport["height"] * 0.8
    app.page.keyboard.press("Escape")
    expect(app.page.get_by_role("button", name="Fullscreen", exact=True)).to_have_count(1)
    expect(close).to_have_count(0)
    box = grid.bounding_box()
    assert box is not None and box["height"] < viewport["height"] * 0.7


def header_width(grid: Locator, name: str) -> float:
    box = grid.get_by_role("columnheader", name=name).bounding_box()
    assert box is not None
    return float(box["width"])


def test_dragging_a_header_edge_resizes_and_the_width_survives_a_rerun(
    app_page: Callable[..., AppPage],
) -> None:
    app, grid = open_paged(app_page)
    before = header_width(grid, "name")
    handle = app.page.get_by_role("separator", name="Resize column name")
    box = handle.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    app.page.mouse.move(x, y)
    app.page.mouse.down()
    app.page.mouse.move(x + 150, y, steps=5)
    app.page.mouse.up()
    after = header_width(grid, "name")
    assert after > before + 100
    # Releasing the edge did not sort the column.
    expect(grid.get_by_role("columnheader", name="name")).to_have_attribute("aria-sort", "none")
    app.after_run(lambda: app.page.get_by_role("button", name="Rerun").click())
    assert abs(header_width(grid, "name") - after) < 2


def test_arrow_keys_on_the_edge_resize_the_column(app_page: Callable[..., AppPage]) -> None:
    app, grid = open_paged(app_page)
    handle = app.page.get_by_role("separator", name="Resize column price")
    before = header_width(grid, "price")
    handle.focus()
    handle.press("Shift+ArrowLeft")
    expect(app.page.get_by_role("separator", name="Resize column price")).to_be_focused()
    assert header_width(grid, "price") < before


def test_on_a_400px_screen_the_grid_scrolls_sideways_not_the_page(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    page.set_viewport_size({"width": 400, "height": 700})
    app = app_page("""
import rillet as st
st.dataframe({f"column number {i}": [i * 1000.5] * 30 for i in range(8)})
""")
    grid = app.page.get_by_role("grid")
    expect(grid).to_have_attribute("aria-rowcount", "31")
    assert app.page.evaluate("document.documentElement.scrollWidth") <= 400
    assert grid.evaluate("g => g.scrollWidth > g.clientWidth")
    box = grid.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 400


EDITOR = """
import rillet as st
out = st.data_editor({"fruit": ["apple", "pear", "plum"], "count": [1, 2, 3]}, key="ed")
st.write("Counts: " + ", ".join(f"{f}={c}" for f, c in zip(out["fruit"], out["count"])))
"""


def test_an_editor_row_found_by_search_is_edited_at_its_own_position(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(EDITOR)
    page = app.page
    grid = page.get_by_role("grid")
    grid.hover()
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("searchbox", name="Search the table").fill("plum")
    expect(grid).to_have_attribute("aria-rowcount", "2")
    cell = grid.locator('[role="row"][aria-rowindex="2"] [aria-colindex="2"]')
    expect(cell).to_have_text("3")
    cell.click()
    app.after_run(lambda: (page.keyboard.type("9"), page.keyboard.press("Enter")))
    expect(page.get_by_text("Counts: apple=1, pear=2, plum=9")).to_be_visible()
