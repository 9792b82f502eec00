"""Widgets as a person meets them in Chromium, side by side with Streamlit's: each found by
its label alone, the selectbox and time input worked from the keyboard, popups placed by the
field, the slider's bounds and the themed checkbox shown."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, expect

from tests.e2e.conftest import AppPage

EVERY_WIDGET = """
import rillet as st
from datetime import date, datetime, time
st.button("Go")
st.checkbox("Agree")
st.toggle("Dark")
st.radio("Plan", ["Free", "Pro"])
st.selectbox("Fruit", ["apple", "pear"])
st.selectbox("City", ["Paris", "Rome"], accept_new_options=True)
st.multiselect("Fruits", ["apple", "pear", "plum"], default=["pear"])
st.slider("Level", 0, 100, 30)
st.select_slider("Size", ["S", "M", "L"])
st.text_input("Name")
st.text_area("Notes")
st.number_input("Age", value=3)
st.date_input("Day", date(2024, 5, 1))
st.time_input("Alarm", time(9, 30))
st.datetime_input("Meeting", datetime(2024, 5, 1, 9, 30))
st.color_picker("Accent", "#ff0000")
st.pills("Tags", ["a", "b"])
st.segmented_control("Mode", ["x", "y"])
st.feedback("thumbs")
st.file_uploader("Upload")
"""

LABELS = [
    "Agree",
    "Dark",
    "Plan",
    "Fruit",
    "City",
    "Fruits",
    "Level",
    "Size",
    "Name",
    "Notes",
    "Age",
    "Day",
    "Alarm",
    "Meeting",
    "Accent",
]


def test_every_widget_label_finds_exactly_its_control(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(EVERY_WIDGET)
    page = app.page
    for label in LABELS:
        found = page.get_by_label(label, exact=True)
        assert found.count() == 1, (label, found.count())
    # The multiselect's chips and list carry names of their own.
    expect(page.get_by_label("Fruits", exact=True)).to_have_attribute("role", "combobox")
    expect(page.get_by_role("list", name="Selected Fruits")).to_have_count(1)
    # An open list does not add a second match.
    page.get_by_role("combobox", name="Alarm").click()
    expect(page.get_by_role("listbox", name="Alarm options")).to_be_visible()
    assert page.get_by_label("Alarm").count() == 1
    assert app.errors == []


SELECTS = """
import rillet as st
fruit = st.selectbox("Fruit", ["apple", "pear", "plum", "peach"], index=None)
st.text_input("Next")
st.text(f"fruit={fruit}")
"""


def below(popup: Locator, field: Locator) -> bool:
    popup_box, field_box = popup.bounding_box(), field.bounding_box()
    assert popup_box and field_box
    return bool(popup_box["y"] >= field_box["y"] + field_box["height"] - 0.5)


def test_selectbox_is_a_combobox_worked_from_the_keyboard(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(SELECTS)
    page = app.page
    fruit = page.get_by_role("combobox", name="Fruit")
    expect(fruit).to_have_attribute("placeholder", "Choose an option")
    expect(page.get_by_role("button", name="Clear Fruit")).to_be_hidden()
    fruit.focus()

    page.keyboard.press("ArrowDown")
    listbox = page.get_by_role("listbox", name="Fruit options")
    expect(listbox).to_be_visible()
    expect(fruit).to_have_attribute("aria-expanded", "true")
    assert below(listbox, page.locator(".rillet-combo").first)
    options = listbox.get_by_role("option")
    expect(options).to_have_text(["apple", "pear", "plum", "peach"])
    page.keyboard.press("End")
    active = fruit.get_attribute("aria-activedescendant")
    expect(page.locator(f"#{active}")).to_have_text("peach")
    page.keyboard.press("Home")
    active = fruit.get_attribute("aria-activedescendant")
    expect(page.locator(f"#{active}")).to_have_text("apple")
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    assert app.runs() == 1  # looking is not choosing

    page.keyboard.type("pea")  # typing filters (fuzzy), as Streamlit's selectbox does
    expect(options).to_have_text(["pear", "peach"])
    page.keyboard.press("ArrowDown")  # from the first match to the second
    app.after_run(lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text("fruit=peach")).to_be_visible()
    expect(fruit).to_have_value("peach")
    expect(listbox).to_be_hidden()

    # index=None: the chosen option can be cleared, from the keyboard too.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Clear Fruit")).to_be_focused()
    app.after_run(lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text("fruit=None")).to_be_visible()
    assert app.errors == []


def test_selectbox_list_opens_above_when_no_room_below(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        """
import rillet as st
for i in range(30):
    st.text(f"line {i}")
st.selectbox("Last", [f"option {i}" for i in range(8)])
"""
    )
    page = app.page
    page.set_viewport_size({"width": 1280, "height": 700})
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    last = page.get_by_role("combobox", name="Last")
    last.click()
    listbox = page.get_by_role("listbox", name="Last options")
    expect(listbox).to_be_visible()
    field = page.locator(".rillet-combo").filter(has=last)
    list_box, field_box = listbox.bounding_box(), field.bounding_box()
    assert list_box and field_box
    assert list_box["y"] + list_box["height"] <= field_box["y"] + 0.5  # above, not over it
    assert list_box["y"] >= 0  # and inside the window
    assert app.errors == []


def test_multiselect_chips_wrap_inside_the_sidebar(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        """
import rillet as st
fruits = ["apple", "banana", "cherry", "dragonfruit", "elderberry", "fig"]
st.sidebar.multiselect("Side fruits", fruits, default=fruits[:5])
"""
    )
    page = app.page
    field = page.locator(".rillet-combo").filter(has=page.get_by_label("Side fruits", exact=True))
    field_box = field.bounding_box()
    assert field_box
    chips = page.get_by_role("list", name="Selected Side fruits").get_by_role("listitem")
    expect(chips).to_have_count(5)
    tops = set()
    for i in range(5):
        box = chips.nth(i).bounding_box()
        assert box
        assert (
            box["x"] >= field_box["x"]
            and box["x"] + box["width"] <= field_box["x"] + field_box["width"]
        )
        tops.add(round(box["y"]))
    assert len(tops) > 1  # wrapped onto more rows, none cut off
    # The clear-all button and the chevron stay on the field's first row, inside it.
    clear = page.get_by_role("button", name="Clear all Side fruits")
    clear_box = clear.bounding_box()
    assert clear_box and clear_box["x"] + clear_box["width"] <= field_box["x"] + field_box["width"]
    assert app.errors == []


def test_slider_shows_its_bounds_under_the_track(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        """
import rillet as st
st.slider("Level", 0, 100, 30)
st.slider("Share", 0.0, 1.0, (0.2, 0.6), format="%.1f%%")
"""
    )
    page = app.page
    level = page.locator(".rillet-widget").filter(has=page.get_by_role("slider", name="Level"))
    expect(level.locator(".rillet-slider-ends")).to_have_text("0100")
    expect(level.locator(".rillet-slider-min")).to_have_text("0")
    expect(level.locator(".rillet-slider-max")).to_have_text("100")
    share = page.locator(".rillet-widget").filter(has=page.get_by_role("group", name="Share"))
    expect(share.locator(".rillet-slider-min")).to_have_text("0.0%")
    expect(share.locator(".rillet-slider-max")).to_have_text("1.0%")
    track = level.locator(".rillet-slider-ends").bounding_box()
    thumb = page.get_by_role("slider", name="Level").bounding_box()
    assert track and thumb and track["y"] >= thumb["y"]
    assert app.errors == []


def test_checkbox_is_drawn_by_the_theme(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        """
import rillet as st
on = st.checkbox("Agree")
st.text(f"on={on}")
"""
    )
    page = app.page
    box = page.get_by_role("checkbox", name="Agree")
    assert box.evaluate("el => getComputedStyle(el).appearance") == "none"
    unchecked = box.evaluate("el => getComputedStyle(el).backgroundColor")
    box.focus()
    app.after_run(lambda: page.keyboard.press("Space"))
    expect(page.get_by_text("on=True")).to_be_visible()
    expect(box).to_be_checked()
    primary = page.evaluate(
        "(() => { const d = document.createElement('div');"
        " d.style.color = 'var(--rl-primary)'; document.body.append(d);"
        " const c = getComputedStyle(d).color; d.remove(); return c; })()"
    )
    assert unchecked != primary
    expect(box).to_have_css("background-color", primary)
    assert app.errors == []


@pytest.mark.parametrize(
    ("fmt", "shown", "picked"),
    [("24h", "09:30", "10:00"), ("12h", "9:30 AM", "10:00 AM")],
)
def test_time_input_lists_times_in_its_format(
    app_page: Callable[..., AppPage], fmt: str, shown: str, picked: str
) -> None:
    app = app_page(
        f"""
import rillet as st
from datetime import time
alarm = st.time_input("Alarm", time(9, 30), step=1800, format={fmt!r})
st.text(f"alarm={{alarm}}")
"""
    )
    page = app.page
    alarm = page.get_by_role("combobox", name="Alarm")
    expect(alarm).to_have_value(shown)  # 24-hour by default, as Streamlit shows it
    alarm.focus()
    page.keyboard.press("ArrowDown")
    listbox = page.get_by_role("listbox", name="Alarm options")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(48)  # every half hour (step)
    active = alarm.get_attribute("aria-activedescendant")
    expect(page.locator(f"#{active}")).to_have_text(shown)  # opens on the chosen time
    page.keyboard.press("ArrowDown")
    app.after_run(lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text("alarm=10:00:00")).to_be_visible()
    expect(alarm).to_have_value(picked)

    alarm.fill("7:05 pm")  # a time off the list is taken too
    app.after_run(lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text("alarm=19:05:00")).to_be_visible()
    alarm.fill("25:99")  # not a time: refused, the last time comes back
    page.keyboard.press("Enter")
    expect(alarm).to_have_value("7:05 PM" if fmt == "12h" else "19:05")
    assert app.errors == []
