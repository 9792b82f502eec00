"""In Chromium: tabs, expanders and popovers the script tracks (the user's switch or toggle
reruns and the script sees it; the script's setting shows), and widgets with
``on_change="ignore"`` (a change does not rerun; the next rerun carries it)."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.conftest import LiveServer
from tests.e2e.conftest import AppPage

TRACKED = """
import rillet as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
if st.button("Show Dog"):
    st.session_state.pet = "Dog"
if st.button("Close details"):
    st.session_state.more = False
cat, dog = st.tabs(["Cat", "Dog"], key="pet", on_change="rerun")
with dog:
    if dog.open:
        st.text("dog computed")
st.text(f"tab: {st.session_state.pet}")
box = st.expander("Details", key="more", on_change="rerun")
box.text("details body")
st.text(f"expanded: {box.open}")
pop = st.popover("Menu", key="menu", on_change="rerun")
pop.text("menu body")
st.text(f"popover: {pop.open}")
st.text(f"runs: {st.session_state.runs}")
"""


def test_switching_a_tracked_tab_reruns_and_the_script_sees_it(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    app = app_page(TRACKED)
    expect(page.get_by_text("tab: Cat")).to_be_visible()
    expect(page.get_by_text("dog computed")).to_have_count(0)

    app.after_run(lambda: page.get_by_role("tab", name="Dog").click())

    expect(page.get_by_text("tab: Dog")).to_be_visible()
    expect(page.get_by_text("dog computed")).to_be_visible()
    expect(page.get_by_role("tab", name="Dog")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("runs: 2")).to_be_attached()

    # The keyboard switches too (arrow keys along the tablist).
    app.after_run(lambda: page.keyboard.press("ArrowLeft"))
    expect(page.get_by_text("tab: Cat")).to_be_visible()
    expect(page.get_by_role("tab", name="Cat")).to_have_attribute("aria-selected", "true")
    assert app.errors == []


def test_the_script_selects_a_tab_and_closes_an_expander(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    app = app_page(TRACKED)

    app.after_run(lambda: page.get_by_role("button", name="Show Dog").click())
    expect(page.get_by_role("tab", name="Dog")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("dog computed")).to_be_visible()

    header = page.get_by_role("button", name="Details", exact=True)
    app.after_run(lambda: header.click())
    expect(page.get_by_text("expanded: True")).to_be_visible()
    expect(page.get_by_text("details body")).to_be_visible()

    app.after_run(lambda: page.get_by_role("button", name="Close details").click())
    expect(header).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_text("details body")).to_be_hidden()
    expect(page.get_by_text("expanded: False")).to_be_visible()
    assert app.errors == []


def test_opening_and_closing_a_tracked_popover_reruns(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    app = app_page(TRACKED)
    menu = page.get_by_role("button", name="Menu", exact=True)

    app.after_run(lambda: menu.click())
    expect(page.get_by_text("popover: True")).to_be_visible()
    expect(page.get_by_text("menu body")).to_be_visible()

    app.after_run(lambda: page.keyboard.press("Escape"))
    expect(page.get_by_text("popover: False")).to_be_visible()
    expect(page.get_by_text("menu body")).to_be_hidden()
    assert app.errors == []


FRAGMENT = """
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1
st.text(f"full runs: {st.session_state.full}")
@st.fragment
def part():
    st.session_state.part = st.session_state.get("part", 0) + 1
    a, b = st.tabs(["A", "B"], key="ft", on_change="rerun")
    st.text(f"fragment sees {st.session_state.ft} after {st.session_state.part} runs")
part()
"""


def test_a_tracked_tab_in_a_fragment_reruns_only_the_fragment(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    app = app_page(FRAGMENT)

    app.after_run(lambda: page.get_by_role("tab", name="B").click())

    expect(page.get_by_text("fragment sees B after 2 runs")).to_be_visible()
    expect(page.get_by_text("full runs: 1")).to_be_visible()
    assert app.errors == []


IGNORE = """
import rillet as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
agree = st.checkbox("Agree", on_change="ignore")
name = st.text_input("Name", on_change="ignore")
st.text(f"agree: {agree}, name: {name!r}")
st.button("Go")
st.text(f"runs: {st.session_state.runs}")
"""


def test_an_ignored_change_waits_for_the_next_rerun(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    app = app_page(IGNORE)
    box = page.get_by_role("checkbox", name="Agree")
    field = page.get_by_role("textbox", name="Name")

    box.click()
    field.fill("Ada")
    field.press("Enter")
    expect(box).to_be_checked()
    # Nothing reran: the page still shows the first run's text.
    page.wait_for_function("window.__rillet.state === 'connected'")
    assert app.runs() == 1
    expect(page.get_by_text("agree: False, name: ''")).to_be_visible()

    app.after_run(lambda: page.get_by_role("button", name="Go").click())

    expect(page.get_by_text("agree: True, name: 'Ada'")).to_be_visible()
    expect(page.get_by_text("runs: 2")).to_be_visible()
    expect(box).to_be_checked()
    expect(field).to_have_value("Ada")
    assert app.runs() == 2
    assert app.errors == []


IGNORE_FRAGMENT = """
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1
st.slider("Level", 0, 10, 3, key="lvl", on_change="ignore")
st.text(f"full runs: {st.session_state.full}")
@st.fragment
def part():
    st.button("Refresh part")
    st.text(f"part sees level {st.session_state.lvl}")
part()
"""


def test_an_ignored_change_goes_out_with_a_fragment_rerun_too(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    app = app_page(IGNORE_FRAGMENT)
    expect(page.get_by_text("part sees level 3")).to_be_visible()
    slider = page.get_by_role("slider", name="Level")
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuetext", "4")
    assert app.runs() == 1

    app.after_run(lambda: page.get_by_role("button", name="Refresh part").click())

    expect(page.get_by_text("part sees level 4")).to_be_visible()
    expect(page.get_by_text("full runs: 1")).to_be_visible()
    expect(slider).to_have_attribute("aria-valuetext", "4")
    assert app.errors == []


BOUND = """
import rillet as st
a, b, c = st.tabs(["Alpha", "Beta", "Gamma"], key="view", bind="query-params")
st.text(f"view: {st.session_state.view}")
"""


def test_a_bound_tab_follows_the_address_and_writes_it(
    page: Page, live_app: Callable[..., LiveServer]
) -> None:
    server = live_app(BOUND)
    app = AppPage(page, server)
    page.goto(server.url + "?view=Beta")
    app.wait_runs(1)
    expect(page.get_by_role("tab", name="Beta")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("view: Beta")).to_be_visible()

    app.after_run(lambda: page.get_by_role("tab", name="Gamma").click())

    expect(page.get_by_text("view: Gamma")).to_be_visible()
    page.wait_for_url("**?view=Gamma")

    app.after_run(lambda: page.get_by_role("tab", name="Alpha").click())
    page.wait_for_function("!location.search.includes('view')")
    assert app.errors == []
