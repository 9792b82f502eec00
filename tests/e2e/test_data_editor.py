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
