"""Forms through AppTest: batching until submit, Streamlit's rules and errors, forged input."""

from __future__ import annotations

import logging

import pytest

from rillet.testing import AppTest

SIGNUP = """
import rillet as st
st.session_state.runs = st.session_state.get("runs", 0) + 1
with st.form("signup", clear_on_submit=CLEAR):
    name = st.text_input("Name", key="name")
    age = st.slider("Age", 0, 100, 30, key="age")
    sent = st.form_submit_button("Sign up")
st.text(f"runs={st.session_state.runs} sent={sent} name={name} age={age}")
"""


def signup(clear: bool = False) -> AppTest:
    return AppTest.from_string(SIGNUP.replace("CLEAR", str(clear))).run()


def test_form_values_wait_for_submit_then_arrive_in_one_run() -> None:
    at = signup()
    at.text_input(key="name").input("Ada")
    at.slider(key="age").set_value(36)
    at.run()
    assert at.text[0].value == "runs=2 sent=False name= age=30"  # the app saw nothing yet
    at.button[0].click().run()
    assert at.text[0].value == "runs=3 sent=True name=Ada age=36"
    at.run()
    assert at.text[0].value == "runs=4 sent=False name=Ada age=36"


def test_clear_on_submit_resets_widgets_after_the_submit_run() -> None:
    at = signup(clear=True)
    at.text_input(key="name").input("Ada")
    at.button[0].click().run()
    assert at.text[0].value == "runs=2 sent=True name=Ada age=30"
    assert at.text_input(key="name").value == ""
    at.run()
    assert at.text[0].value == "runs=3 sent=False name= age=30"


def test_submit_on_click_runs_before_the_body_and_several_buttons_report_their_own() -> None:
    at = AppTest.from_string(
        """
import rillet as st
def note():
    st.session_state.note = "callback first"
with st.form("f"):
    st.text_input("Q", key="q")
    save = st.form_submit_button("Save", on_click=note)
    drop = st.form_submit_button("Discard")
st.text(f"save={save} drop={drop} note={st.session_state.get('note')}")
"""
    ).run()
    at.button[1].click().run()
    assert at.text[0].value == "save=False drop=True note=None"
    at.button[0].click().run()
    assert at.text[0].value == "save=True drop=False note=callback first"


def test_form_as_object_with_methods() -> None:
    at = AppTest.from_string(
        """
import rillet as st
f = st.form("obj")
v = f.slider("Level", 0, 10, 1)
ok = f.form_submit_button("Go")
st.text(f"v={v} ok={ok}")
"""
    ).run()
    at.slider[0].set_value(4)
    at.button[0].click().run()
    assert at.text[0].value == "v=4 ok=True"
    assert len(at.get("form")) == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'with st.form("f"):\n    st.text_input("x", on_change=lambda: None)\n'
            "    st.form_submit_button()",
            "With forms, callbacks can only be defined on the `st.form_submit_button`.",
        ),
        (
            'with st.form("a"):\n    with st.form("b"):\n        pass',
            "Forms cannot be nested in other forms.",
        ),
        (
            "st.form_submit_button()",
            "`st.form_submit_button()` must be used inside an `st.form()`.",
        ),
        (
            'with st.form("k"):\n    st.form_submit_button()\nwith st.form("k"):\n'
            "    st.form_submit_button()",
            "There are multiple identical forms with `key='k'`.",
        ),
        (
            'with st.form("f"):\n    st.button("b")',
            "`st.button()` can't be used in an `st.form()`.",
        ),
    ],
)
def test_streamlits_form_errors(body: str, message: str) -> None:
    at = AppTest.from_string("import rillet as st\n" + body + "\n").run()
    assert at.exception and at.exception[0].message.startswith(message)


def test_form_without_submit_button_shows_streamlits_warning() -> None:
    at = AppTest.from_string(
        'import rillet as st\nwith st.form("f"):\n    st.text_input("x")\n'
    ).run()
    assert at.warning[0].value.startswith("**Missing Submit Button**")
    assert at.warning[0].path[:2] == at.get("form")[0].path


def test_forged_form_values_without_submit_are_rejected(caplog: pytest.LogCaptureFixture) -> None:
    at = signup()
    name_id = at.text_input(key="name").id
    with caplog.at_level(logging.WARNING, logger="rillet"):
        at._session.request_rerun([(name_id, "forged")])
        at._wait(3)
    assert at.text[0].value == "runs=2 sent=False name= age=30"
    assert "form widgets change only on submit" in caplog.text


def test_submit_for_a_form_not_on_the_page_is_rejected(caplog: pytest.LogCaptureFixture) -> None:
    at = signup()
    with caplog.at_level(logging.WARNING, logger="rillet"):
        at._session.request_rerun([("form_submit_button-0000", True)])
        at._wait(3)
    assert "sent=False" in at.text[0].value
    assert "unknown widget id" in caplog.text


def test_values_outside_the_form_sent_with_a_submit_are_dropped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from rillet.protocol.messages import RerunRequest, WidgetValue

    at = AppTest.from_string(
        """
import rillet as st
outside = st.checkbox("Outside")
with st.form("f"):
    inside = st.text_input("Inside", key="inside")
    st.form_submit_button("Send")
st.text(f"outside={outside} inside={inside}")
"""
    ).run()
    submit, box, inside = at.button[0].id, at.checkbox[0].id, at.text_input[0].id
    message = RerunRequest(
        values=[WidgetValue(inside, "hi"), WidgetValue(box, True), WidgetValue(submit, True)]
    )
    with caplog.at_level(logging.WARNING, logger="rillet"):
        at._session.handle_rerun_message(message)
        at._wait(3)
    assert at.text[0].value == "outside=False inside=hi"
    assert "sent with another form's submit" in caplog.text


def test_form_inside_a_fragment_reruns_only_the_fragment() -> None:
    at = AppTest.from_string(
        """
import rillet as st
st.session_state.full = st.session_state.get("full", 0) + 1
@st.fragment
def panel():
    with st.form("inner"):
        q = st.text_input("Query")
        go = st.form_submit_button("Search")
    st.text(f"q={q} go={go} full={st.session_state.full}")
panel()
"""
    ).run()
    at.text_input[0].input("cats")
    at.button[0].click().run()
    assert at.text[0].value == "q=cats go=True full=1"


def test_fragment_inside_a_form_keeps_the_forms_batching() -> None:
    at = AppTest.from_string(
        """
import rillet as st
with st.form("outer"):
    @st.fragment
    def part():
        return st.text_input("Inside fragment", key="frag_text")
    value = part()
    sent = st.form_submit_button("Send")
st.text(f"value={value} sent={sent}")
"""
    ).run()
    at.text_input(key="frag_text").input("x").run()
    assert at.text[0].value == "value= sent=False"
    at.button[0].click().run()
    assert at.text[0].value == "value=x sent=True"
