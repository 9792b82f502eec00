"""``on_change="ignore"`` (Streamlit 1.67's mode) on every widget: the element tells the page
to hold a change instead of rerunning, and the next rerun carries it to the script."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest
from tests.fixtures.parity import CALLS

# Every widget with Streamlit's on_change modes, as called in the signature fixture.
WIDGETS = (
    "checkbox color_picker date_input datetime_input feedback file_uploader multiselect "
    "number_input pagination pills radio segmented_control select_slider selectbox slider "
    "text_area text_input time_input toggle"
).split()


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run()


def _only_widget(at: AppTest) -> dict[str, object]:
    [node] = [n for n in at.main.descendants() if n.element.id is not None]
    return node.props


@pytest.mark.parametrize("kind", WIDGETS)
def test_every_widget_accepts_ignore_and_marks_its_element(kind: str) -> None:
    at = app(f"{CALLS[kind]}, on_change='ignore')\n")

    assert not at.exception, at.exception[0].message if at.exception else ""
    assert _only_widget(at)["on_change"] == "ignore"


@pytest.mark.parametrize("kind", ["checkbox", "slider", "camera_input", "audio_input"])
def test_the_default_mode_leaves_the_element_unmarked(kind: str) -> None:
    call = CALLS.get(kind, f'st.{kind}("X"')
    at = app(f"{call})\n")

    assert "on_change" not in _only_widget(at)


def test_inside_a_form_ignore_changes_nothing() -> None:
    at = app(
        'with st.form("f"):\n'
        '    st.checkbox("C", on_change="ignore")\n'
        "    st.form_submit_button()\n"
    )

    assert "on_change" not in at.checkbox[0].props


def test_the_next_rerun_carries_the_held_value_to_the_script() -> None:
    at = app(
        'v = st.text_input("Name", key="name", on_change="ignore")\n'
        "st.text(f'seen: {v!r} / {st.session_state.name!r}')\n"
    )
    assert at.text[0].value == "seen: '' / ''"

    at.text_input[0].set_value("Ada").run()

    assert at.text[0].value == "seen: 'Ada' / 'Ada'"


def test_the_script_still_sets_an_ignore_widget_through_its_key() -> None:
    at = app(
        'st.session_state.n = 7\nv = st.number_input("N", key="n", on_change="ignore")\n'
        "st.text(str(v))\n"
    )

    assert at.text[0].value == "7"
    assert at.number_input[0].props["value"] == 7


def test_buttons_refuse_ignore_with_streamlits_words() -> None:
    at = app('st.button("B", on_click="ignore")\n')

    assert at.exception[0].message == (
        '`on_click="ignore"` is not supported on this widget. Pass a callback, or omit '
        "`on_click`."
    )


def test_an_unknown_mode_is_refused() -> None:
    at = app('st.checkbox("C", on_change="later")\n')

    assert at.exception[0].message == (
        "Invalid `on_change` value. Supported values: 'rerun', 'ignore', a callback function."
    )
