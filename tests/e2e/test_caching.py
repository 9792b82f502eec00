"""Caching as a user meets it in Chromium: skipped work, shared resources, safe copies, and a
cached fragment that is skipped on full reruns yet stays interactive."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Browser, expect

from tests.e2e.conftest import AppPage

COUNTED = """
import rillet as st

if "calls" not in st.session_state:
    st.session_state.calls = []

@st.cache_data
def square(n):
    CALLS.append(n)
    return {"n": n, "square": n * n, "items": [n]}

CALLS = st.session_state.calls
n = st.slider("Number", 1, 10, 3)
result = square(n)
result["items"].append("mutated")  # a copy: the cache must not see this
st.text(f"square={result['square']} items={square(n)['items']}")
st.text(f"computed for {sorted(set(CALLS))} ({len(CALLS)} calls)")
st.button("Rerun")
"""


def test_cached_function_not_rerun_for_same_argument_and_copies_do_not_leak(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(COUNTED)
    page = app.page
    expect(page.get_by_text("square=9 items=[3]")).to_be_visible()
    expect(page.get_by_text("computed for [3] (1 calls)")).to_be_visible()
    app.after_run(lambda: page.get_by_role("button", name="Rerun").click())
    expect(page.get_by_text("computed for [3] (1 calls)")).to_be_visible()
    slider = page.get_by_role("slider", name="Number")
    slider.focus()
    app.after_run(lambda: page.keyboard.press("ArrowRight"))
    expect(page.get_by_text("square=16 items=[4]")).to_be_visible()
    expect(page.get_by_text("computed for [3, 4] (2 calls)")).to_be_visible()


RESOURCE = """
import itertools
import rillet as st

@st.cache_resource
def connection():
    return {"id": next(COUNTER)}

COUNTER = itertools.count(1)
st.text(f"connection id={connection()['id']} object={id(connection())}")
"""


def test_cache_resource_is_shared_by_two_browser_sessions(
    app_page: Callable[..., AppPage], browser: Browser
) -> None:
    app = app_page(RESOURCE)
    first = app.page.locator("[data-kind=text]").first.inner_text()
    assert first.startswith("connection id=1")
    other = browser.new_context().new_page()
    try:
        other.goto(app.server.url)
        other.wait_for_function("window.__rillet && window.__rillet.runsFinished > 0")
        expect(other.locator("[data-kind=text]").first).to_have_text(first)
    finally:
        other.context.close()
    assert len(app.server.manager.sessions) == 2


CACHED_FRAGMENT = """
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1
st.session_state.setdefault("body", 0)
st.button("Rerun the app")

@st.fragment
@st.cache_data
def panel(label):
    st.session_state.body += 1
    if st.button("Inside the panel"):
        st.session_state.pressed = st.session_state.get("pressed", 0) + 1
    st.text(f"{label} pressed={st.session_state.get('pressed', 0)}")

panel("panel")
st.text(f"full={st.session_state.full} body runs={st.session_state.body}")
"""


def test_cached_fragment_skipped_on_full_reruns_yet_interactive(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(CACHED_FRAGMENT)
    page = app.page
    expect(page.get_by_text("full=1 body runs=1")).to_be_visible()
    app.after_run(lambda: page.get_by_role("button", name="Rerun the app").click())
    expect(page.get_by_text("full=2 body runs=1")).to_be_visible()
    expect(page.get_by_text("panel pressed=0")).to_be_visible()
    app.after_run(lambda: page.get_by_role("button", name="Inside the panel").click())
    expect(page.get_by_text("panel pressed=1")).to_be_visible()
    expect(page.get_by_text("full=2 body runs=1")).to_be_visible()  # only the fragment ran
