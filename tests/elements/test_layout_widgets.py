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


# --- bind="query-params" -------------------------------------------------------------------

BOUND_TABS = """
a, b, c = st.tabs(["Alpha", "Beta", "Gamma"], key="view", bind="query-params")
st.text(f"{st.session_state.view} {b.open}")
"""


def test_bound_tabs_start_from_the_address_and_track_state() -> None:
    at = AppTest.from_string("import rillet as st\n" + BOUND_TABS)
    at.query_params["view"] = "Beta"
    at.run()

    assert at.text[0].value == "Beta True"
    assert at.query_params == {"view": "Beta"}


def test_switching_a_bound_tab_writes_the_address_and_the_default_leaves_it() -> None:
    at = app(BOUND_TABS)
    assert at.query_params == {}
    assert at.text[0].value == "Alpha False"

    at.tabs[2].select().run()
    assert at.query_params == {"view": "Gamma"}
    assert at.text[0].value == "Gamma False"

    at.tabs[0].select().run()
    assert at.query_params == {}


def test_a_new_address_wins_over_the_tab_the_session_had() -> None:
    at = app(BOUND_TABS)
    at.tabs[2].select().run()

    at.query_params["view"] = "Beta"  # Back/Forward or a reload at another address
    at.run()

    assert at.text[0].value == "Beta True"


def test_an_unknown_label_in_the_address_is_dropped() -> None:
    at = AppTest.from_string("import rillet as st\n" + BOUND_TABS)
    at.query_params["view"] = "Delta"
    at.run()

    assert at.text[0].value == "Alpha False"
    assert at.query_params == {}


def test_bound_tabs_need_a_key_and_unique_non_empty_labels() -> None:
    at = app('st.tabs(["a", "b"], bind="query-params")\n')
    assert at.exception[0].message.startswith("The `key` parameter is required. When using ")

    at = app('st.tabs(["a", "a"], key="t", bind="query-params")\n')
    assert at.exception[0].message == (
        "Invalid `tabs` value. Supported values: unique labels. "
        "Tab labels must be unique when bind='query-params'."
    )

    at = app('st.tabs(["a", ""], key="t", bind="query-params")\n')
    assert "Tab labels must be non-empty" in at.exception[0].message


def test_a_bound_parameter_cannot_be_set_through_query_params() -> None:
    at = app(BOUND_TABS + 'st.query_params["view"] = "Gamma"\n')

    assert at.exception[0].message == (
        "Cannot directly set query parameter 'view' - it is bound to a widget. "
        "Modify the widget value instead."
    )


BOUND_EXPANDER = """
box = st.expander("More", key="more", bind="query-params")
st.text(str(box.open))
"""


def test_bound_expander_reads_and_writes_true_or_false_in_the_address() -> None:
    at = AppTest.from_string("import rillet as st\n" + BOUND_EXPANDER)
    at.query_params["more"] = "TRUE"
    at.run()
    assert at.text[0].value == "True"
    assert at.query_params == {"more": "TRUE"}  # as the user wrote it, as Streamlit leaves it

    at.expander[0].set_value(False).run()
    assert at.text[0].value == "False"
    assert at.query_params == {}


def test_a_bound_expander_expanded_by_default_writes_false() -> None:
    at = app(BOUND_EXPANDER.replace('"More",', '"More", expanded=True,'))
    at.expander[0].set_value(False).run()

    assert at.query_params == {"more": "false"}


def test_the_script_sets_a_bound_expander_and_the_address_follows() -> None:
    at = app(BOUND_EXPANDER)
    at.session_state["more"] = True
    at.run()

    assert at.text[0].value == "True"
    assert at.query_params == {"more": "true"}


def test_a_tracked_panel_in_a_cached_function_is_refused_like_any_widget() -> None:
    at = app(
        "@st.cache_data\n"
        "def f():\n"
        '    st.expander("E", key="e", on_change="rerun")\n'
        "f()\n"
    )

    assert "widget command in a cached function" in at.exception[0].message


def test_layout_actions_return_the_element_to_chain_as_streamlits_apptest() -> None:
    at = app(TABS + EXPANDER + POPOVER)

    tab = at.tabs[1]
    expander = at.expander[0]
    popover = at.popover[0]

    assert tab.select() is tab
    assert expander.set_value(True) is expander
    assert popover.set_value(True) is popover
    assert tab.open is True and expander.open is True and popover.open is True
