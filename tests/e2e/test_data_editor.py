"""Interactive data in Chromium: add_rows on tables, column types, selections, the editor."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect

from tests.e2e.conftest import AppPage

GROWING = """
import rillet as st
t = st.table({"n": [1, 2]})
d = st.dataframe({"n": [1, 2]}, hide_index=True)
if st.button("Grow"):
    t.add_rows({"n": [3]})
    d.add_rows({"n": [3]})
"""


def test_add_rows_grows_a_table_and_a_dataframe_in_place(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(GROWING)
    page = app.page
    table = page.get_by_role("table")
    grid = page.get_by_role("grid")
    expect(table.get_by_role("row")).to_have_count(3)
    app.after_run(lambda: page.get_by_role("button", name="Grow").click())
    expect(table.get_by_role("row")).to_have_count(4)
    expect(table.get_by_role("cell", name="3", exact=True)).to_be_visible()
    expect(grid).to_have_attribute("aria-rowcount", "4")
    expect(grid.get_by_role("gridcell", name="3", exact=True)).to_be_visible()
    assert app.errors == []


TYPES = """
import pandas as pd
import rillet as st
cc = st.column_config
df = pd.DataFrame({
    "name": ["Widget"], "ok": [True], "site": ["https://example.org/widgets"],
    "tags": [["red", "blue"]], "trend": [[1, 5, 2]], "sales": [[3, 1]], "fill": [[1, 2]],
    "stock": [0.4], "when": pd.to_datetime(["2024-05-01"]),
    "img": ["data:image/png;base64,iVBORw0KGgo="],
    "meta": [{"k": 1}], "size": ["m"],
})
st.dataframe(df, hide_index=True, column_config={
    "name": cc.TextColumn("Name", pinned=True),
    "ok": cc.CheckboxColumn("In stock"),
    "site": cc.LinkColumn("Site", display_text=r"https://example\\.org/(.*)"),
    "tags": cc.ListColumn("Tags"),
    "trend": cc.LineChartColumn("Trend"),
    "sales": cc.BarChartColumn("Sales"),
    "fill": cc.AreaChartColumn("Fill"),
    "stock": cc.ProgressColumn("Stock", min_value=0, max_value=1),
    "when": cc.DateColumn("When", format="D MMM YYYY"),
    "img": cc.ImageColumn("Picture"),
    "meta": cc.JsonColumn("Meta"),
    "size": cc.SelectboxColumn("Size", options=["s", "m"], format_func=lambda s: s.upper() + "!"),
})
"""


def test_each_column_type_draws_its_cells(app_page: Callable[..., AppPage]) -> None:
    app = app_page(TYPES)
    grid = app.page.get_by_role("grid")
    row = grid.locator('[role="row"][aria-rowindex="2"]')
    expect(row.get_by_role("checkbox", name="In stock")).to_be_checked()
    link = row.get_by_role("link", name="widgets")
    expect(link).to_have_attribute("href", "https://example.org/widgets")
    expect(row.locator(".rillet-grid-chip")).to_have_text(["red", "blue"])
    expect(row.get_by_role("img", name="line chart: 1, 5, 2").locator("polyline")).to_have_count(1)
    expect(row.get_by_role("img", name="bar chart: 3, 1").locator("rect")).to_have_count(2)
    expect(row.get_by_role("img", name="area chart: 1, 2").locator("polygon")).to_have_count(1)
    expect(row.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "0.4")
    expect(row.get_by_role("gridcell", name="1 May 2024")).to_be_visible()
    expect(row.locator("img.rillet-grid-image")).to_have_count(1)
    expect(row.get_by_role("gridcell", name='{"k":1}')).to_be_visible()
    expect(row.get_by_role("gridcell", name="M!")).to_be_visible()
    # The pinned column comes first and stays put when the grid scrolls sideways.
    first = grid.locator('[role="columnheader"]').first
    expect(first).to_have_text("Name")
    expect(first).to_have_css("position", "sticky")
    assert app.errors == []


SELECTING = """
import pandas as pd
import rillet as st
st.session_state.setdefault("full_runs", 0)
st.session_state.full_runs += 1
df = pd.DataFrame({"item": ["bolt", "nut", "gear"], "qty": [5, 9, 2]})

@st.fragment
def master_detail():
    event = st.dataframe(df, on_select="rerun", selection_mode="single-row", key="pick")
    rows = event.selection.rows
    st.write("Detail: " + (df.iloc[rows[0]]["item"] if rows else "none"))

master_detail()
st.write(f"Full runs: {st.session_state.full_runs}")
"""


def test_a_row_selection_drives_a_detail_view_in_a_fragment(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(SELECTING)
    page = app.page
    grid = page.get_by_role("grid")
    expect(page.get_by_text("Detail: none")).to_be_visible()
    # Sorted by quantity in the page, the first row shown is "gear" (position 2 in the data).
    grid.get_by_role("button", name="qty").click()
    expect(grid.locator('[aria-rowindex="2"]').get_by_role("gridcell").first).to_have_text("gear")
    app.after_run(lambda: grid.get_by_role("gridcell", name="gear").click())
    expect(page.get_by_text("Detail: gear")).to_be_visible()
    expect(grid.locator('[role="row"][aria-selected="true"]')).to_have_count(1)
    expect(page.get_by_text("Full runs: 1")).to_be_visible()  # only the fragment reran
    app.after_run(lambda: grid.get_by_role("gridcell", name="bolt").click())
    expect(page.get_by_text("Detail: bolt")).to_be_visible()
    expect(grid.locator('[role="row"][aria-selected="true"]')).to_have_text("0bolt5")
    assert app.errors == []
