"""Hardening as a person meets it in Chromium: sessions bound to the browser, runaway loops
stopped, the run time limit shown in the page."""

from __future__ import annotations

import time
from collections.abc import Callable

from playwright.sync_api import Browser, expect

from tests.e2e.conftest import AppPage

COUNTER = """
import rillet as st
if "count" not in st.session_state:
    st.session_state.count = 0
if st.button("Add one"):
    st.session_state.count += 1
st.text(f"count={st.session_state.count}")
"""


def test_a_refresh_resumes_the_session_but_its_id_elsewhere_opens_a_fresh_one(
    app_page: Callable[..., AppPage], browser: Browser
) -> None:
    app = app_page(COUNTER)
    page = app.page
    app.after_run(lambda: page.get_by_role("button", name="Add one").click())
    expect(page.get_by_text("count=1")).to_be_visible()
    session_id = page.evaluate("sessionStorage.getItem('rillet.session')")
    page.reload()
    app.wait_runs(0)
    expect(page.get_by_text("count=1")).to_be_visible()  # same browser: resumed
    assert page.evaluate("sessionStorage.getItem('rillet.session')") == session_id
    # The owner's tab goes elsewhere: its session waits for it, detached, within the TTL.
    page.goto("about:blank")
    owner_session = app.server.manager.sessions[session_id]
    deadline = time.monotonic() + 5
    while owner_session.outbox.attached and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not owner_session.outbox.attached
    # Another browser (its own cookies) that learned the id gets a session of its own.
    other = browser.new_context()
    try:
        thief = other.new_page()
        thief.add_init_script(f"sessionStorage.setItem('rillet.session', '{session_id}')")
        thief.goto(app.server.url)
        thief.wait_for_function("window.__rillet && window.__rillet.runsFinished >= 1")
        expect(thief.get_by_text("count=0")).to_be_visible()
        assert thief.evaluate("sessionStorage.getItem('rillet.session')") != session_id
    finally:
        other.close()
    # The owner comes back to its session, intact.
    page.goto(app.server.url)
    page.wait_for_function("window.__rillet && window.__rillet.state === 'connected'")
    expect(page.get_by_text("count=1")).to_be_visible()
    app.after_run(lambda: page.get_by_role("button", name="Add one").click())
    expect(page.get_by_text("count=2")).to_be_visible()


def test_a_click_ends_a_pure_python_busy_loop_within_two_seconds(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        """
import rillet as st
spin = st.checkbox("Spin")
if spin:
    n = 0
    while n >= 0:
        n += 1
st.text(f"spin={spin}")
"""
    )
    page = app.page
    box = page.get_by_role("checkbox", name="Spin")
    box.check()
    page.wait_for_function("window.__rillet.state === 'running'")
    began = time.monotonic()
    box.uncheck()
    expect(page.get_by_text("spin=False")).to_be_visible(timeout=5000)
    app.wait_runs(3)
    assert time.monotonic() - began < 2.0
    assert app.errors == []


def test_a_run_over_the_time_limit_is_stopped_with_a_message_in_the_page(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        """
import rillet as st
st.text("before the loop")
if st.button("Loop"):
    while True:
        pass
""",
        run_time_limit=0.5,
    )
    page = app.page
    app.after_run(lambda: page.get_by_role("button", name="Loop").click())
    alert = page.get_by_text("stopped after 0.5 s")
    expect(alert).to_be_visible()
    expect(page.get_by_text("RunTimeLimitExceeded")).to_be_visible()
    expect(page.get_by_text("before the loop")).to_be_visible()
