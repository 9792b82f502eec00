"""Fragments, run_every timers and dialogs as a person meets them in Chromium."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from playwright.sync_api import Page, WebSocket, expect

from tests.e2e.conftest import AppPage

STALE = re.compile(r"\brillet-stale\b")

# Every app below counts its full runs outside any fragment: a fragment rerun leaves it alone.
FULL_RUNS = """
import time
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1
st.text(f"full runs: {st.session_state.full}")
"""


def fragment_reruns_sent(page: Page) -> list[str]:
    """Collect the fragment ids of the rerun requests the page sends from now on."""
    sent: list[str] = []

    def on_frame(payload: str | bytes) -> None:
        message = json.loads(payload)
        if message.get("type") == "rerun" and message.get("fragment_id"):
            sent.append(message["fragment_id"])

    def on_socket(ws: WebSocket) -> None:
        ws.on("framesent", on_frame)

    page.on("websocket", on_socket)
    return sent


def set_tab_hidden(page: Page, hidden: bool) -> None:
    """Emulate switching tabs: what `document.hidden` says, and the event that tells it."""
    page.evaluate(
        """(hidden) => {
            Object.defineProperty(document, "hidden", {configurable: true, get: () => hidden});
            Object.defineProperty(document, "visibilityState",
                {configurable: true, get: () => (hidden ? "hidden" : "visible")});
            document.dispatchEvent(new Event("visibilitychange"));
        }""",
        hidden,
    )


def ticks_shown(page: Page) -> int:
    text = page.get_by_text(re.compile(r"^ticks: \d+$")).inner_text()
    return int(text.split(": ")[1])


def wait_ticks_above(page: Page, count: int) -> None:
    page.wait_for_function(
        """(count) => [...document.querySelectorAll("[data-kind=text]")].some(
            (el) => /^ticks: (\\d+)$/.test(el.textContent.trim())
                && Number(el.textContent.trim().slice(7)) > count)""",
        arg=count,
    )


def settled(app: AppPage) -> None:
    """Wait until no run is in progress."""
    app.page.wait_for_function("window.__rillet.state === 'connected'")


def wait_requests_served(app: AppPage, sent: list[str]) -> None:
    """Wait until every tick request sent so far has run (TICKER shows 1 + fragment runs)."""
    for _ in range(100):
        settled(app)
        if ticks_shown(app.page) == 1 + len(sent):
            return
        app.page.wait_for_timeout(50)  # a request or its run still on the wire
    raise AssertionError(f"{len(sent)} requests sent, but ticks show {ticks_shown(app.page)}")


# Watches every text element outside the fragment ("inside" in its text marks those within).
RECORD_OUTSIDE_STALE = """() => {
    window.__outsideStale = [];
    for (const el of document.querySelectorAll("[data-kind=text]")) {
        if (el.textContent.includes("inside")) continue;
        const seen = () => {
            if (el.classList.contains("rillet-stale")) window.__outsideStale.push(el.textContent);
        };
        new MutationObserver(seen).observe(el, {attributes: true, attributeFilter: ["class"]});
    }
}"""


# --- fragments -----------------------------------------------------------------------------


def test_fragment_button_reruns_only_the_fragment(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        FULL_RUNS
        + """
@st.fragment
def part():
    st.session_state.part = st.session_state.get("part", 0) + 1
    st.text(f"fragment runs: {st.session_state.part}")
    st.button("Again")
part()
"""
    )
    page = app.page
    expect(page.get_by_text("fragment runs: 1")).to_be_visible()
    app.after_run(lambda: page.get_by_role("button", name="Again").click())
    app.after_run(lambda: page.get_by_role("button", name="Again").click())
    expect(page.get_by_text("fragment runs: 3")).to_be_visible()
    expect(page.get_by_text("full runs: 1")).to_be_visible()
    assert app.errors == []


def test_fragment_rerun_never_marks_elements_outside_it_stale(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        FULL_RUNS
        + """
st.sidebar.text("sidebar outside")
@st.fragment
def slow():
    go = st.button("Slow fragment")
    if go:
        time.sleep(1.5)
    st.text("inside, after the wait")
slow()
st.text("main outside")
"""
    )
    page = app.page
    inside = page.locator("[data-kind=text]").filter(has_text="inside, after the wait")
    outside = page.locator("[data-kind=text]").filter(has_text=re.compile("outside|full runs"))
    expect(outside).to_have_count(3)
    # Record any stale mark an outside element gets, however briefly.
    page.evaluate(RECORD_OUTSIDE_STALE)
    before = app.runs()
    page.get_by_role("button", name="Slow fragment").click()
    expect(inside).to_have_class(STALE)
    for i in range(3):
        expect(outside.nth(i)).not_to_have_class(STALE)
    app.wait_runs(before + 1)
    expect(inside).not_to_have_class(STALE)
    assert page.evaluate("window.__outsideStale") == []
    expect(page.get_by_text("full runs: 1")).to_be_visible()


def test_fragment_writing_to_sidebar_replaces_its_text_in_place(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        FULL_RUNS
        + """
st.sidebar.text("sidebar header")
@st.fragment
def part():
    st.session_state.n = st.session_state.get("n", 0) + 1
    st.sidebar.text(f"fragment wrote {st.session_state.n}")
    st.button("Refresh")
part()
"""
    )
    page = app.page
    sidebar = page.get_by_role("complementary", name="Sidebar")
    for _ in range(2):
        app.after_run(lambda: page.get_by_role("button", name="Refresh").click())
    expect(sidebar.get_by_text("fragment wrote 3")).to_be_visible()
    expect(sidebar.get_by_text(re.compile("fragment wrote"))).to_have_count(1)
    expect(sidebar.get_by_text("sidebar header")).to_be_visible()
    expect(page.get_by_text("full runs: 1")).to_be_visible()


# --- run_every -----------------------------------------------------------------------------

TICKER = (
    FULL_RUNS
    + """
@st.fragment(run_every=0.3)
def ticker():
    st.session_state.ticks = st.session_state.get("ticks", 0) + 1
    st.text(f"ticks: {st.session_state.ticks}")
ticker()
"""
)


def test_run_every_reruns_the_fragment_on_its_own(app_page: Callable[..., AppPage]) -> None:
    app = app_page(TICKER)
    page = app.page
    assert page.evaluate("window.__rillet.timers") == 1
    wait_ticks_above(app.page, 3)
    expect(page.get_by_text("full runs: 1")).to_be_visible()
    assert app.errors == []


def test_run_every_pauses_while_the_tab_is_hidden(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    sent = fragment_reruns_sent(page)
    app = app_page(TICKER)
    wait_ticks_above(page, 2)
    set_tab_hidden(page, True)
    wait_requests_served(app, sent)
    requests, ticks = len(sent), ticks_shown(page)
    page.wait_for_timeout(1000)  # more than three intervals: the absence of ticks is the point
    assert len(sent) == requests
    assert ticks_shown(page) == ticks
    assert page.evaluate("window.__rillet.timers") == 1  # paused, not dropped
    set_tab_hidden(page, False)
    # An interval passed while hidden: one tick at once, then the regular ones.
    wait_ticks_above(page, ticks + 1)
    assert len(sent) > requests
    expect(page.get_by_text("full runs: 1")).to_be_visible()


def test_a_slow_run_every_fragment_gets_no_piled_up_requests(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    sent = fragment_reruns_sent(page)
    app_page(
        FULL_RUNS
        + """
@st.fragment(run_every=0.2)
def slow_ticker():
    time.sleep(0.6)
    st.session_state.ticks = st.session_state.get("ticks", 0) + 1
    st.text(f"ticks: {st.session_state.ticks}")
slow_ticker()
"""
    )
    wait_ticks_above(page, 3)
    # Ticks due while the previous one still runs are skipped: about one request per run
    # (the first run was the full run; one more request may be on its way).
    assert len(sent) <= ticks_shown(page)


def test_run_every_follows_a_checkbox_between_full_runs(
    app_page: Callable[..., AppPage], page: Page
) -> None:
    sent = fragment_reruns_sent(page)
    app = app_page(
        FULL_RUNS
        + """
st.checkbox("Live", key="live")
@st.fragment(run_every=0.3 if st.session_state.get("live") else None)
def ticker():
    st.session_state.ticks = st.session_state.get("ticks", 0) + 1
    st.text(f"ticks: {st.session_state.ticks}")
ticker()
"""
    )
    live = page.get_by_role("checkbox", name="Live")
    assert page.evaluate("window.__rillet.timers") == 0
    app.after_run(live.check)
    page.wait_for_function("window.__rillet.timers === 1")
    wait_ticks_above(page, ticks_shown(page) + 2)
    expect(page.get_by_text("full runs: 2")).to_be_visible()
    app.after_run(live.uncheck)
    page.wait_for_function("window.__rillet.timers === 0")
    settled(app)
    requests, ticks = len(sent), ticks_shown(page)
    page.wait_for_timeout(1000)  # more than three intervals: the absence of ticks is the point
    assert len(sent) == requests
    assert ticks_shown(page) == ticks
    expect(page.get_by_text("full runs: 3")).to_be_visible()


def test_run_every_timer_stops_when_its_fragment_leaves_the_page(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        FULL_RUNS
        + """
@st.fragment(run_every="300ms")
def ticker():
    st.text("ticking")
if st.checkbox("Show ticker", value=True):
    ticker()
"""
    )
    page = app.page
    assert page.evaluate("window.__rillet.timers") == 1
    app.after_run(page.get_by_role("checkbox", name="Show ticker").uncheck)
    expect(page.get_by_text("ticking")).to_have_count(0)
    assert page.evaluate("window.__rillet.timers") == 0


# --- dialogs -------------------------------------------------------------------------------

EDITOR = (
    FULL_RUNS
    + """
@st.dialog("Edit name", width="medium", icon="✏️")
def edit():
    name = st.text_input("Name")
    st.text(f"hello {name}")
    if st.button("Save"):
        st.session_state.saved = name
        st.rerun()

if st.button("Open editor"):
    edit()
st.text(f"saved: {st.session_state.get('saved')}")
"""
)


def focus_is_inside_dialog(page: Page) -> bool:
    return bool(
        page.evaluate("document.querySelector('[role=dialog]').contains(document.activeElement)")
    )


def test_dialog_opens_as_a_modal_with_focus_inside(app_page: Callable[..., AppPage]) -> None:
    app = app_page(EDITOR)
    page = app.page
    opener = page.get_by_role("button", name="Open editor")
    app.after_run(opener.click)
    dialog = page.get_by_role("dialog", name="Edit name", exact=True)
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-modal", "true")
    box = dialog.bounding_box()
    assert box is not None and box["width"] == 750
    name = dialog.get_by_role("textbox", name="Name")
    save = dialog.get_by_role("button", name="Save")
    close = dialog.get_by_role("button", name="Close")
    expect(name).to_be_focused()
    expect(page.locator(".rillet-layout")).to_have_attribute("inert", "")
    # Tab and Shift+Tab cycle through the dialog's controls (Close, Name, Save) and never leave.
    for key, target in [
        ("Tab", save),
        ("Tab", close),
        ("Tab", name),
        ("Shift+Tab", close),
        ("Shift+Tab", save),
        ("Shift+Tab", name),
    ]:
        page.keyboard.press(key)
        expect(target).to_be_focused()


def test_dialog_input_reruns_only_the_dialog_and_rerun_closes_it(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(EDITOR)
    page = app.page
    opener = page.get_by_role("button", name="Open editor")
    app.after_run(opener.click)
    dialog = page.get_by_role("dialog", name="Edit name")
    name = dialog.get_by_role("textbox", name="Name")
    name.fill("Ada")
    app.after_run(lambda: name.press("Enter"))
    expect(dialog.get_by_text("hello Ada")).to_be_visible()
    expect(page.get_by_text("full runs: 2")).to_be_attached()
    dialog.get_by_role("button", name="Save").click()
    expect(page.get_by_text("saved: Ada")).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("full runs: 3")).to_be_visible()
    expect(opener).to_be_focused()
    expect(page.locator(".rillet-layout")).not_to_have_attribute("inert", "")
    assert app.errors == []


def test_escape_dismisses_a_dialog_and_focus_returns_to_its_opener(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(EDITOR)
    page = app.page
    opener = page.get_by_role("button", name="Open editor")
    app.after_run(opener.click)
    expect(page.get_by_role("dialog", name="Edit name")).to_be_visible()
    runs = app.runs()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(opener).to_be_focused()
    # on_dismiss="ignore": nothing reruns; the next press opens the dialog again.
    assert app.runs() == runs
    app.after_run(opener.click)
    expect(page.get_by_role("dialog", name="Edit name")).to_be_visible()
    expect(page.get_by_text("full runs: 3")).to_be_attached()


def test_focus_follows_dialog_content_that_arrives_later(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        FULL_RUNS
        + """
@st.dialog("Question")
def question():
    st.text("Loading…")
    time.sleep(0.5)
    st.text_input("Answer")

if st.button("Ask"):
    question()
"""
    )
    page = app.page
    app.after_run(page.get_by_role("button", name="Ask").click)
    expect(
        page.get_by_role("dialog", name="Question").get_by_role("textbox", name="Answer")
    ).to_be_focused()


def test_a_dialog_that_is_not_dismissible_stays_open(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        FULL_RUNS
        + """
@st.dialog("Terms", dismissible=False)
def terms():
    st.text("Read these first.")
    if st.button("Accept"):
        st.rerun()

if st.button("Show terms"):
    terms()
"""
    )
    page = app.page
    app.after_run(page.get_by_role("button", name="Show terms").click)
    dialog = page.get_by_role("dialog", name="Terms")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Close")).to_have_count(0)
    page.keyboard.press("Escape")
    page.mouse.click(5, 5)  # the backdrop
    expect(dialog).to_be_visible()
    assert focus_is_inside_dialog(page)
    dialog.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_role("button", name="Show terms")).to_be_focused()


def test_on_dismiss_rerun_reruns_the_app(app_page: Callable[..., AppPage]) -> None:
    app = app_page(
        FULL_RUNS
        + """
@st.dialog("Notice", on_dismiss="rerun")
def notice():
    st.text("Something happened.")

if st.button("Show notice"):
    notice()
"""
    )
    page = app.page
    app.after_run(page.get_by_role("button", name="Show notice").click)
    dialog = page.get_by_role("dialog", name="Notice")
    expect(page.get_by_text("full runs: 2")).to_be_attached()
    app.after_run(dialog.get_by_role("button", name="Close").click)
    expect(page.get_by_text("full runs: 3")).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_role("button", name="Show notice")).to_be_focused()


def test_callable_on_dismiss_runs_before_the_app_reruns(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        FULL_RUNS
        + """
def closed():
    st.session_state.closed = True

@st.dialog("Notice", on_dismiss=closed)
def notice():
    st.text("Something happened.")

if st.button("Show notice"):
    notice()
st.text(f"closed: {st.session_state.get('closed', False)}")
"""
    )
    page = app.page
    app.after_run(page.get_by_role("button", name="Show notice").click)
    expect(page.get_by_role("dialog", name="Notice")).to_be_visible()
    app.after_run(lambda: page.mouse.click(5, 5))  # a click on the backdrop
    expect(page.get_by_text("closed: True")).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("full runs: 3")).to_be_visible()


REACTIVE = """
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1

@st.fragment
def control():
    st.slider("Threshold", 0, 10, 5, key="threshold")

@st.fragment
def report():
    st.text(f"report sees threshold={st.session_state.threshold}")

control()
report()
st.text(f"full runs={st.session_state.full}")
"""


def test_reactive_fragment_updates_when_another_fragment_changes_its_state(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(REACTIVE)
    page = app.page
    expect(page.get_by_text("report sees threshold=5")).to_be_visible()
    slider = page.get_by_role("slider", name="Threshold")
    slider.focus()
    app.after_run(lambda: page.keyboard.press("ArrowRight"))
    expect(page.get_by_text("report sees threshold=6")).to_be_visible()
    expect(page.get_by_text("full runs=1")).to_be_visible()


THREE = """
import time
import rillet as st
for name in "abc":
    st.session_state.setdefault(name, 0)

@st.fragment
def panel(name):
    if st.button(f"Press {name}"):
        st.session_state[name] += 1
        time.sleep(0.2)
    st.text(f"{name}={st.session_state[name]}")

panel("a")
panel("b")
panel("c")
"""


def test_three_quick_clicks_in_three_fragments_all_count(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(THREE)
    page = app.page
    for name in "abc":
        page.get_by_role("button", name=f"Press {name}").click()
    for name in "abc":
        expect(page.get_by_text(f"{name}=1")).to_be_visible()
