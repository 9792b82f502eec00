"""Forms as a person meets them in Chromium: nothing reruns until the submit, which sends all."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Locator, Page, WebSocket, expect

from tests.e2e.conftest import AppPage

# A full-run counter outside the form: it moves only when the whole app reruns.
PROFILE = """
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1
st.text(f"full runs: {st.session_state.full}")
with st.form("profile"):
    name = st.text_input("Name")
    age = st.slider("Age", 0, 120, 30)
    agreed = st.checkbox("I accept the terms")
    submitted = st.form_submit_button("Save", type="primary")
st.text(f"submitted={submitted} name={name} age={age} agreed={agreed}")
"""


def reruns_sent(page: Page) -> list[dict[str, Any]]:
    """Collect the rerun requests the page sends from now on (call before opening the app)."""
    sent: list[dict[str, Any]] = []

    def on_frame(payload: str | bytes) -> None:
        message = json.loads(payload)
        if message.get("type") == "rerun":
            sent.append(message)

    def on_socket(ws: WebSocket) -> None:
        ws.on("framesent", on_frame)

    page.on("websocket", on_socket)
    return sent


def widget_id(control: Locator) -> str:
    """The id the page sends a control's values under (its widget's `data-widget-id`)."""
    return str(control.evaluate("el => el.closest('[data-widget-id]').dataset.widgetId"))


def unsaved(page: Page) -> Locator:
    """The note a form shows while it holds changes not yet submitted."""
    return page.get_by_role("status").filter(has_text="Unsaved changes")


def test_typing_in_a_form_reruns_nothing_and_submit_sends_every_value_once(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    sent = reruns_sent(page)
    app = app_page(PROFILE)
    form = page.locator('[data-form-id="profile"]')
    expect(unsaved(page)).to_have_count(0)
    expect(form).to_have_attribute("data-dirty", "false")

    page.get_by_role("textbox", name="Name").fill("Ada")
    expect(unsaved(page)).to_be_visible()
    expect(form).to_have_attribute("data-dirty", "true")
    slider = page.get_by_role("slider", name="Age")
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(slider).to_have_value("32")
    terms = page.get_by_role("checkbox", name="I accept the terms")
    terms.check()
    expect(terms).to_be_checked()

    # Everything above is held in the browser: no request, no run, the app still shows defaults.
    assert sent == []
    assert app.runs() == 1
    expect(page.get_by_text("full runs: 1")).to_be_visible()
    expect(page.get_by_text("submitted=False name= age=30 agreed=False")).to_be_visible()

    app.after_run(lambda: page.get_by_role("button", name="Save").click())
    expect(page.get_by_text("submitted=True name=Ada age=32 agreed=True")).to_be_visible()
    expect(page.get_by_text("full runs: 2")).to_be_visible()
    save = page.get_by_role("button", name="Save")
    assert sent == [
        {
            "type": "rerun",
            "values": [
                {"id": widget_id(page.get_by_role("textbox", name="Name")), "value": "Ada"},
                {"id": widget_id(slider), "value": 32},
                {"id": widget_id(terms), "value": True},
                {"id": widget_id(save), "value": True},
            ],
        }
    ]
    expect(unsaved(page)).to_have_count(0)
    expect(form).to_have_attribute("data-dirty", "false")
    # The submitted values stay in the form, now as the app's own.
    expect(page.get_by_role("textbox", name="Name")).to_have_value("Ada")
    assert app.runs() == 2
    assert app.errors == []


def test_unsaved_changes_note_clears_when_the_change_is_undone(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(PROFILE)
    page = app.page
    terms = page.get_by_role("checkbox", name="I accept the terms")
    terms.check()
    expect(unsaved(page)).to_be_visible()
    terms.uncheck()
    expect(unsaved(page)).to_have_count(0)
    expect(page.locator('[data-form-id="profile"]')).to_have_attribute("data-dirty", "false")
    assert app.runs() == 1


def test_clear_on_submit_shows_the_defaults_after_the_submit_run(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        """
import rillet as st
with st.form("signup", clear_on_submit=True):
    name = st.text_input("Name")
    age = st.slider("Age", 0, 120, 30)
    agreed = st.checkbox("I accept the terms")
    submitted = st.form_submit_button("Sign up")
if submitted:
    st.success(f"Welcome, {name} ({age})!" if agreed else "Please accept the terms.")
"""
    )
    page = app.page
    name = page.get_by_role("textbox", name="Name")
    age = page.get_by_role("slider", name="Age")
    terms = page.get_by_role("checkbox", name="I accept the terms")
    name.fill("Ada")
    age.focus()
    page.keyboard.press("End")
    expect(age).to_have_value("120")
    terms.check()
    app.after_run(lambda: page.get_by_role("button", name="Sign up").click())
    expect(page.get_by_text("Welcome, Ada (120)!")).to_be_visible()
    expect(name).to_have_value("")
    expect(age).to_have_value("30")
    expect(terms).not_to_be_checked()
    expect(unsaved(page)).to_have_count(0)


ENTER_FORM = """
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1
st.text(f"full runs: {st.session_state.full}")
with st.form("search", enter_to_submit=ENTER):
    query = st.text_input("Search for")
    go = st.form_submit_button("Search")
st.text(f"go={go} query={query}")
"""


def test_enter_in_a_form_text_input_submits_the_form(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    sent = reruns_sent(page)
    app = app_page(ENTER_FORM.replace("ENTER", "True"))
    box = page.get_by_role("textbox", name="Search for")
    box.fill("otters")
    expect(page.get_by_text("Press Enter to submit form")).to_be_visible()
    app.after_run(lambda: box.press("Enter"))
    expect(page.get_by_text("go=True query=otters")).to_be_visible()
    expect(page.get_by_text("full runs: 2")).to_be_visible()
    assert len(sent) == 1
    expect(unsaved(page)).to_have_count(0)


def test_enter_only_keeps_the_text_when_the_form_does_not_submit_on_enter(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    sent = reruns_sent(page)
    app = app_page(ENTER_FORM.replace("ENTER", "False"))
    box = page.get_by_role("textbox", name="Search for")
    box.fill("otters")
    box.press("Enter")
    expect(unsaved(page)).to_be_visible()
    expect(page.get_by_text("Press Enter to submit form")).to_have_count(0)
    expect(box).to_have_value("otters")
    assert app.runs() == 1
    # The button still submits; had Enter sent a request too, there would be two.
    app.after_run(lambda: page.get_by_role("button", name="Search").click())
    expect(page.get_by_text("go=True query=otters")).to_be_visible()
    assert len(sent) == 1
    assert app.runs() == 2


def test_pending_form_values_survive_an_unrelated_rerun(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    sent = reruns_sent(page)
    app = app_page(
        """
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1
runs = st.session_state.full
st.button("Refresh")
with st.form("note"):
    # The placeholder changes on every run, so each rerun sends the text box again.
    text = st.text_input("Note", key="note_text", placeholder=f"run {runs}")
    keep = st.checkbox("Keep it", key="keep", help=f"run {runs}")
    saved = st.form_submit_button("Save note")
st.text(f"runs={runs} saved={saved} text={text} keep={keep}")
"""
    )
    note = page.get_by_role("textbox", name="Note")
    keep = page.get_by_role("checkbox", name="Keep it")
    note.fill("buy milk")
    keep.check()
    expect(unsaved(page)).to_be_visible()

    app.after_run(lambda: page.get_by_role("button", name="Refresh").click())
    expect(page.get_by_text("runs=2 saved=False text= keep=False")).to_be_visible()
    expect(note).to_have_attribute("placeholder", "run 2")  # the rerun did reach the box
    expect(note).to_have_value("buy milk")
    expect(keep).to_be_checked()
    expect(unsaved(page)).to_be_visible()
    refresh_id = widget_id(page.get_by_role("button", name="Refresh"))
    assert [m["values"] for m in sent] == [[{"id": refresh_id, "value": True}]]

    app.after_run(lambda: page.get_by_role("button", name="Save note").click())
    expect(page.get_by_text("runs=3 saved=True text=buy milk keep=True")).to_be_visible()
    expect(unsaved(page)).to_have_count(0)


def test_form_inside_a_fragment_reruns_only_the_fragment(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    sent = reruns_sent(page)
    app = app_page(
        """
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1
st.text(f"full runs: {st.session_state.full}")

@st.fragment
def search_panel():
    with st.form("query"):
        q = st.text_input("Query")
        go = st.form_submit_button("Search")
    if go:
        st.write("Results for", q)

search_panel()
"""
    )
    page.get_by_role("textbox", name="Query").fill("trains")
    expect(unsaved(page)).to_be_visible()
    app.after_run(lambda: page.get_by_role("button", name="Search").click())
    expect(page.get_by_text("Results for trains")).to_be_visible()
    expect(page.get_by_text("full runs: 1")).to_be_visible()
    assert len(sent) == 1
    fragment = page.locator("[data-fragment-id]").first.get_attribute("data-fragment-id")
    assert sent[0]["fragment_id"] == fragment


def test_each_of_two_submit_buttons_reports_its_own_press(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        """
import rillet as st
with st.form("post"):
    title = st.text_input("Title")
    draft = st.form_submit_button("Save draft")
    publish = st.form_submit_button("Publish", type="primary")
st.text(f"draft={draft} publish={publish} title={title}")
"""
    )
    page = app.page
    page.get_by_role("textbox", name="Title").fill("Hello")
    app.after_run(lambda: page.get_by_role("button", name="Publish").click())
    expect(page.get_by_text("draft=False publish=True title=Hello")).to_be_visible()
    app.after_run(lambda: page.get_by_role("button", name="Save draft").click())
    expect(page.get_by_text("draft=True publish=False title=Hello")).to_be_visible()


def test_a_form_without_a_submit_button_shows_the_warning(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        """
import rillet as st
with st.form("forgotten"):
    st.text_input("Email")
"""
    )
    warning = app.page.locator('[data-form-id="forgotten"]').get_by_role("alert")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Missing Submit Button")


def test_submitting_one_form_leaves_another_forms_changes_pending(
    page: Page, app_page: Callable[..., AppPage]
) -> None:
    sent = reruns_sent(page)
    app = app_page(
        """
import rillet as st
with st.form("first"):
    a = st.text_input("First field")
    st.form_submit_button("Submit first")
with st.form("second"):
    b = st.text_input("Second field")
    st.form_submit_button("Submit second")
st.text(f"a={a} b={b}")
"""
    )
    page.get_by_role("textbox", name="First field").fill("one")
    page.get_by_role("textbox", name="Second field").fill("two")
    expect(unsaved(page)).to_have_count(2)
    app.after_run(lambda: page.get_by_role("button", name="Submit first").click())
    expect(page.get_by_text("a=one b=")).to_be_visible()
    assert len(sent[0]["values"]) == 2  # the first form's field and its button, nothing else
    second = page.locator('[data-form-id="second"]')
    expect(second).to_have_attribute("data-dirty", "true")
    expect(page.get_by_role("textbox", name="Second field")).to_have_value("two")
    app.after_run(lambda: page.get_by_role("button", name="Submit second").click())
    expect(page.get_by_text("a=one b=two")).to_be_visible()
    expect(unsaved(page)).to_have_count(0)


def test_a_pending_value_is_dropped_when_its_widget_leaves_the_page(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        """
import rillet as st
show = st.checkbox("Ask for a nickname")
with st.form("profile"):
    if show:
        st.text_input("Nickname")
    st.form_submit_button("Save")
"""
    )
    page = app.page
    ask = page.get_by_role("checkbox", name="Ask for a nickname")
    app.after_run(ask.check)
    page.get_by_role("textbox", name="Nickname").fill("Ace")
    expect(unsaved(page)).to_be_visible()
    app.after_run(ask.uncheck)
    expect(page.get_by_role("textbox", name="Nickname")).to_have_count(0)
    expect(unsaved(page)).to_have_count(0)
    # Back again it starts from its default, as the app's state does: nothing stale is held.
    app.after_run(ask.check)
    expect(page.get_by_role("textbox", name="Nickname")).to_have_value("")
    expect(unsaved(page)).to_have_count(0)


def test_a_submit_button_in_a_fragment_inside_the_form_still_submits_the_whole_form(
    app_page: Callable[..., AppPage],
) -> None:
    app = app_page(
        """
import rillet as st
with st.form("order"):
    dish = st.text_input("Dish")

    @st.fragment
    def extras():
        st.text_input("Side")
        st.form_submit_button("Order")

    extras()
st.text(f"dish={dish}")
"""
    )
    page = app.page
    page.get_by_role("textbox", name="Dish").fill("soup")
    # The form reaches beyond the button's fragment, so the submit reruns the app: a rerun of
    # the fragment alone could not take in the dish.
    app.after_run(lambda: page.get_by_role("button", name="Order").click())
    expect(page.get_by_text("dish=soup")).to_be_visible()
