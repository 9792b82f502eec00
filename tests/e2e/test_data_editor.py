"""Interactive data in Chromium: add_rows on tables, column types, selections, the editor."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page, expect

from tests.conftest import LiveServer, write_script
from tests.e2e.conftest import AppPage
from tests.e2e.test_chrome import Listener

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


INVENTORY = """
import pandas as pd
import rillet as st
cc = st.column_config
df = pd.DataFrame({
    "item": ["bolt", "nut", "gear"], "qty": [5, 9, 2], "size": ["s", "m", "l"],
    "ok": [True, False, True], "sku": ["B-1", "N-1", "G-1"],
})
out = st.data_editor(df, num_rows="dynamic", key="stock", disabled=["sku"], column_config={
    "qty": cc.NumberColumn("Qty", min_value=0, max_value=100),
    "size": cc.SelectboxColumn("Size", options=["s", "m", "l"]),
    "ok": cc.CheckboxColumn("In stock", default=True),
})
st.write("Rows: " + "; ".join(
    f"{r.item}|{r.qty}|{r.size}|{r.ok}" for r in out.itertuples()))
"""


def cell(grid: Any, row: int, column: int) -> Any:
    """The cell at shown row `row` (0 is the first data row) and column `column`."""
    return grid.locator(f'[role="row"][aria-rowindex="{row + 2}"]').locator(
        f'[aria-colindex="{column + 1}"]')


def test_an_inventory_is_edited_with_the_keyboard(app_page: Callable[..., AppPage]) -> None:
    app = app_page(INVENTORY)
    page = app.page
    grid = page.get_by_role("grid")
    expect(grid.get_by_role("columnheader", name="Qty")).to_be_visible()
    cell(grid, 0, 1).click()
    expect(cell(grid, 0, 1)).to_be_focused()
    # Typing opens the editor with what was typed; Enter commits and moves down.
    page.keyboard.type("1")
    editor = grid.get_by_role("spinbutton", name="Qty")
    expect(editor).to_have_value("1")
    app.after_run(lambda: (page.keyboard.type("2"), page.keyboard.press("Enter")))
    expect(page.get_by_text("Rows: bolt|12|s|True; nut|9|m|False; gear|2|l|True")).to_be_visible()
    expect(cell(grid, 1, 1)).to_be_focused()
    # Arrow keys move the focus cell; Enter opens a text editor; Tab commits and moves right.
    page.keyboard.press("ArrowLeft")
    expect(cell(grid, 1, 0)).to_be_focused()
    page.keyboard.press("Enter")
    text = grid.get_by_role("textbox", name="item")
    expect(text).to_have_value("nut")
    app.after_run(lambda: (text.fill("washer"), page.keyboard.press("Tab")))
    expect(page.get_by_text("Rows: bolt|12|s|True; washer|9|m|False; gear|2|l|True")
           ).to_be_visible()
    expect(cell(grid, 1, 1)).to_be_focused()
    # Escape cancels an edit; nothing is sent.
    page.keyboard.type("7")
    page.keyboard.press("Escape")
    expect(cell(grid, 1, 1)).to_have_text("9")
    # Space toggles a checkbox; a selectbox edits with its options.
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    app.after_run(lambda: page.keyboard.press(" "))
    expect(page.get_by_text("Rows: bolt|12|s|True; washer|9|m|True; gear|2|l|True")).to_be_visible()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    app.after_run(lambda: (grid.get_by_role("combobox", name="Size").select_option("l"),
                           page.keyboard.press("Enter")))
    expect(page.get_by_text("Rows: bolt|12|s|True; washer|9|l|True; gear|2|l|True")).to_be_visible()
    # Leaving the cell (a click elsewhere) keeps what was typed.
    cell(grid, 2, 1).click()
    page.keyboard.type("4")
    app.after_run(lambda: page.get_by_text("Rows:").click())
    expect(page.get_by_text("Rows: bolt|12|s|True; washer|9|l|True; gear|4|l|True")).to_be_visible()
    # A disabled column says so and takes nothing.
    expect(cell(grid, 0, 4)).to_have_attribute("aria-readonly", "true")
    assert app.errors == []


def test_an_invalid_value_is_refused_marked_and_fixed(app_page: Callable[..., AppPage]) -> None:
    app = app_page(INVENTORY)
    page = app.page
    grid = page.get_by_role("grid")
    cell(grid, 2, 1).dblclick()
    spin = grid.get_by_role("spinbutton", name="Qty")
    app.after_run(lambda: (spin.fill("500"), page.keyboard.press("Enter")))
    refused = cell(grid, 2, 1)
    expect(refused).to_have_attribute("aria-invalid", "true")
    expect(refused).to_have_attribute("title", "500 is above the maximum 100")
    expect(refused).to_have_text("500")  # what the user typed stays, to be fixed
    expect(page.get_by_text("Rows: bolt|5|s|True; nut|9|m|False; gear|2|l|True")).to_be_visible()
    refused.dblclick()
    app.after_run(lambda: (spin.fill("50"), page.keyboard.press("Enter")))
    expect(page.get_by_text("gear|50|l|True")).to_be_visible()
    expect(cell(grid, 2, 1)).not_to_have_attribute("aria-invalid", "true")
    assert app.errors == []


def test_rows_are_added_and_deleted(app_page: Callable[..., AppPage]) -> None:
    app = app_page(INVENTORY)
    page = app.page
    grid = page.get_by_role("grid")
    app.after_run(lambda: page.get_by_role("button", name="+ Add row").click())
    expect(grid).to_have_attribute("aria-rowcount", "5")
    # The new row has the columns' defaults and is focused, ready to type in.
    expect(cell(grid, 3, 3).get_by_role("checkbox")).to_be_checked()
    expect(cell(grid, 3, 0)).to_be_focused()
    page.keyboard.type("spring")
    app.after_run(lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text(re.compile(r"gear\|2\|l\|True; spring\|None\|"))).to_be_visible()
    # Rows are picked with their checkbox (or Shift+Space) and deleted with Delete.
    grid.get_by_role("checkbox", name="Select row 1").click()
    expect(page.get_by_role("button", name="Delete row")).to_be_visible()
    cell(grid, 1, 0).click()
    page.keyboard.press("Shift+Space")
    app.after_run(lambda: page.keyboard.press("Delete"))
    expect(page.get_by_text(re.compile(r"^Rows: gear\|2\|l\|True; spring\|None\|"))).to_be_visible()
    expect(grid).to_have_attribute("aria-rowcount", "3")
    expect(cell(grid, 0, 0)).to_have_text("gear")
    assert app.errors == []


def paste(page: Any, target: Any, text: str) -> None:
    """Paste `text` as the browser does: a paste event with the text on the focused cell."""
    target.evaluate(
        "(node, text) => { const data = new DataTransfer(); data.setData('text/plain', text);"
        " node.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,"
        " cancelable: true})); }", text)


def test_copy_and_paste_tsv(app_page: Callable[..., AppPage]) -> None:
    app = app_page(INVENTORY)
    page = app.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    grid = page.get_by_role("grid")
    # Copy a 2x2 range with Shift+arrows and Ctrl+C.
    cell(grid, 0, 0).click()
    page.keyboard.press("Shift+ArrowDown")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("ControlOrMeta+c")
    page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    assert page.evaluate("navigator.clipboard.readText()") == "bolt\t5\nnut\t9"
    # Paste a block at the focus cell: one message, values read per column type; rows past
    # the end are added in a dynamic editor.
    cell(grid, 2, 0).click()
    app.after_run(lambda: paste(page, cell(grid, 2, 0), "cog\t4\nspring\t8\n"))
    expect(page.get_by_text(re.compile(r"cog\|4\|l\|True; spring\|8\|"))).to_be_visible()
    expect(grid).to_have_attribute("aria-rowcount", "5")
    assert app.errors == []


FIXED = """
import rillet as st
out = st.data_editor({"item": ["bolt", "nut"], "qty": [5, 9]})
st.write(f"Qty: {list(out['qty'])}")
"""


def test_a_block_larger_than_a_fixed_table_is_refused(app_page: Callable[..., AppPage]) -> None:
    app = app_page(FIXED)
    page = app.page
    grid = page.get_by_role("grid")
    cell(grid, 1, 1).click()
    paste(page, cell(grid, 1, 1), "1\n2\n3")
    expect(page.get_by_role("status").filter(has_text="Not pasted")).to_contain_text(
        "the block has 3 rows and only 1 fit from here; this table cannot grow")
    expect(page.get_by_text("Qty: [5, 9]")).to_be_visible()
    expect(page.get_by_role("button", name="+ Add row")).to_be_hidden()
    app.after_run(lambda: paste(page, cell(grid, 1, 1), "7"))
    expect(page.get_by_text("Qty: [5, 7]")).to_be_visible()
    assert app.errors == []


HELD = """
import rillet as st
st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
out = st.data_editor({"item": ["bolt", "nut"], "qty": [5, 9]}, on_change="ignore", key="held")
st.button("Save")
st.write(f"Run {st.session_state.runs}: {list(out['qty'])}")
with st.form("order"):
    ordered = st.data_editor({"part": ["cog"], "n": [1]}, key="in_form")
    st.form_submit_button("Order")
st.write(f"Ordered: {list(ordered['n'])}")
"""


def test_held_edits_wait_for_a_rerun_and_form_edits_for_submit(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(HELD)
    page = app.page
    held, in_form = page.get_by_role("grid").all()
    # on_change="ignore": the page shows the edit and the app does not rerun ...
    cell(held, 0, 1).click()
    page.keyboard.type("6")
    page.keyboard.press("Enter")
    page.keyboard.type("8")
    page.keyboard.press("Enter")
    expect(cell(held, 1, 1)).to_have_text("8")
    expect(page.get_by_text("Run 1: [5, 9]")).to_be_visible()
    # ... until something else reruns it: both edits go along.
    app.after_run(lambda: page.get_by_role("button", name="Save").click())
    expect(page.get_by_text("Run 2: [6, 8]")).to_be_visible()
    # In a form, edits wait for the submit and all of them arrive.
    cell(in_form, 0, 1).click()
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Ordered: [1]")).to_be_visible()
    app.after_run(lambda: page.get_by_role("button", name="Order").click())
    expect(page.get_by_text("Ordered: [3]")).to_be_visible()
    assert app.errors == []


def test_a_dataframe_copies_its_cells_too(app_page: Callable[..., AppPage]) -> None:
    app = app_page('import rillet as st\nst.dataframe({"a": [1, 2], "b": ["x", "y"]}, '
                   "hide_index=True)\n")
    page = app.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    grid = page.get_by_role("grid")
    # A roving tabindex: one cell is the grid's tab stop, and Tab from the header lands on it.
    expect(grid.locator('[role="gridcell"][tabindex="0"]')).to_have_count(1)
    grid.get_by_role("separator", name="Resize column b").focus()  # the header's last stop
    page.keyboard.press("Tab")
    expect(cell(grid, 0, 0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(cell(grid, 1, 0)).to_be_focused()
    expect(grid.locator('[role="gridcell"][tabindex="0"]')).to_have_count(1)
    cell(grid, 0, 0).click()
    page.keyboard.press("Shift+End")
    page.keyboard.press("ControlOrMeta+c")
    page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    assert page.evaluate("navigator.clipboard.readText()") == "1\tx"
    # Typing on a read-only grid changes nothing.
    page.keyboard.type("9")
    expect(cell(grid, 0, 0)).to_have_text("1")
    assert app.errors == []


LARGE = """
import pandas as pd
import rillet as st
df = pd.DataFrame({"n": range(100_000), "label": [f"row {i}" for i in range(100_000)]})
out = st.data_editor(df, key="big")
st.write(f"Edited: {st.session_state.big['edited_rows']} last={out.label.iloc[-1]}")
"""


def test_a_large_editor_sends_only_the_edited_cell(app_page: Callable[..., AppPage]) -> None:
    app = app_page(LARGE)
    page = app.page
    grid = page.get_by_role("grid")
    frames: list[tuple[str, int]] = []
    page.on("websocket", lambda ws: (
        ws.on("framesent", lambda f: frames.append(("sent", len(str(f))))),
        ws.on("framereceived", lambda f: frames.append(("received", len(str(f))))),
    ))
    page.reload()
    expect(grid.get_by_role("gridcell", name="row 0", exact=True)).to_be_visible()
    cell(grid, 0, 2).click()
    # Ctrl+End goes to the last row; its rows come from the server as it scrolls there.
    page.keyboard.press("ControlOrMeta+End")
    last = grid.locator('[role="row"][aria-rowindex="100001"]')
    expect(last.get_by_role("gridcell", name="row 99999", exact=True)).to_be_focused()
    frames.clear()
    page.keyboard.type("end")
    app.after_run(lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text("Edited: {99999: {'label': 'end'}} last=end")).to_be_visible()
    sent = sum(size for way, size in frames if way == "sent")
    received = sum(size for way, size in frames if way == "received")
    assert sent < 200, frames
    assert received < 2000, frames
    assert app.errors == []


TYPED = """
import datetime
import rillet as st
cc = st.column_config
out = st.data_editor(
    {"day": [datetime.date(2024, 5, 1)], "at": [datetime.time(9, 30)],
     "tags": [["a"]], "colors": [["red"]], "site": ["https://a.example"]},
    key="typed",
    column_config={
        "day": cc.DateColumn("Day", min_value=datetime.date(2024, 1, 1)),
        "at": cc.TimeColumn("At"),
        "tags": cc.ListColumn("Tags"),
        "colors": cc.MultiselectColumn("Colors", options=["red", "green", "blue"]),
        "site": cc.LinkColumn("Site"),
    },
)
st.write(f"Edits: {st.session_state.typed['edited_rows']}")
"""


def test_dates_times_lists_choices_and_links_are_edited(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(TYPED)
    page = app.page
    grid = page.get_by_role("grid")
    cell(grid, 0, 0).click()
    page.keyboard.press("Enter")
    day = grid.get_by_label("Day", exact=True)
    app.after_run(lambda: (day.fill("2024-06-02"), page.keyboard.press("Tab")))
    expect(page.get_by_text("Edits: {0: {'day': '2024-06-02'}}")).to_be_visible()
    page.keyboard.press("Enter")
    at = grid.get_by_label("At", exact=True)
    app.after_run(lambda: (at.fill("13:45:10"), page.keyboard.press("Tab")))
    expect(page.get_by_text("'at': '13:45:10'")).to_be_visible()
    page.keyboard.press("Enter")
    app.after_run(lambda: (grid.get_by_role("textbox", name="Tags").fill("a, b"),
                           page.keyboard.press("Tab")))
    expect(page.get_by_text("'tags': ['a', 'b']")).to_be_visible()
    page.keyboard.press("Enter")
    app.after_run(lambda: (grid.get_by_role("listbox", name="Colors").select_option(
        ["green", "blue"]), page.keyboard.press("Tab")))
    expect(page.get_by_text("'colors': ['green', 'blue']")).to_be_visible()
    page.keyboard.press("Enter")
    app.after_run(lambda: (grid.get_by_role("textbox", name="Site").fill("https://b.example"),
                           page.keyboard.press("Enter")))
    expect(page.get_by_text("'site': 'https://b.example'")).to_be_visible()
    # A date before min_value is refused and marked.
    cell(grid, 0, 0).click()
    page.keyboard.press("Enter")
    app.after_run(lambda: (day.fill("2023-01-01"), page.keyboard.press("Enter")))
    expect(cell(grid, 0, 0)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("'day': '2024-06-02'")).to_be_visible()
    assert app.errors == []


def test_arrow_keys_skip_hidden_columns(app_page: Callable[..., AppPage]) -> None:
    app = app_page('import rillet as st\nst.dataframe({"a": [1], "b": [2], "c": [3]}, '
                   "hide_index=True)\n")
    page = app.page
    grid = page.get_by_role("grid")
    expect(grid).to_have_attribute("aria-readonly", "true")
    grid.hover()  # the toolbar shows on hover, as Streamlit's
    page.get_by_role("button", name="Show/hide columns").click()
    page.get_by_role("checkbox", name="b").uncheck()
    cell(grid, 0, 0).click()
    page.keyboard.press("ArrowRight")
    expect(cell(grid, 0, 2)).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(cell(grid, 0, 0)).to_be_focused()
    assert app.errors == []


def test_a_sorted_editor_edits_and_deletes_the_rows_shown(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(INVENTORY)
    page = app.page
    grid = page.get_by_role("grid")
    grid.get_by_role("button", name="Qty").click()  # ascending: gear (2), bolt (5), nut (9)
    expect(cell(grid, 0, 0)).to_contain_text("gear")
    cell(grid, 0, 1).click()
    page.keyboard.type("3")
    app.after_run(lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text("Rows: bolt|5|s|True; nut|9|m|False; gear|3|l|True")).to_be_visible()
    # Deleted while sorted, a row stays in place, struck through, and leaves the data.
    grid.get_by_role("checkbox", name="Select row 1").click()  # bolt, data row 1
    app.after_run(lambda: page.get_by_role("button", name="Delete row").click())
    expect(page.get_by_text("Rows: nut|9|m|False; gear|3|l|True")).to_be_visible()
    expect(grid.locator(".rillet-grid-deleted")).to_contain_text("bolt")
    assert app.errors == []


def test_a_disabled_editor_offers_no_editing(app_page: Callable[..., AppPage]) -> None:
    app = app_page('import rillet as st\nst.data_editor({"a": [1, 2]}, disabled=True, '
                   'num_rows="dynamic")\nst.write("ready")\n')
    page = app.page
    grid = page.get_by_role("grid")
    expect(grid).to_have_attribute("aria-readonly", "true")
    expect(page.get_by_role("button", name="+ Add row")).to_be_hidden()
    expect(grid.get_by_role("checkbox", name="Select row 1")).to_have_count(0)
    cell(grid, 0, 0).click()
    page.keyboard.type("5")
    expect(grid.get_by_role("spinbutton")).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text="cannot be edited")).to_be_visible()
    assert app.errors == []


def test_edits_made_while_disconnected_reach_the_resumed_session(page: Page) -> None:
    server = LiveServer(write_script(FIXED))  # its app only: served by Listener
    listener = Listener(server.app, server.port)
    try:
        app = AppPage(page, server).open()
        grid = page.get_by_role("grid")
        cell(grid, 0, 1).click()
        page.keyboard.type("6")
        app.after_run(lambda: page.keyboard.press("Enter"))
        expect(page.get_by_text("Qty: [6, 9]")).to_be_visible()

        listener.stop()
        expect(page.locator("body")).to_have_attribute("data-connection", "disconnected")
        page.keyboard.type("8")  # the focus moved down to the second row
        page.keyboard.press("Enter")
        page.wait_for_function("window.__rillet.queued === 1")

        listener = Listener(server.app, server.port)
        expect(page.get_by_text("Qty: [6, 8]")).to_be_visible(timeout=20_000)
        # The rebuilt page shows both edits: the one the server had, the one it was sent.
        expect(cell(grid, 0, 1)).to_have_text("6")
        expect(cell(grid, 1, 1)).to_have_text("8")
        assert app.errors == []
    finally:
        listener.stop()
