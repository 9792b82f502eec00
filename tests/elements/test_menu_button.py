"""st.menu_button through AppTest: the clicked option for one run, callbacks, Streamlit's errors."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest


def app(body: str) -> AppTest:
    return AppTest.from_string("import rillet as st\n" + body).run()


MENU = """
choice = st.menu_button("Actions", ["Copy", "Paste", "Delete"], key="menu", icon="⚡")
st.write(f"choice={choice}")
st.button("Other")
"""


def test_the_clicked_option_is_returned_in_the_next_run_only() -> None:
    at = app(MENU)
    assert at.menu_button[0].value is None
    assert at.menu_button[0].options == ["Copy", "Paste", "Delete"]

    at.menu_button[0].click("Paste").run()
    assert at.markdown[0].value == "choice=Paste"
    assert at.menu_button[0].value == "Paste"

    at.button[0].click().run()
    assert at.markdown[0].value == "choice=None"
    assert at.menu_button[0].value is None
    assert at.session_state["menu"] is None


def test_clicking_the_same_option_twice_returns_it_twice() -> None:
    at = app(MENU)
    at.menu_button[0].click_index(2).run()
    assert at.markdown[0].value == "choice=Delete"
    at.menu_button[0].click_index(2).run()
    assert at.markdown[0].value == "choice=Delete"


def test_options_keep_their_type_and_show_through_format_func() -> None:
    at = app(
        'n = st.menu_button("Size", [1, 2, 3], format_func=lambda n: f"{n} px")\n'
        "st.write(repr(n))\n"
    )
    assert at.menu_button[0].props["options"] == ["1 px", "2 px", "3 px"]
    at.menu_button[0].click(3).run()
    assert at.markdown[0].value == "3"


def test_on_click_runs_before_the_script_with_the_option_in_session_state() -> None:
    at = app(
        """
def chosen(prefix):
    st.session_state.log = prefix + st.session_state.menu
st.menu_button("Actions", ["Copy", "Paste"], key="menu", on_click=chosen, args=("got ",))
st.write(st.session_state.get("log", "nothing"))
"""
    )
    at.menu_button[0].click("Copy").run()

    assert at.markdown[0].value == "got Copy"


def test_the_browser_sends_an_option_index_and_anything_else_is_refused() -> None:
    at = app(MENU)
    wid = at.menu_button[0].id
    for forged in ("Paste", 7, -1, True, None):
        at._pending[wid] = forged
        at.run()
        assert at.markdown[0].value == "choice=None", forged


def test_props_carry_the_look_and_no_value() -> None:
    at = app('st.menu_button("Go", ["a"], type="primary", width="stretch", help="Tip")\n')
    props = at.menu_button[0].props
    assert (props["type"], props["width"], props["help"]) == ("primary", "stretch", "Tip")
    assert "value" not in props


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.menu_button("A", [])',
            "The `options` parameter is required. Provide at least one option.",
        ),
        (
            'st.menu_button("A", ["a"], type="big")',
            "Invalid `type` value. Supported values: 'primary', 'secondary', 'tertiary'.",
        ),
        (
            'st.menu_button("A", [1, 2], format_func=lambda x: "same")',
            "The `format_func` produced duplicate labels for the menu button options. Each "
            "formatted option label must be unique.",
        ),
        (
            'with st.form("f"):\n    st.menu_button("A", ["a"])',
            "`st.menu_button()` can't be used in an `st.form()`.",
        ),
    ],
)
def test_bad_arguments_get_streamlits_errors(call: str, message: str) -> None:
    at = app(call + "\n")

    assert at.exception[0].message == message


READ_ONLY = (
    "`st.session_state['menu']` is read-only and cannot be assigned through session state. Use "
    "a different session state key for values you need to set."
)


def test_its_value_cannot_be_set_through_session_state() -> None:
    at = app('st.session_state.menu = "Copy"\nst.menu_button("A", ["Copy"], key="menu")\n')
    assert at.exception[0].message == READ_ONLY

    at = app(
        'if st.session_state.get("go"):\n    st.session_state.menu = "Copy"\n'
        'v = st.menu_button("A", ["Copy"], key="menu")\nst.write(repr(v))\n'
        'st.checkbox("go", key="go")\n'
    )
    at.checkbox[0].check().run()
    assert at.exception[0].message == READ_ONLY


def test_inside_a_fragment_a_click_reruns_only_the_fragment_and_is_seen_once() -> None:
    at = app(
        """
st.session_state.setdefault("full", 0)
st.session_state.full += 1
@st.fragment
def part():
    c = st.menu_button("Act", ["a", "b"])
    st.write(f"c={c}")
    st.button("again")
part()
st.write(f"full={st.session_state.full}")
"""
    )
    at.menu_button[0].click("b").run()
    assert [m.value for m in at.markdown] == ["c=b", "full=1"]
    at.button[0].click().run()
    assert [m.value for m in at.markdown] == ["c=None", "full=1"]


def test_a_click_that_no_run_has_read_yet_is_kept_for_the_next_run() -> None:
    # The run after the click stops before the menu button (here it raises; a newer request
    # interrupting it is the same case): the click is neither lost nor taken for a value the
    # script set through session_state.
    at = app(
        """
if st.session_state.get("fail"):
    st.session_state.fail = False
    raise RuntimeError("stopped early")
choice = st.menu_button("Act", ["a", "b"], key="menu")
st.write(f"choice={choice}")
"""
    )
    at.session_state["fail"] = True
    at.menu_button[0].click("b").run()
    assert at.exception[0].message == "stopped early"
    at.run()
    assert not at.exception
    assert at.markdown[0].value == "choice=b"
    at.run()
    assert at.markdown[0].value == "choice=None"


def test_after_a_run_that_failed_past_it_the_same_option_clicked_again_is_returned() -> None:
    at = app(
        """
choice = st.menu_button("Act", ["a", "b"])
st.write(f"choice={choice}")
if choice and st.session_state.setdefault("fail_once", True):
    st.session_state.fail_once = False
    raise RuntimeError("after reading")
"""
    )
    at.menu_button[0].click("b").run()
    assert at.exception[0].message == "after reading"
    at.menu_button[0].click("b").run()  # the very next run: a new click, not the one seen
    assert at.markdown[0].value == "choice=b"
    at.run()
    assert at.markdown[0].value == "choice=None"
