"""Tabs, expanders and popovers as widgets: with ``on_change`` "rerun" or a callback their
state is script state (selected label / open), in ``.open`` and ``session_state[key]``."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest
from rillet.testing.elements import AppTestError


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run()


# --- tabs ----------------------------------------------------------------------------------

TABS = """
cat, dog = st.tabs(["Cat", "Dog"], key="pet", on_change="rerun")
st.text(f"open: {cat.open} {dog.open}")
st.text(f"state: {st.session_state.pet}")
with dog:
    if dog.open:
        st.caption("expensive dog work")
"""


def test_tracked_tabs_start_on_the_first_tab_and_say_which_is_open() -> None:
    at = app(TABS)

    assert at.text[0].value == "open: True False"
    assert at.text[1].value == "state: Cat"
    assert len(at.caption) == 0
    group = at.main[0]
    assert group.props["value"] == "Cat" and group.element.id is not None


def test_selecting_a_tab_reruns_with_its_label_in_session_state() -> None:
    at = app(TABS)

    at.tabs[1].select().run()

    assert at.text[0].value == "open: False True"
    assert at.text[1].value == "state: Dog"
    assert at.caption[0].value == "expensive dog work"
    assert at.main[0].props["value"] == "Dog"
    assert [t.open for t in at.tabs] == [False, True]


def test_the_script_selects_a_tab_by_setting_its_key_first() -> None:
    at = app('st.session_state.pet = "Dog"\n' + TABS)

    assert at.text[0].value == "open: False True"
    assert at.main[0].props["value"] == "Dog"


def test_a_label_that_is_not_a_tab_falls_back_to_the_default() -> None:
    script = TABS.replace('key="pet"', 'key="pet", default="Dog"')
    at = app('st.session_state.pet = "Owl"\n' + script)

    assert at.text[1].value == "state: Dog"


def test_setting_the_tabs_key_after_they_are_created_is_streamlits_error() -> None:
    at = app(TABS + 'st.session_state.pet = "Cat"\n')

    assert "cannot be modified after the widget with key `pet`" in at.exception[0].message


def test_a_forged_tab_label_from_the_browser_is_refused() -> None:
    at = app(TABS)
    at._pending[at.main[0].element.id] = "Owl"
    at.run()

    assert at.text[1].value == "state: Cat"


def test_tab_callback_runs_first_with_args_and_kwargs() -> None:
    at = app(
        """
def switched(prefix, suffix=""):
    st.session_state.log = f"{prefix}{st.session_state.t}{suffix}"
a, b = st.tabs(["A", "B"], key="t", on_change=switched, args=("to ",), kwargs={"suffix": "!"})
st.text(st.session_state.get("log", "none"))
"""
    )
    assert at.text[0].value == "none"

    at.tabs[1].select().run()

    assert at.text[0].value == "to B!"


def test_untracked_tabs_report_no_state_and_carry_no_id() -> None:
    at = app('a, b = st.tabs(["A", "B"], key="t")\nst.text(f"{a.open} {b.open}")\n')

    assert at.text[0].value == "None None"
    assert at.main[0].element.id is None
    assert "value" not in at.main[0].props
    with pytest.raises(AppTestError):
        at.tabs[1].select()


def test_tabs_are_a_tuple_as_in_streamlit() -> None:
    at = app('t = st.tabs(["A", "B"])\nst.text(type(t).__name__)\n')

    assert at.text[0].value == "tuple"


def test_none_is_no_on_change_mode_for_tabs() -> None:
    at = app('st.tabs(["A"], on_change=None)\n')

    assert at.exception[0].message == (
        "Invalid `on_change` value. Supported values: 'rerun', 'ignore', a callback function."
    )


def test_a_tab_switch_inside_a_fragment_reruns_only_the_fragment() -> None:
    at = app(
        """
st.session_state.full = st.session_state.get("full", 0) + 1
st.text(f"full runs: {st.session_state.full}")
@st.fragment
def part():
    a, b = st.tabs(["A", "B"], key="ft", on_change="rerun")
    st.text(f"fragment sees {st.session_state.ft}")
part()
"""
    )
    at.tabs[1].select().run()

    assert at.text[0].value == "full runs: 1"
    assert at.text[1].value == "fragment sees B"


def test_unrendered_tracked_tabs_lose_their_state() -> None:
    at = app(
        """
show = st.checkbox("show", value=True)
if show:
    st.tabs(["A", "B"], key="t", on_change="rerun")
st.text(str(st.session_state.get("t")))
"""
    )
    at.tabs[1].select().run()
    assert at.text[0].value == "B"

    at.checkbox[0].uncheck().run()
    at.checkbox[0].check().run()

    assert at.text[0].value == "A"


def test_tracked_tabs_in_a_form_switch_at_once_but_refuse_callbacks() -> None:
    at = app(
        """
with st.form("f"):
    a, b = st.tabs(["A", "B"], key="t", on_change="rerun")
    st.form_submit_button()
st.text(st.session_state.t)
"""
    )
    at.tabs[1].select().run()
    assert at.text[0].value == "B"

    at = app(
        'with st.form("f"):\n    st.tabs(["A"], on_change=print)\n    st.form_submit_button()\n'
    )
    assert "callbacks can only be defined on the `st.form_submit_button`" in (
        at.exception[0].message
    )


# --- expander ------------------------------------------------------------------------------

EXPANDER = """
box = st.expander("Details", key="more", on_change="rerun")
st.text(f"open: {box.open}")
with box:
    if box.open:
        st.caption("details computed")
"""


def test_tracked_expander_starts_from_expanded_and_opens_with_a_rerun() -> None:
    at = app(EXPANDER)
    assert at.text[0].value == "open: False"
    assert at.expander[0].props["value"] is False
    assert at.expander[0].open is False

    at.expander[0].set_value(True).run()

    assert at.text[0].value == "open: True"
    assert at.caption[0].value == "details computed"
    assert at.session_state["more"] is True


def test_expanded_true_is_the_tracked_default() -> None:
    at = app(EXPANDER.replace('"Details",', '"Details", expanded=True,'))

    assert at.text[0].value == "open: True"


def test_the_script_opens_an_expander_through_its_key() -> None:
    at = app("st.session_state.more = True\n" + EXPANDER)

    assert at.text[0].value == "open: True"
    assert at.expander[0].props["value"] is True


def test_expander_callback_sees_the_new_state() -> None:
    at = app(
        """
def changed(what):
    st.session_state.log = f"{what} {st.session_state.e}"
st.expander("E", key="e", on_change=changed, args=("now",))
st.text(st.session_state.get("log", "-"))
"""
    )
    at.expander[0].set_value(True).run()
    assert at.text[0].value == "now True"

    at.expander[0].set_value(False).run()
    assert at.text[0].value == "now False"


def test_a_value_that_is_not_true_or_false_is_refused() -> None:
    at = app(EXPANDER)
    at._pending[at.expander[0].element.id] = "yes"
    at.run()

    assert at.text[0].value == "open: False"


def test_untracked_expander_reports_none() -> None:
    at = app('e = st.expander("E", key="e")\nst.text(str(e.open))\n')

    assert at.text[0].value == "None"
    assert at.expander[0].open is None
    with pytest.raises(AppTestError):
        at.expander[0].set_value(True)


# --- popover -------------------------------------------------------------------------------

POPOVER = """
pop = st.popover("Menu", key="menu", on_change="rerun")
st.text(f"open: {pop.open}")
with pop:
    st.caption("inside")
"""


def test_tracked_popover_opens_with_a_rerun_and_the_script_can_close_it() -> None:
    at = app(POPOVER)
    assert at.text[0].value == "open: False"

    at.popover[0].set_value(True).run()
    assert at.text[0].value == "open: True"
    assert at.popover[0].props["value"] is True

    at.session_state["menu"] = False
    at.run()
    assert at.text[0].value == "open: False"
    assert at.popover[0].props["value"] is False


def test_a_disabled_popover_cannot_be_opened() -> None:
    at = app(POPOVER.replace('"Menu",', '"Menu", disabled=True,'))
    at.popover[0].set_value(True).run()

    assert at.text[0].value == "open: False"


def test_popover_callback_runs_with_kwargs() -> None:
    at = app(
        """
def note(word=""):
    st.session_state.log = f"{word}:{st.session_state.p}"
st.popover("P", key="p", on_change=note, kwargs={"word": "popped"})
st.text(st.session_state.get("log", "-"))
"""
    )
    at.popover[0].set_value(True).run()

    assert at.text[0].value == "popped:True"


def test_untracked_popover_reports_none() -> None:
    at = app('p = st.popover("P")\nst.text(str(p.open))\n')

    assert at.text[0].value == "None"
