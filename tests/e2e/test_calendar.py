"""The calendar popover of date_input and datetime_input in Chromium, as a user works it: a
day picked from the keyboard alone, days outside min/max refused, a range picked start then
end (half-picked as Streamlit returns it), the popover placed by its field, and a date and a
time picked in one popover."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect

from tests.e2e.conftest import AppPage

DATES = """
import rillet as st
from datetime import date, datetime
day = st.date_input("Day", date(2024, 5, 17), min_value=date(2024, 5, 3),
                    max_value=date(2024, 6, 28), format="DD.MM.YYYY")
trip = st.date_input("Trip", (date(2024, 5, 1), date(2024, 5, 7)))
st.text(f"day={day} trip={trip}")
"""


def test_keyboard_only_pick(app_page: Callable[..., AppPage]) -> None:
    app = app_page(DATES)
    page = app.page
    field = page.get_by_role("textbox", name="Day")
    field.focus()
    page.keyboard.press("Tab")
    button = page.get_by_role("button", name="Choose Day from a calendar")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Day calendar")
    expect(dialog).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    # Focus starts on the chosen day, which is marked selected.
    chosen = dialog.get_by_role("gridcell", name="Friday, May 17, 2024")
    expect(chosen).to_be_focused()
    expect(chosen).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowRight")  # Sat 18
    page.keyboard.press("ArrowDown")  # Sat 25
    page.keyboard.press("Home")  # Sun 19
    expect(dialog.get_by_role("gridcell", name="Sunday, May 19, 2024")).to_be_focused()
    page.keyboard.press("End")  # Sat 25
    page.keyboard.press("PageDown")  # Tue Jun 25
    expect(dialog.get_by_role("combobox", name="Month")).to_have_value("5")
    expect(dialog.get_by_role("gridcell", name="Tuesday, June 25, 2024")).to_be_focused()
    page.keyboard.press("ArrowUp")  # Jun 18
    page.keyboard.press("ArrowLeft")  # Jun 17
    app.after_run(lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text("day=2024-06-17 ")).to_be_visible()
    expect(dialog).to_be_hidden()
    expect(field).to_have_value("17.06.2024")  # the widget's format
    expect(button).to_be_focused()
    # Escape closes without picking and gives focus back; Space picks as Enter does.
    page.keyboard.press("Enter")
    expect(dialog.get_by_role("gridcell", name="Monday, June 17, 2024")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    app.after_run(lambda: page.keyboard.press("Space"))
    expect(page.get_by_text("day=2024-06-18 ")).to_be_visible()
    assert app.errors == []


def test_days_outside_min_and_max_are_disabled(app_page: Callable[..., AppPage]) -> None:
    app = app_page(DATES)
    page = app.page
    page.get_by_role("button", name="Choose Day from a calendar").click()
    dialog = page.get_by_role("dialog", name="Day calendar")
    early = dialog.get_by_role("gridcell", name="Thursday, May 2, 2024")
    expect(early).to_have_attribute("aria-disabled", "true")
    expect(dialog.get_by_role("gridcell", name="Friday, May 3, 2024")).not_to_have_attribute(
        "aria-disabled", "true"
    )
    expect(dialog.get_by_role("button", name="Previous month")).to_be_disabled()
    runs = app.runs()
    early.click(force=True)  # a pointer can still land on it
    expect(dialog).to_be_visible()  # nothing picked
    assert app.runs() == runs
    # The keyboard stops at the bounds too.
    dialog.get_by_role("gridcell", name="Friday, May 3, 2024").click()
    app.wait_runs(runs + 1)
    expect(page.get_by_text("day=2024-05-03 ")).to_be_visible()
    page.get_by_role("button", name="Choose Day from a calendar").press("Enter")
    page.keyboard.press("ArrowLeft")
    expect(dialog.get_by_role("gridcell", name="Friday, May 3, 2024")).to_be_focused()
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    expect(dialog.get_by_role("gridcell", name="Friday, June 28, 2024")).to_be_focused()
    expect(dialog.get_by_role("button", name="Next month")).to_be_disabled()
    # Today is marked for what it is, whatever month is shown.
    assert dialog.locator("[aria-current='date']").count() <= 1
    assert app.errors == []


def test_range_pick_start_then_end(app_page: Callable[..., AppPage]) -> None:
    app = app_page(DATES)
    page = app.page
    trip = page.get_by_role("group", name="Trip")
    trip.get_by_role("button", name="Choose Trip start from a calendar").click()
    dialog = page.get_by_role("dialog", name="Trip calendar")
    expect(dialog.locator("[aria-selected='true']")).to_have_count(2)
    expect(dialog.locator(".rillet-cal-in-range")).to_have_count(5)  # May 2 to 6
    # The first pick is a new start: Streamlit returns a one-date tuple meanwhile.
    app.after_run(lambda: dialog.get_by_role("gridcell", name="Monday, May 20, 2024").click())
    expect(page.get_by_text("trip=(datetime.date(2024, 5, 20),)")).to_be_visible()
    expect(dialog).to_be_visible()
    expect(trip.get_by_role("textbox", name="Trip start")).to_have_value("2024/05/20")
    expect(trip.get_by_role("textbox", name="Trip end")).to_have_value("")
    dialog.get_by_role("gridcell", name="Thursday, May 23, 2024").hover()
    expect(dialog.locator(".rillet-cal-in-range")).to_have_count(2)  # 21 and 22 shaded
    # The second pick ends it; an end before the start makes the pair in order.
    app.after_run(lambda: dialog.get_by_role("gridcell", name="Wednesday, May 15, 2024").click())
    expect(
        page.get_by_text("trip=(datetime.date(2024, 5, 15), datetime.date(2024, 5, 20))")
    ).to_be_visible()
    expect(dialog).to_be_hidden()
    expect(trip.get_by_role("textbox", name="Trip end")).to_have_value("2024/05/20")
    assert app.errors == []


def test_popover_sits_below_its_field_or_above_without_room(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        """
import rillet as st
from datetime import date
st.date_input("Top", date(2024, 5, 17))
for i in range(30):
    st.text(f"line {i}")
st.date_input("Bottom", date(2024, 5, 17))
"""
    )
    page = app.page
    page.set_viewport_size({"width": 400, "height": 700})
    page.get_by_role("button", name="Choose Top from a calendar").click()
    top_field = page.get_by_role("textbox", name="Top").bounding_box()
    top_dialog = page.get_by_role("dialog", name="Top calendar").bounding_box()
    assert top_field and top_dialog
    assert top_dialog["y"] >= top_field["y"] + top_field["height"]
    assert abs(top_dialog["x"] - top_field["x"]) <= 2
    assert top_dialog["x"] + top_dialog["width"] <= 400  # inside a 400 px screen
    page.keyboard.press("Escape")
    bottom = page.get_by_role("textbox", name="Bottom")
    bottom.scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    bottom.click()  # a click in the box opens it too, focus staying in the box
    dialog = page.get_by_role("dialog", name="Bottom calendar")
    expect(dialog).to_be_visible()
    expect(bottom).to_be_focused()
    field_box, dialog_box = bottom.bounding_box(), dialog.bounding_box()
    assert field_box and dialog_box
    assert dialog_box["y"] + dialog_box["height"] <= field_box["y"]
    # A click elsewhere closes it.
    page.get_by_text("line 5", exact=True).click()
    expect(dialog).to_be_hidden()
    assert app.errors == []


MEETING = """
import rillet as st
from datetime import datetime
when = st.datetime_input("Meeting", datetime(2025, 3, 14, 9, 30),
                         min_value=datetime(2025, 1, 1), max_value=datetime(2025, 12, 31))
st.write(f"when={when}")
"""


def test_datetime_pick_day_then_time(app_page: Callable[..., AppPage]) -> None:
    app = app_page(MEETING)
    page = app.page
    field = page.get_by_label("Meeting", exact=True)
    page.get_by_role("button", name="Choose Meeting from a calendar").click()
    dialog = page.get_by_role("dialog", name="Meeting calendar")
    expect(dialog.get_by_role("gridcell", name="Friday, March 14, 2025")).to_be_focused()
    # A day keeps the time and the popover open.
    page.keyboard.press("ArrowDown")  # arrows only move
    app.after_run(lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text("when=2025-03-21 09:30:00")).to_be_visible()
    expect(field).to_have_value("2025/03/21 09:30")
    expect(dialog).to_be_visible()
    # The time list is the time input's, 15 minutes apart and 24-hour.
    time = dialog.get_by_role("combobox", name="Time")
    expect(time).to_have_value("09:30")
    # The date box's own field style does not reach the time list's box inside the popover.
    expect(time).to_have_css("border-top-width", "0px")
    time.click()
    options = dialog.get_by_role("listbox", name="Time options").get_by_role("option")
    expect(options.nth(1)).to_have_text("00:15")
    app.after_run(lambda: dialog.get_by_role("option", name="14:45").click())
    expect(page.get_by_text("when=2025-03-21 14:45:00")).to_be_visible()
    expect(dialog).to_be_hidden()
    expect(field).to_have_value("2025/03/21 14:45")
    # No native picker is left behind.
    assert page.locator("input[type='date'], input[type='datetime-local']").count() == 0
    assert app.errors == []
