"""The app's chrome in Chromium: the main menu (Rerun, Clear caches, Settings, About) and its
keyboard, the R and C shortcuts, Stop while a script runs, and the disconnected state, where
what the user enters is kept and sent when the server is back (a real process restart, and a
dropped socket whose session resumes)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from rillet.version import __version__
from tests.conftest import LiveServer, free_port, write_script
from tests.e2e.conftest import AppPage

FORM_APP = """
import rillet as st
if "clicks" not in st.session_state:
    st.session_state.clicks = 0
if st.button("Count"):
    st.session_state.clicks += 1
name = st.text_input("Name")
st.text(f"name={name} clicks={st.session_state.clicks}")
"""

CACHED_APP = """
import time
import rillet as st

@st.cache_data
def stamp() -> int:
    return time.perf_counter_ns()

st.text(f"stamp={stamp()}")
"""


def menu_item(page: Page, name: str) -> Any:
    return page.get_by_role("menu", name="Main menu").get_by_role("menuitem", name=name)


def test_menu_is_keyboard_operable_and_escape_returns_focus(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(FORM_APP)
    page = app.page
    button = page.get_by_role("button", name="Main menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.focus()
    page.keyboard.press("ArrowDown")
    menu = page.get_by_role("menu", name="Main menu")
    expect(menu).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    names = [item.inner_text().split("\n")[0] for item in menu.get_by_role("menuitem").all()]
    assert names == ["Rerun", "Clear caches", "Settings", "About"]
    expect(menu_item(page, "Rerun")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(menu_item(page, "Clear caches")).to_be_focused()
    page.keyboard.press("End")
    expect(menu_item(page, "About")).to_be_focused()
    page.keyboard.press("ArrowDown")  # wraps around
    expect(menu_item(page, "Rerun")).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    # Enter on the focused item runs it: Rerun.
    page.keyboard.press("Enter")
    expect(menu_item(page, "Rerun")).to_be_focused()
    app.after_run(lambda: page.keyboard.press("Enter"))
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()


def test_rerun_from_menu_and_r_shortcut_but_not_while_typing(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(FORM_APP)
    page = app.page
    page.get_by_role("button", name="Main menu").click()
    expect(menu_item(page, "Rerun")).to_have_attribute("aria-keyshortcuts", "R")
    app.after_run(lambda: menu_item(page, "Rerun").click())
    assert app.runs() == 2
    page.locator("main").click(position={"x": 5, "y": 5})
    app.after_run(lambda: page.keyboard.press("r"))
    assert app.runs() == 3
    field = page.get_by_label("Name")
    field.click()
    field.press_sequentially("rrr")
    expect(field).to_have_value("rrr")
    assert app.runs() == 3, "typing r in a field does not rerun"
    assert app.errors == []


def test_clear_caches_asks_first_then_clears(app_page: Callable[..., AppPage]) -> None:
    app = app_page(CACHED_APP)
    page = app.page
    first = page.get_by_text("stamp=").inner_text()
    page.locator("main").click(position={"x": 5, "y": 5})
    page.keyboard.press("c")
    dialog = page.get_by_role("dialog", name="Clear caches")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Are you sure you want to clear the app's function caches?")
    expect(dialog).to_contain_text("@st.cache_data and @st.cache_resource")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    app.after_run(lambda: page.keyboard.press("r"))
    expect(page.get_by_text(first)).to_be_visible()  # nothing cleared

    page.get_by_role("button", name="Main menu").click()
    menu_item(page, "Clear caches").click()
    dialog.get_by_role("button", name="Clear caches").click()
    expect(page.get_by_role("status").filter(has_text="Caches cleared.")).to_be_visible()
    expect(page.get_by_role("button", name="Main menu")).to_be_focused()
    app.after_run(lambda: page.keyboard.press("r"))
    expect(page.get_by_text("stamp=")).not_to_have_text(first)


def background(page: Page) -> str:
    return str(page.evaluate("getComputedStyle(document.body).backgroundColor"))


WHITE = "rgb(255, 255, 255)"
DARK = "rgb(15, 17, 21)"


def test_settings_theme_is_kept_across_reloads_and_system_follows_the_os(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(FORM_APP)
    page = app.page
    page.emulate_media(color_scheme="light")
    assert background(page) == WHITE
    page.get_by_role("button", name="Main menu").click()
    menu_item(page, "Settings").click()
    dialog = page.get_by_role("dialog", name="Settings")
    expect(dialog.get_by_role("radio", name="Use system setting")).to_be_checked()
    dialog.get_by_role("radio", name="Dark").check()
    assert background(page) == DARK
    page.keyboard.press("Escape")
    page.reload()  # resumes the session: no run, only the tree
    page.wait_for_function("window.__rillet && window.__rillet.state === 'connected'")
    assert background(page) == DARK, "kept in localStorage"

    page.emulate_media(color_scheme="dark")
    page.get_by_role("button", name="Main menu").click()
    menu_item(page, "Settings").click()
    expect(dialog.get_by_role("radio", name="Dark")).to_be_checked()
    dialog.get_by_role("radio", name="Light").check()
    assert background(page) == WHITE, "light although the system is dark"
    dialog.get_by_role("radio", name="Use system setting").check()
    assert background(page) == DARK
    page.emulate_media(color_scheme="light")
    assert background(page) == WHITE
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()


def test_about_shows_the_version(app_page: Callable[..., AppPage]) -> None:
    page = app_page(FORM_APP).page
    page.get_by_role("button", name="Main menu").click()
    menu_item(page, "About").click()
    dialog = page.get_by_role("dialog", name="About")
    expect(dialog).to_contain_text(f"Made with rillet {__version__}")
    dialog.get_by_role("button", name="Close").click()
    expect(page.get_by_role("button", name="Main menu")).to_be_focused()


def test_stop_ends_a_running_script_and_says_so(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        """
import time
import rillet as st
slot = st.empty()
if st.button("Work"):
    for i in range(600):
        slot.text(f"step {i}")
        time.sleep(0.05)
    st.text("finished")
"""
    )
    page = app.page
    stop = page.get_by_role("button", name="Stop the run")
    expect(stop).to_be_hidden()
    page.get_by_role("button", name="Work").click()
    expect(page.get_by_text("step 3")).to_be_visible()
    expect(page.locator("#rillet-status")).to_have_text("Running…")
    stop.click()
    expect(page.get_by_role("status").filter(has_text="Stopped: the script ended")).to_be_visible()
    expect(stop).to_be_hidden()
    page.wait_for_function("window.__rillet.state === 'connected'")
    expect(page.get_by_text("finished")).to_have_count(0)
    expect(page.get_by_text("step ")).to_be_visible()  # what it wrote stays


# --- disconnected ---------------------------------------------------------------------------


class ServerProcess:
    """`rillet run` as its own process, restartable on the same port."""

    def __init__(self, script: str) -> None:
        self.script = script
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "rillet",
                "run",
                self.script,
                "--port",
                str(self.port),
                "--headless",
                "--no-watch",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import httpx

        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "_rillet/health").text == "ok":
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("rillet run did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            self.proc.wait(10)
        self.proc = None


@pytest.fixture
def server_process() -> Iterator[ServerProcess]:
    server = ServerProcess(write_script(FORM_APP))
    server.start()
    yield server
    server.stop()


def expect_disconnected(page: Page) -> None:
    banner = page.locator("#rillet-offline")
    expect(banner).to_have_attribute("role", "status")
    expect(banner).to_contain_text("Connection lost. Reconnecting…")
    expect(page.locator("body")).to_have_attribute("data-connection", "disconnected")
    opacity = float(
        page.evaluate("getComputedStyle(document.querySelector('.rillet-layout')).opacity")
    )
    assert opacity < 0.8, "the page looks disconnected"


def test_input_while_the_server_is_down_is_sent_when_it_restarts(
    page: Page, server_process: ServerProcess
) -> None:
    page.goto(server_process.url)
    page.wait_for_function("window.__rillet && window.__rillet.runsFinished >= 1")
    expect(page.get_by_text("name= clicks=0")).to_be_visible()

    server_process.stop()
    expect_disconnected(page)
    field = page.get_by_label("Name")
    field.fill("Ada")
    field.press("Enter")
    page.get_by_role("button", name="Count").click()
    page.wait_for_function("window.__rillet.queued === 2")

    server_process.start()  # a new process on the same port: a new session
    expect(page.get_by_text("name=Ada clicks=1")).to_be_visible(timeout=20_000)
    expect(field).to_have_value("Ada")
    expect(page.locator("#rillet-offline")).to_contain_text("Connected again.")
    expect(page.locator("body")).to_have_attribute("data-connection", "connected")
    assert page.evaluate("window.__rillet.queued") == 0


class Listener:
    """uvicorn serving an app without its lifespan: stopping it drops the sockets as a network
    outage would, while the app and its sessions live on for the next listener."""

    def __init__(self, app: Any, port: int) -> None:
        import uvicorn

        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def test_input_during_a_dropped_connection_reaches_the_resumed_session(page: Page) -> None:
    server = LiveServer(write_script(FORM_APP))  # its app only: served by Listener
    listener = Listener(server.app, server.port)
    try:
        app = AppPage(page, server).open()
        app.after_run(lambda: page.get_by_role("button", name="Count").click())
        expect(page.get_by_text("name= clicks=1")).to_be_visible()
        sessions = set(server.manager.sessions)

        listener.stop()
        expect_disconnected(page)
        field = page.get_by_label("Name")
        field.fill("Grace")  # not committed (no Enter, no blur) when the server comes back
        expect(field).to_be_focused()

        listener = Listener(server.app, server.port)
        expect(page.get_by_text("name=Grace clicks=1")).to_be_visible(timeout=20_000)
        expect(field).to_have_value("Grace")
        assert set(server.manager.sessions) == sessions, "the same session, resumed"
        expect(page.get_by_role("alert").filter(has_text="restarted")).to_have_count(0)
    finally:
        listener.stop()
