"""Layout and status elements as a person meets them in Chromium, found by role and label."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect

from tests.e2e.conftest import AppPage

TABS = """
import rillet as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
sales, costs, notes = st.tabs(["Sales", "Costs", "Notes"])
sales.text("sales body")
costs.text("costs body")
notes.button("Note it")
st.text(f"runs={st.session_state.runs}")
"""


def test_tabs_switch_by_click_and_arrow_keys_without_a_rerun(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(TABS)
    page = app.page
    expect(page.get_by_role("tablist")).to_be_visible()
    sales = page.get_by_role("tab", name="Sales")
    costs = page.get_by_role("tab", name="Costs")
    expect(sales).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel", name="Sales")).to_contain_text("sales body")
    expect(page.get_by_text("costs body")).to_be_hidden()

    costs.click()
    expect(costs).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("costs body")).to_be_visible()
    expect(page.get_by_text("sales body")).to_be_hidden()

    page.keyboard.press("ArrowRight")
    notes = page.get_by_role("tab", name="Notes")
    expect(notes).to_be_focused()
    expect(notes).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("button", name="Note it")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(sales).to_be_focused()
    page.keyboard.press("End")
    expect(notes).to_be_focused()
    expect(sales).to_have_attribute("tabindex", "-1")
    expect(page.get_by_text("runs=1")).to_be_visible()
    assert app.runs() == 1, "switching tabs is browser state: no rerun"

    # A rerun from inside the tab keeps the tab the user chose.
    app.after_run(lambda: page.get_by_role("button", name="Note it").click())
    expect(page.get_by_text("runs=2")).to_be_visible()
    expect(notes).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("button", name="Note it")).to_be_visible()
    assert app.errors == []


EXPANDER = """
import rillet as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
with st.expander("Details"):
    st.text("the details")
    st.button("Refresh")
st.expander("Open already", expanded=True).text("already shown")
st.text(f"runs={st.session_state.runs}")
"""


def test_expander_opens_and_closes_and_a_rerun_keeps_it_open(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(EXPANDER)
    page = app.page
    header = page.get_by_role("button", name="Details")
    expect(header).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_text("the details")).to_be_hidden()
    expect(page.get_by_text("already shown")).to_be_visible()

    header.click()
    expect(header).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("region", name="Details")).to_contain_text("the details")

    app.after_run(lambda: page.get_by_role("button", name="Refresh").click())
    expect(page.get_by_text("runs=2")).to_be_visible()
    expect(header).to_have_attribute("aria-expanded", "true")

    header.focus()
    page.keyboard.press("Enter")
    expect(header).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_text("the details")).to_be_hidden()
    assert app.runs() == 2
    assert app.errors == []


POPOVER = """
import rillet as st
with st.popover("Filters", help="Narrow the list"):
    only_open = st.checkbox("Only open")
st.text(f"only_open={only_open}")
st.button("Elsewhere")
"""


def test_popover_opens_stays_open_across_a_rerun_and_escape_closes_it(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(POPOVER)
    page = app.page
    trigger = page.get_by_role("button", name="Filters")
    expect(trigger).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("dialog", name="Filters")).to_be_hidden()

    trigger.click()
    panel = page.get_by_role("dialog", name="Filters")
    expect(panel).to_be_visible()
    expect(trigger).to_have_attribute("aria-expanded", "true")
    app.after_run(lambda: panel.get_by_role("checkbox", name="Only open").check())
    expect(page.get_by_text("only_open=True")).to_be_visible()
    expect(panel).to_be_visible()

    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(trigger).to_be_focused()

    trigger.click()
    expect(panel).to_be_visible()
    page.locator(".rillet-header").click()  # anywhere outside the popover
    expect(panel).to_be_hidden()
    expect(page.get_by_text("only_open=True")).to_be_visible()
    assert app.errors == []


PROGRESS = """
import time
import rillet as st
if st.button("Start"):
    bar = st.progress(0, text="Working")
    for step in range(1, 5):
        time.sleep(0.4)
        bar.progress(step * 25, text=f"Step {step}")
st.text("idle")
"""


# Records each value a progress bar shows, with the runs finished at that moment and which
# DOM node showed it.
WATCH_PROGRESS = """() => {
    window.__progress = [];
    let nodes = 0;
    new MutationObserver((records) => {
        for (const r of records) {
            const el = r.target;
            if (!(el instanceof Element) || el.getAttribute("role") !== "progressbar") continue;
            el.__node = el.__node || ++nodes;
            window.__progress.push(
                [el.getAttribute("aria-valuenow"), window.__rillet.runsFinished, el.__node]);
        }
    }).observe(document.body, {subtree: true, attributes: true,
                               attributeFilter: ["aria-valuenow"]});
}"""


def test_progress_bar_moves_in_place_while_the_run_goes_on(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(PROGRESS)
    page = app.page
    page.evaluate(WATCH_PROGRESS)
    app.after_run(lambda: page.get_by_role("button", name="Start").click())
    bar = page.get_by_role("progressbar", name="Step 4")
    expect(bar).to_have_attribute("aria-valuenow", "100")
    seen = page.evaluate("window.__progress")
    during = [value for value, finished, _ in seen if finished == 1]
    assert {"25", "50", "75"} <= set(during), f"values shown while the run went on: {seen}"
    assert len({node for _, _, node in seen}) == 1, "one bar, updated in place"
    assert app.errors == []


SPINNER = """
import time
import rillet as st
if st.button("Crunch"):
    with st.spinner("Crunching numbers"):
        time.sleep(1.0)
    st.text("crunched")
"""


def test_spinner_shows_during_a_slow_block_and_is_gone_after(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(SPINNER)
    page = app.page
    spinner = page.get_by_role("status").filter(has_text="Crunching numbers")
    expect(spinner).to_have_count(0)
    app.after_run(lambda: page.get_by_role("button", name="Crunch").click())
    expect(page.get_by_text("crunched")).to_be_visible()
    expect(spinner).to_have_count(0)


def test_spinner_is_visible_while_the_block_runs(app_page: Callable[..., AppPage]) -> None:
    app = app_page(SPINNER)
    page = app.page
    page.get_by_role("button", name="Crunch").click()
    expect(page.get_by_role("status").filter(has_text="Crunching numbers")).to_be_visible()
    expect(page.get_by_text("crunched")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Crunching numbers")).to_have_count(0)
    assert app.errors == []


STATUS = """
import time
import rillet as st
if st.button("Download"):
    with st.status("Downloading", expanded=True) as status:
        st.text("step one")
        time.sleep(0.8)
        status.update(label="Downloaded")
st.status("Broken", state="error")
"""


def test_status_container_shows_running_then_complete_and_error(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(STATUS)
    page = app.page
    broken = page.locator(".rillet-block[data-type=status]").filter(
        has=page.get_by_role("button", name="Broken")
    )
    expect(broken).to_have_attribute("data-state", "error")
    expect(page.get_by_role("button", name="Broken")).to_have_accessible_description("Error")

    page.get_by_role("button", name="Download").click()
    running = page.locator(".rillet-block[data-type=status]").first
    expect(running).to_have_attribute("data-state", "running")
    expect(page.get_by_role("button", name="Downloading")).to_have_attribute(
        "aria-expanded", "true"
    )
    expect(page.get_by_text("step one")).to_be_visible()
    expect(page.get_by_role("button", name="Downloaded")).to_be_visible()
    expect(running).to_have_attribute("data-state", "complete")
    assert app.errors == []


TOAST = """
import rillet as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
if st.button("Save"):
    st.toast("Saved <img src=x onerror=alert(1)>", icon="🎉", duration=1)
st.button("Other")
st.text(f"runs={st.session_state.runs}")
"""


def test_toast_shows_then_goes_and_never_comes_back_on_a_rerun(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(TOAST)
    page = app.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    toast = page.get_by_role("status").filter(has_text="Saved")

    app.after_run(lambda: page.get_by_role("button", name="Save").click())
    expect(toast).to_be_visible()
    expect(toast).to_contain_text("<img src=x onerror=alert(1)>")
    expect(toast).to_have_count(0, timeout=5000)

    app.after_run(lambda: page.get_by_role("button", name="Other").click())
    expect(page.get_by_text("runs=3")).to_be_visible()
    expect(toast).to_have_count(0)
    assert dialogs == []
    assert app.errors == []


def test_toast_closes_with_its_button(app_page: Callable[..., AppPage]) -> None:
    app = app_page('import rillet as st\nst.toast("Hello there", duration="infinite")\n')
    page = app.page
    toast = page.get_by_role("status").filter(has_text="Hello there")
    expect(toast).to_be_visible()
    toast.get_by_role("button", name="Close").click()
    expect(toast).to_have_count(0)


BALLOONS = """
import rillet as st
st.session_state.clicks = st.session_state.get("clicks", 0)
if st.button("Party"):
    st.balloons()
if st.button("Count"):
    st.session_state.clicks += 1
st.text(f"clicks={st.session_state.clicks}")
"""


def test_balloons_float_over_the_page_without_blocking_a_click(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(BALLOONS)
    page = app.page
    app.after_run(lambda: page.get_by_role("button", name="Party").click())
    layer = page.locator(".rillet-celebration")
    expect(layer).to_have_count(1)
    expect(layer).to_have_attribute("aria-hidden", "true")

    app.after_run(lambda: page.get_by_role("button", name="Count").click())
    expect(page.get_by_text("clicks=1")).to_be_visible()
    expect(layer).to_have_count(1)  # still floating: the click went through it
    expect(layer).to_have_count(0, timeout=8000)
    assert app.errors == []


def test_balloons_stay_still_when_the_user_asks_for_reduced_motion(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(BALLOONS)
    page = app.page
    page.emulate_media(reduced_motion="reduce")
    app.after_run(lambda: page.get_by_role("button", name="Party").click())
    expect(page.locator(".rillet-celebration")).to_have_count(0)


LABELS = """
import rillet as st
payload = "<img src=x onerror=alert(1)>"
st.tabs([payload, "two"])[0].text("tab body")
st.expander(payload).text("expander body")
st.popover(payload).text("popover body")
st.status(payload, state="complete")
st.progress(50, text=payload)
"""


def test_labels_are_text_never_html(app_page: Callable[..., AppPage]) -> None:
    app = app_page(LABELS)
    page = app.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    payload = "<img src=x onerror=alert(1)>"
    expect(page.get_by_role("tab", name=payload)).to_be_visible()
    expect(page.get_by_role("button", name=payload)).to_have_count(3)
    expect(page.get_by_role("progressbar", name=payload)).to_be_visible()
    assert page.locator(".rillet-layout img").count() == 0
    assert dialogs == []
    assert app.errors == []
