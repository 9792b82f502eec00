"""Choice widgets as a person meets them in Chromium: found by role and label, used with the
mouse and the keyboard, updated in place."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import AppPage


def mark(locator: Locator) -> None:
    """Tag a DOM node, to tell later whether a rerun kept it or built a new one."""
    locator.evaluate("el => { el.__rilletMark = true; }")


def kept(locator: Locator) -> bool:
    return bool(locator.evaluate("el => el.__rilletMark === true"))


def focused_name(page: Page) -> str:
    return str(
        page.evaluate(
            "document.activeElement.getAttribute('aria-label') || document.activeElement.id"
        )
    )


# --- toggle, radio, select_slider, color_picker -------------------------------------------

BASICS = """
import rillet as st
dark = st.toggle("Dark mode")
plan = st.radio("Plan", ["Free", "Pro", "Team"], captions=["No cost", "For you", ""],
                horizontal=True)
size = st.select_slider("Size", ["S", "M", "L", "XL"], value="M")
low, high = st.select_slider("Months", ["Jan", "Feb", "Mar", "Apr"], value=("Feb", "Mar"))
accent = st.color_picker("Accent", "#f0a")
st.text(f"dark={dark} plan={plan} size={size} months={low}-{high} accent={accent}")
"""


def test_toggle_is_a_switch_that_flips_in_place(app_page: Callable[..., AppPage]) -> None:
    app = app_page(BASICS)
    page = app.page
    switch = page.get_by_role("switch", name="Dark mode")
    expect(switch).not_to_be_checked()
    mark(switch)

    app.after_run(lambda: switch.click())
    expect(page.get_by_text("dark=True plan=Free")).to_be_visible()
    expect(switch).to_be_checked()
    assert kept(switch)
    switch.focus()
    app.after_run(lambda: page.keyboard.press("Space"))
    expect(page.get_by_text("dark=False plan=Free")).to_be_visible()
    expect(switch).to_be_focused()
    assert app.errors == []


def test_radio_group_by_mouse_and_arrow_keys(app_page: Callable[..., AppPage]) -> None:
    app = app_page(BASICS)
    page = app.page
    group = page.get_by_role("radiogroup", name="Plan")
    expect(group.get_by_role("radio")).to_have_count(3)
    pro = group.get_by_role("radio", name="Pro")
    expect(pro).to_have_accessible_description("For you")
    expect(group.get_by_role("radio", name="Free")).to_be_checked()

    app.after_run(lambda: pro.check())
    expect(page.get_by_text("plan=Pro")).to_be_visible()
    expect(pro).to_be_focused()
    app.after_run(lambda: page.keyboard.press("ArrowRight"))
    expect(page.get_by_text("plan=Team")).to_be_visible()
    expect(group.get_by_role("radio", name="Team")).to_be_checked()
    expect(group.get_by_role("radio", name="Team")).to_be_focused()
    assert app.errors == []


def test_select_slider_speaks_its_option_and_moves_by_keyboard(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(BASICS)
    page = app.page
    size = page.get_by_role("slider", name="Size")
    expect(size).to_have_attribute("aria-valuetext", "M")

    size.focus()
    app.after_run(lambda: page.keyboard.press("ArrowRight"))
    expect(page.get_by_text("size=L")).to_be_visible()
    expect(size).to_have_attribute("aria-valuetext", "L")
    expect(size).to_be_focused()

    end = page.get_by_role("group", name="Months").get_by_role("slider", name="Months end")
    end.focus()
    app.after_run(lambda: page.keyboard.press("ArrowRight"))
    expect(page.get_by_text("months=Feb-Apr")).to_be_visible()
    assert app.errors == []


def test_color_picker_is_a_colour_input(app_page: Callable[..., AppPage]) -> None:
    app = app_page(BASICS)
    page = app.page
    picker = page.get_by_label("Accent")
    expect(picker).to_have_attribute("type", "color")
    expect(picker).to_have_value("#ff00aa")  # "#f0a" in six digits

    app.after_run(lambda: picker.fill("#00ff00"))
    expect(page.get_by_text("accent=#00ff00")).to_be_visible()
    assert app.errors == []


# --- selectbox -----------------------------------------------------------------------------

SELECTS = """
import rillet as st
fruit = st.selectbox("Fruit", ["apple", "pear", "plum"], index=None, placeholder="Pick one")
city = st.selectbox("City", ["Paris", "Rome"], index=None, accept_new_options=True)
st.text(f"fruit={fruit} city={city}")
"""


def test_selectbox_chooses_and_clears(app_page: Callable[..., AppPage]) -> None:
    app = app_page(SELECTS)
    page = app.page
    fruit = page.get_by_role("combobox", name="Fruit")
    expect(fruit).to_have_value("")
    expect(fruit).to_have_attribute("placeholder", "Pick one")
    mark(fruit)

    fruit.click()
    app.after_run(lambda: page.get_by_role("option", name="pear").click())
    expect(page.get_by_text("fruit=pear city=None")).to_be_visible()
    expect(fruit).to_have_value("pear")
    # index=None may be cleared
    app.after_run(lambda: page.get_by_role("button", name="Clear Fruit").click())
    expect(page.get_by_text("fruit=None")).to_be_visible()
    expect(fruit).to_have_value("")
    assert kept(fruit)
    assert app.errors == []


def test_selectbox_with_new_options_filters_picks_and_adds(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(SELECTS)
    page = app.page
    city = page.get_by_role("combobox", name="City")
    expect(city).to_have_attribute("placeholder", "Choose or add an option")

    city.click()
    listbox = page.get_by_role("listbox", name="City")
    expect(listbox.get_by_role("option")).to_have_text(["Paris", "Rome"])
    city.fill("ro")
    expect(listbox.get_by_role("option")).to_have_text(["Rome", "Add “ro”"])
    app.after_run(lambda: city.press("Enter"))  # the first match
    expect(page.get_by_text("city=Rome")).to_be_visible()
    expect(city).to_have_value("Rome")
    expect(listbox).to_be_hidden()

    city.fill("Oslo")
    app.after_run(lambda: city.press("Enter"))
    expect(page.get_by_text("city=Oslo")).to_be_visible()
    city.fill("paris")  # an option's name, typed: picks the option
    app.after_run(lambda: city.press("Enter"))
    expect(page.get_by_text("city=Paris")).to_be_visible()
    expect(city).to_have_value("Paris")
    app.after_run(lambda: page.get_by_role("button", name="Clear City").click())
    expect(page.get_by_text("city=None")).to_be_visible()
    assert app.errors == []


# --- multiselect ---------------------------------------------------------------------------

MULTI = """
import rillet as st
colors = st.multiselect("Colors", ["red", "green", "blue", "yellow"], default=["green"],
                        max_selections=3)
st.text(f"colors={colors}")
st.button("Rerun")
"""


def test_multiselect_adds_by_click_and_keyboard_and_removes_chips(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(MULTI)
    page = app.page
    box = page.get_by_role("combobox", name="Colors")
    remove_green = page.get_by_role("button", name="Remove green")
    expect(remove_green).to_be_visible()

    box.click()
    listbox = page.get_by_role("listbox", name="Colors")
    # Streamlit 1.67 leads the list with "Select all" (select_all=1000 by default).
    expect(listbox.get_by_role("option")).to_have_text(["Select all", "red", "blue", "yellow"])
    app.after_run(lambda: listbox.get_by_role("option", name="blue").click())
    expect(page.get_by_text("colors=['green', 'blue']")).to_be_visible()
    expect(box).to_be_focused()  # still typing in the same box

    box.fill("ye")
    app.after_run(lambda: box.press("Enter"))
    expect(page.get_by_text("colors=['green', 'blue', 'yellow']")).to_be_visible()
    box.press("ArrowDown")
    expect(listbox).to_contain_text("You can only select up to 3 options.")

    # The chips' remove buttons are reachable with Shift+Tab, and work with the keyboard.
    box.press("Shift+Tab")
    assert focused_name(page) == "Remove yellow"
    app.after_run(lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text("colors=['green', 'blue']")).to_be_visible()
    box.focus()
    app.after_run(lambda: box.press("Backspace"))  # in the empty box: removes the last chip
    expect(page.get_by_text("colors=['green']")).to_be_visible()
    expect(page.get_by_role("button", name=r"Remove blue")).to_have_count(0)
    assert app.errors == []


def test_multiselect_keeps_focus_and_typed_text_across_an_unrelated_rerun(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(MULTI)
    page = app.page
    box = page.get_by_role("combobox", name="Colors")
    mark(box)
    box.fill("bl")
    expect(page.get_by_role("option", name="blue")).to_be_visible()

    # A rerun the user did not cause (the click is a script's: focus stays in the box).
    rerun = page.get_by_role("button", name="Rerun")
    app.after_run(lambda: rerun.evaluate("button => button.click()"))

    expect(box).to_be_focused()
    expect(box).to_have_value("bl")
    expect(page.get_by_role("option", name="blue")).to_be_visible()
    assert kept(box)
    app.after_run(lambda: box.press("Enter"))
    expect(page.get_by_text("colors=['green', 'blue']")).to_be_visible()
    assert app.errors == []


TAGS = """
import rillet as st
tags = st.multiselect("Tags", ["python", "rust"], accept_new_options=True)
st.text(f"tags={tags}")
"""


def test_multiselect_takes_typed_tags_and_never_the_same_one_twice(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(TAGS)
    page = app.page
    box = page.get_by_role("combobox", name="Tags")
    expect(box).to_have_attribute("placeholder", "Choose or add options")

    box.fill("zig")
    expect(page.get_by_role("option", name="Add “zig”")).to_be_visible()
    app.after_run(lambda: box.press("Enter"))
    expect(page.get_by_text("tags=['zig']")).to_be_visible()
    box.fill("PYTHON")  # names an option: picks it
    app.after_run(lambda: box.press("Enter"))
    expect(page.get_by_text("tags=['zig', 'python']")).to_be_visible()

    box.fill("Zig")  # chosen already: nothing to add
    expect(page.get_by_role("listbox", name="Tags")).to_contain_text("No results")
    box.press("Enter")
    expect(page.get_by_role("button", name=re.compile("^Remove "))).to_have_count(2)
    assert app.runs() == 3
    assert app.errors == []


# --- pills, segmented_control, feedback ----------------------------------------------------

GROUPS = """
import rillet as st
tags = st.pills("Tags", ["python", "rust", "go"], selection_mode="multi", default=["rust"])
view = st.segmented_control("View", ["List", "Grid"], default="Grid")
thumbs = st.feedback("thumbs")
stars = st.feedback("stars")
st.text(f"tags={tags} view={view} thumbs={thumbs} stars={stars}")
"""


def test_pills_and_segments_are_toggle_buttons(app_page: Callable[..., AppPage]) -> None:
    app = app_page(GROUPS)
    page = app.page
    tags = page.get_by_role("group", name="Tags")
    python = tags.get_by_role("button", name="python")
    expect(tags.get_by_role("button", name="rust")).to_have_attribute("aria-pressed", "true")
    expect(python).to_have_attribute("aria-pressed", "false")
    mark(python)

    app.after_run(lambda: python.click())
    expect(page.get_by_text("tags=['rust', 'python']")).to_be_visible()
    expect(python).to_have_attribute("aria-pressed", "true")
    expect(python).to_be_focused()
    assert kept(python)

    view = page.get_by_role("group", name="View")
    grid = view.get_by_role("button", name="Grid")
    app.after_run(lambda: view.get_by_role("button", name="List").click())
    expect(page.get_by_text("view=List")).to_be_visible()
    expect(grid).to_have_attribute("aria-pressed", "false")
    app.after_run(lambda: view.get_by_role("button", name="List").press("Enter"))
    expect(page.get_by_text("view=None")).to_be_visible()  # the chosen one again: cleared
    assert app.errors == []


def test_feedback_buttons_by_name(app_page: Callable[..., AppPage]) -> None:
    app = app_page(GROUPS)
    page = app.page
    up = page.get_by_role("button", name="Thumbs up")
    expect(page.get_by_role("button", name="Thumbs down")).to_be_visible()

    app.after_run(lambda: up.click())
    expect(page.get_by_text("thumbs=1 stars=None")).to_be_visible()
    expect(up).to_have_attribute("aria-pressed", "true")
    app.after_run(lambda: page.get_by_role("button", name="4 stars").click())
    expect(page.get_by_text("thumbs=1 stars=3")).to_be_visible()
    lit = page.get_by_role("group", name="Rating").locator("[data-lit='true']")
    expect(lit).to_have_count(4)
    app.after_run(lambda: up.click())
    expect(page.get_by_text("thumbs=None stars=3")).to_be_visible()
    assert app.errors == []


# --- in place, in forms, as text ----------------------------------------------------------

KEYED = """
import rillet as st
if st.button("More"):
    st.session_state.extra = True
options = ["a", "b", "c"] if st.session_state.get("extra") else ["a", "b"]
pick = st.radio("Letter", options, key="letter")
chosen = st.multiselect("Letters", options, key="letters")
st.text(f"pick={pick} chosen={chosen}")
"""


def test_keyed_widgets_take_new_options_in_place(app_page: Callable[..., AppPage]) -> None:
    app = app_page(KEYED)
    page = app.page
    group = page.get_by_role("radiogroup", name="Letter")
    box = page.get_by_role("combobox", name="Letters")
    app.after_run(lambda: group.get_by_role("radio", name="b").check())
    mark(group)
    mark(box)

    app.after_run(lambda: page.get_by_role("button", name="More").click())

    expect(group.get_by_role("radio")).to_have_count(3)
    expect(group.get_by_role("radio", name="b")).to_be_checked()
    expect(page.get_by_text("pick=b chosen=[]")).to_be_visible()
    assert kept(group) and kept(box)
    assert app.errors == []


FORM = """
import rillet as st
with st.form("prefs"):
    colors = st.multiselect("Colors", ["red", "green"])
    mode = st.segmented_control("Mode", ["Light", "Dark"])
    st.form_submit_button("Save")
st.text(f"colors={colors} mode={mode}")
"""


def test_choices_in_a_form_wait_for_the_submit(app_page: Callable[..., AppPage]) -> None:
    app = app_page(FORM)
    page = app.page
    box = page.get_by_role("combobox", name="Colors")
    box.click()
    page.get_by_role("option", name="green").click()
    page.get_by_role("button", name="Dark").click()
    expect(page.get_by_role("button", name="Remove green")).to_be_visible()
    expect(page.get_by_role("button", name="Dark")).to_have_attribute("aria-pressed", "true")
    assert app.runs() == 1

    app.after_run(lambda: page.get_by_role("button", name="Save").click())
    expect(page.get_by_text("colors=['green'] mode=Dark")).to_be_visible()
    assert app.errors == []


XSS = """
import rillet as st
bad = '<img src=x onerror="window.__pwned = 1">'
st.radio(bad, [bad, "b"], captions=[bad, ""])
st.selectbox(bad + " select", [bad])
st.multiselect(bad + " multi", [bad], default=[bad])
st.pills(bad + " pills", [bad])
st.text("ready")
"""


def test_labels_and_options_are_shown_as_text(app_page: Callable[..., AppPage]) -> None:
    app = app_page(XSS)
    page = app.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: dialogs.append(d.message))
    expect(page.get_by_text("ready")).to_be_visible()
    bad = '<img src=x onerror="window.__pwned = 1">'

    expect(page.get_by_role("radiogroup", name=bad)).to_be_visible()
    expect(page.get_by_role("radio", name=bad)).to_be_visible()
    expect(page.get_by_role("button", name=f"Remove {bad}")).to_be_visible()
    expect(page.get_by_role("group", name=f"{bad} pills").get_by_role("button")).to_have_text(bad)
    assert page.locator("main img").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert app.errors == []
