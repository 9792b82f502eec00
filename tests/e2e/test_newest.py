"""Streamlit 1.67's newest commands in Chromium, as a user finds and works them: pagination by
its page buttons and arrows, a menu button by mouse and keyboard, a datetime field typed into
and refused when wrong, the grid's columns and spans, a skeleton replaced by content, and
st.iframe frames sized and named."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppPage

WIDGETS = """
import rillet as st
from datetime import datetime
page = st.pagination(12, default=2, key="pg")
st.write(f"page={page}")
choice = st.menu_button("Actions", ["Copy", "Paste", "Delete"])
st.write(f"choice={choice}")
when = st.datetime_input("Meeting", datetime(2025, 3, 14, 9, 30),
                         min_value=datetime(2025, 1, 1), max_value=datetime(2025, 12, 31))
st.write(f"when={when}")
st.button("Rerun")
"""


def test_pagination_pages_by_buttons_and_arrows(app_page: Callable[..., AppPage]) -> None:
    app = app_page(WIDGETS)
    page = app.page
    nav = page.get_by_role("navigation", name="Pagination")
    expect(nav.get_by_role("button", name="Page 2")).to_have_attribute("aria-current", "page")
    # Twelve pages in seven slots, ellipses counted, as Streamlit shows them: 1 2 3 4 5 … 12.
    pages = nav.get_by_role("button", name=re.compile(r"^Page \d+$"))
    expect(pages).to_have_text(["1", "2", "3", "4", "5", "12"])
    app.after_run(lambda: nav.get_by_role("button", name="Page 12").click())
    expect(page.get_by_text("page=12")).to_be_visible()
    expect(nav.get_by_role("button", name="Next page")).to_be_disabled()
    expect(pages).to_have_text(["1", "8", "9", "10", "11", "12"])
    app.after_run(lambda: nav.get_by_role("button", name="Previous page").click())
    expect(page.get_by_text("page=11")).to_be_visible()
    expect(nav.get_by_role("button", name="Page 11")).to_have_attribute("aria-current", "page")
    # From the keyboard: a page button is a button.
    nav.get_by_role("button", name="Page 12").focus()
    app.after_run(lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text("page=12")).to_be_visible()
    assert not app.errors


def test_menu_button_returns_the_clicked_option_for_one_run(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(WIDGETS)
    page = app.page
    button = page.get_by_role("button", name="Actions")
    expect(button).to_have_attribute("aria-haspopup", "menu")
    button.click()
    menu = page.get_by_role("menu", name="Actions")
    expect(menu).to_be_visible()
    app.after_run(lambda: menu.get_by_role("menuitem", name="Paste").click())
    expect(page.get_by_text("choice=Paste")).to_be_visible()
    expect(menu).to_be_hidden()
    app.after_run(lambda: page.get_by_role("button", name="Rerun").click())
    expect(page.get_by_text("choice=None")).to_be_visible()
    # Keyboard only: open with ArrowDown, move down twice, choose with Enter.
    button.focus()
    page.keyboard.press("ArrowDown")
    expect(menu.get_by_role("menuitem", name="Copy")).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(menu.get_by_role("menuitem", name="Delete")).to_be_focused()
    app.after_run(lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text("choice=Delete")).to_be_visible()
    expect(button).to_be_focused()
    # Space opens it too (a native button), on the first entry; Escape closes without choosing.
    page.keyboard.press("Space")
    expect(menu.get_by_role("menuitem", name="Copy")).to_be_focused()
    page.keyboard.press("End")
    expect(menu.get_by_role("menuitem", name="Delete")).to_be_focused()
    expect(menu).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    assert not app.errors


def test_datetime_input_takes_typed_values_and_refuses_bad_ones(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(WIDGETS)
    page = app.page
    field = page.get_by_label("Meeting", exact=True)
    expect(field).to_have_value("2025/03/14 09:30")
    calendar = page.get_by_role("button", name="Choose Meeting from a calendar")
    expect(calendar).to_be_visible()
    field.focus()
    page.keyboard.press("Tab")
    expect(calendar).to_be_focused()
    field.fill("2025/07/01 18:45")
    app.after_run(lambda: field.press("Enter"))
    expect(page.get_by_text("when=2025-07-01 18:45:00")).to_be_visible()
    # Outside the bounds: marked invalid, explained, and not sent.
    runs = app.runs()
    field.fill("2026/01/01 10:00")
    field.press("Enter")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Enter a date and time as YYYY/MM/DD HH:MM")).to_be_visible()
    assert app.runs() == runs
    field.fill("2025/02/03 7:05")
    app.after_run(lambda: field.press("Enter"))
    expect(page.get_by_text("when=2025-02-03 07:05:00")).to_be_visible()
    expect(field).to_have_value("2025/02/03 07:05")
    expect(field).to_have_attribute("aria-invalid", "false")
    assert not app.errors


def test_datetime_calendar_picks_a_value(app_page: Callable[..., AppPage]) -> None:
    app = app_page(WIDGETS)
    page = app.page
    # The calendar button opens rillet's own calendar and time list (tests/e2e/test_calendar.py
    # works it in depth): its days stop at min_value, its times are `step` (15 min) apart, and
    # what it picks is committed like typed text.
    page.get_by_role("button", name="Choose Meeting from a calendar").click()
    dialog = page.get_by_role("dialog", name="Meeting calendar")
    dialog.get_by_role("combobox", name="Month").select_option("0")
    expect(dialog.get_by_role("gridcell", name="Tuesday, December 31, 2024")).to_have_attribute(
        "aria-disabled", "true"
    )
    expect(dialog.get_by_role("button", name="Previous month")).to_be_disabled()
    dialog.get_by_role("combobox", name="Month").select_option("4")
    app.after_run(lambda: dialog.get_by_role("gridcell", name="Tuesday, May 6, 2025").click())
    dialog.get_by_role("combobox", name="Time").click()
    times = dialog.get_by_role("listbox", name="Time options").get_by_role("option")
    expect(times.nth(57)).to_have_text("14:15")
    app.after_run(lambda: times.nth(57).click())
    expect(page.get_by_text("when=2025-05-06 14:15:00")).to_be_visible()
    expect(page.get_by_label("Meeting", exact=True)).to_have_value("2025/05/06 14:15")


GRID = """
import rillet as st
grid = st.grid(3, border=True, key="cards")
for i in range(5):
    grid.markdown(f"Card {i}")
with grid.cell(column_span="all"):
    st.markdown("Featured")
st.markdown("below")
"""


def test_grid_places_cells_in_columns_and_spans_a_full_row(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    page.set_viewport_size({"width": 1200, "height": 800})
    app = app_page(GRID)
    card0 = page.get_by_text("Card 0", exact=True)
    card1 = page.get_by_text("Card 1", exact=True)
    card3 = page.get_by_text("Card 3", exact=True)
    expect(card3).to_be_visible()
    box0, box1, box3 = (c.bounding_box() for c in (card0, card1, card3))
    assert box0 and box1 and box3
    assert abs(box0["y"] - box1["y"]) < 2 and box1["x"] > box0["x"], "side by side"
    assert box3["y"] > box0["y"] + 10 and abs(box3["x"] - box0["x"]) < 2, "wraps after three"
    grid = page.locator(".st-key-cards")
    featured = grid.locator("[data-type='grid_cell']")
    cell_box, grid_box = featured.bounding_box(), grid.bounding_box()
    assert cell_box and grid_box and abs(cell_box["width"] - grid_box["width"]) < 2
    # Narrow: one column, and the full-row cell shrinks with it.
    page.set_viewport_size({"width": 420, "height": 800})
    expect(card1).to_be_visible()
    page.wait_for_function(
        "() => { const [a, b] = [...document.querySelectorAll('.st-key-cards > *')];"
        " return b.getBoundingClientRect().y > a.getBoundingClientRect().y + 5; }"
    )
    assert not app.errors


FIXED_ROWS = """
import rillet as st
grid = st.grid(2, row_height=80, border=True, vertical_alignment="center", key="rows")
grid.markdown("short")
grid.markdown("\\n\\n".join(f"line {i}" for i in range(8)))
st.menu_button("Wide", ["x"], width="stretch")
"""


def test_fixed_rows_are_that_tall_and_taller_content_scrolls_inside(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(FIXED_ROWS)
    page = app.page
    expect(page.get_by_text("line 0")).to_be_attached()
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('.st-key-rows > *')].map(c => "
        "[c.getBoundingClientRect().height, c.scrollHeight > c.clientHeight, c.scrollTop])"
    )
    assert [round(h) for h, _, _ in sizes] == [80, 80]
    assert [scrolls for _, scrolls, _ in sizes] == [False, True]
    # Centred content that does not fit starts at its top, so all of it can be scrolled to.
    first_line = page.get_by_text("line 0").bounding_box()
    cell = page.locator(".st-key-rows > *").nth(1).bounding_box()
    assert first_line and cell and first_line["y"] >= cell["y"]
    # A stretched menu button is as wide as its container.
    button = page.get_by_role("button", name="Wide").bounding_box()
    grid = page.locator(".st-key-rows").bounding_box()
    assert button and grid and abs(button["width"] - grid["width"]) < 2
    assert not app.errors


SKELETON = """
import rillet as st
slot = st.skeleton(height=120)
if st.button("Load"):
    slot.markdown("Loaded!")
"""


def test_skeleton_holds_the_place_until_content_replaces_it(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(SKELETON)
    page = app.page
    loading = page.get_by_role("status", name="Loading")
    expect(loading).to_be_visible()
    box = loading.bounding_box()
    assert box and abs(box["height"] - 120) < 2
    app.after_run(lambda: page.get_by_role("button", name="Load").click())
    expect(page.get_by_text("Loaded!")).to_be_visible()
    expect(loading).to_have_count(0)


IFRAMES = """
import rillet as st
st.iframe("<div style='height:300px'>Tall document</div>", alt="Tall one")
st.iframe("<p>Fixed</p>", height=120, alt="Fixed one")
"""


def test_iframe_fits_an_html_document_and_names_the_frame(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(IFRAMES)
    page = app.page
    tall = page.locator("iframe[title='Tall one']")
    expect(tall).to_be_visible()
    expect(
        page.frame_locator("iframe[title='Tall one']").get_by_text("Tall document")
    ).to_be_visible()
    page.wait_for_function(
        "() => document.querySelector(\"iframe[title='Tall one']\").getBoundingClientRect()"
        ".height >= 300"
    )
    fixed = page.locator("iframe[title='Fixed one']").bounding_box()
    assert fixed and abs(fixed["height"] - 120) < 2
    assert not app.errors


SLOW = """
import time
import rillet as st
if st.button("Work"):
    with st.skeleton(height=90):
        time.sleep(2.5)
    st.write("done")
"""


def test_a_with_skeleton_fades_in_after_its_delay_and_goes_when_the_block_ends(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(SLOW)
    page = app.page
    # The opacity the skeleton has when it enters the page, read as it is inserted.
    page.evaluate(
        """() => new MutationObserver((_, observer) => {
             const s = document.querySelector('.rillet-skeleton');
             if (s) { window.firstOpacity = getComputedStyle(s).opacity; observer.disconnect(); }
           }).observe(document.body, { childList: true, subtree: true })"""
    )
    before = app.runs()
    page.get_by_role("button", name="Work").click()
    loading = page.get_by_role("status", name="Loading")
    expect(loading).to_have_attribute("data-delayed", "true")
    # Invisible at first (opacity 0), shown once the delay has passed, while the block runs.
    page.wait_for_function(
        "() => { const s = document.querySelector('.rillet-skeleton');"
        " return s && getComputedStyle(s).opacity === '1'; }"
    )
    assert app.runs() == before
    assert page.evaluate("window.firstOpacity") == "0"
    app.wait_runs(before + 1)
    expect(page.get_by_text("done")).to_be_visible()
    expect(loading).to_have_count(0)
