"""The engine as a person uses it in Chromium: widgets found by role and label."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import expect

from tests.e2e.conftest import AppPage

COUNTER = """
import rillet as st
st.title("Counter")
if "count" not in st.session_state:
    st.session_state.count = 0
if "log" not in st.session_state:
    st.session_state.log = []
def bump(by, *, note):
    st.session_state.count += by
    st.session_state.log.append(note)
st.button("Add two", on_click=bump, args=(2,), kwargs={"note": "cb"})
if st.button("Add one"):
    st.session_state.count += 1
st.text(f"count={st.session_state.count} log={st.session_state.log}")
level = st.slider("Level", 0, 10, 3)
st.text(f"level={level}")
name = st.text_input("Name")
st.text(f"name={name}")
agree = st.checkbox("Agree")
st.text(f"agree={agree}")
"""


def test_click_reruns_and_callback_with_args_runs_before_body(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(COUNTER)
    page = app.page
    expect(page.get_by_role("heading", name="Counter")).to_be_visible()
    expect(page.get_by_text("count=0 log=[]")).to_be_visible()
    app.after_run(lambda: page.get_by_role("button", name="Add one").click())
    expect(page.get_by_text("count=1 log=[]")).to_be_visible()
    app.after_run(lambda: page.get_by_role("button", name="Add two").click())
    expect(page.get_by_text("count=3 log=['cb']")).to_be_visible()
    assert app.errors == []


def test_slider_by_keyboard_and_by_drag(app_page: Callable[..., AppPage]) -> None:
    app = app_page(COUNTER)
    page = app.page
    slider = page.get_by_role("slider", name="Level")
    expect(slider).to_have_value("3")
    slider.focus()
    app.after_run(lambda: page.keyboard.press("ArrowRight"))
    expect(page.get_by_text("level=4")).to_be_visible()
    box = slider.bounding_box()
    assert box is not None

    def drag_to_end() -> None:
        page.mouse.move(box["x"] + box["width"] * 0.4, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] + 20, box["y"] + box["height"] / 2, steps=5)
        page.mouse.up()

    app.after_run(drag_to_end)
    expect(page.get_by_text("level=10")).to_be_visible()
    # The value survives an unrelated rerun.
    app.after_run(lambda: page.get_by_role("button", name="Add one").click())
    expect(slider).to_have_value("10")
    expect(page.get_by_text("level=10")).to_be_visible()


def test_a_keyed_slider_becomes_a_range_in_place(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        """
import rillet as st
as_range = st.checkbox("Range")
st.slider("Span", 0, 10, value=(2, 8) if as_range else 5, key="span")
"""
    )
    page = app.page
    expect(page.get_by_role("slider", name="Span")).to_have_value("5")

    app.after_run(lambda: page.get_by_role("checkbox", name="Range").check())
    expect(page.get_by_role("slider", name="Span start")).to_have_value("2")
    expect(page.get_by_role("slider", name="Span end")).to_have_value("8")
    assert app.errors == []


def test_text_input_applies_on_enter_and_checkbox_toggles(app_page: Callable[..., AppPage]) -> None:
    app = app_page(COUNTER)
    page = app.page
    box = page.get_by_role("textbox", name="Name")
    box.fill("Ada")
    app.after_run(lambda: box.press("Enter"))
    expect(page.get_by_text("name=Ada")).to_be_visible()
    app.after_run(lambda: page.get_by_role("checkbox", name="Agree").check())
    expect(page.get_by_text("agree=True")).to_be_visible()


def test_exception_is_shown_where_it_happened_and_session_keeps_working(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        """
import rillet as st
st.text("before the error")
if st.checkbox("Break it"):
    raise ValueError("the widget was ticked")
st.text("after the error")
"""
    )
    page = app.page
    app.after_run(lambda: page.get_by_role("checkbox", name="Break it").check())
    alert = page.get_by_role("alert").filter(has_text="ValueError")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("the widget was ticked")
    expect(page.get_by_text("before the error")).to_be_visible()
    expect(page.get_by_text("after the error")).to_have_count(0)
    app.after_run(lambda: page.get_by_role("checkbox", name="Break it").uncheck())
    expect(page.get_by_text("after the error")).to_be_visible()
    expect(alert).to_have_count(0)


def test_reconnect_after_dropped_socket_keeps_session_state(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(COUNTER)
    page = app.page
    app.after_run(lambda: page.get_by_role("button", name="Add one").click())
    expect(page.get_by_text("count=1 log=[]")).to_be_visible()
    session_ids = set(app.server.manager.sessions)
    app.drop_connections()
    page.wait_for_function("window.__rillet.state === 'disconnected'")
    page.wait_for_function("window.__rillet.state === 'connected'")
    assert set(app.server.manager.sessions) == session_ids
    expect(page.get_by_text("count=1 log=[]")).to_be_visible()
    app.after_run(lambda: page.get_by_role("button", name="Add one").click())
    expect(page.get_by_text("count=2 log=[]")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="restarted")).to_have_count(0)


def test_elements_not_yet_confirmed_look_stale_during_a_run(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        """
import time
import rillet as st
go = st.button("Slow rerun")
st.text("first")
if go:
    time.sleep(1.5)
st.text("second")
"""
    )
    page = app.page
    second = page.locator("[data-kind=text]").filter(has_text="second")
    expect(second).not_to_have_class(re.compile("rillet-stale"))
    before = app.runs()
    page.get_by_role("button", name="Slow rerun").click()
    expect(second).to_have_class(re.compile("rillet-stale"))
    first = page.locator("[data-kind=text]").filter(has_text="first")
    expect(first).not_to_have_class(re.compile("rillet-stale"))
    app.wait_runs(before + 1)
    expect(second).not_to_have_class(re.compile("rillet-stale"))


def test_page_title_and_layout_follow_set_page_config(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        """
import rillet as st
st.set_page_config(page_title="Sales board", page_icon="📈", layout="wide")
st.sidebar.text("in the sidebar")
st.text("main")
"""
    )
    expect(app.page).to_have_title("Sales board")
    expect(app.page.get_by_role("complementary", name="Sidebar")).to_contain_text("in the sidebar")


def test_after_a_server_restart_the_page_gets_a_fresh_session_and_says_so(
    app_page: Callable[..., AppPage],
) -> None:
    from tests.conftest import LiveServer

    app = app_page(COUNTER)
    page = app.page
    app.after_run(lambda: page.get_by_role("button", name="Add one").click())
    expect(page.get_by_text("count=1 log=[]")).to_be_visible()
    script = app.server.app.state.rillet.script_path
    port = app.server.port
    app.server.stop()
    page.wait_for_function("window.__rillet.state === 'disconnected'")
    restarted = LiveServer(script)
    restarted.port = port
    restarted.server.config.port = port
    restarted.start()
    try:
        expect(page.get_by_role("alert").filter(has_text="The server restarted")).to_be_visible()
        expect(page.get_by_text("count=0 log=[]")).to_be_visible()
    finally:
        restarted.stop()
