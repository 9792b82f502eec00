"""Input widgets: button, checkbox, slider, text_input — values, validation, parameter errors."""

from __future__ import annotations

import pytest

from rillet.testing import AppTest
from rillet.testing.elements import Widget


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run()


def send_raw(at: AppTest, widget: Widget, wire: object) -> AppTest:
    """Queue ``wire`` exactly as a (possibly forged) browser message would carry it.

    `set_value` encodes Python values first; a forged message skips that.
    """
    at._pending[widget.id] = wire
    return at


# --- every widget works in main, in a container and in the sidebar ------------------------------

WIDGETS = [
    ('button("{label}")', "button", False),
    ('checkbox("{label}", value=True)', "checkbox", True),
    ('slider("{label}", 0, 10, 4)', "slider", 4),
    ('text_input("{label}", "hi")', "text_input", "hi"),
]


@pytest.mark.parametrize(("call", "name", "value"), WIDGETS, ids=[w[1] for w in WIDGETS])
def test_widget_works_in_main_a_container_and_the_sidebar(
    call: str, name: str, value: object
) -> None:
    at = app(
        f"""
values = [st.{call.format(label="main")}]
box = st.container()
values.append(box.{call.format(label="box")})
with st.container():
    values.append(st.{call.format(label="with")})
values.append(st.sidebar.{call.format(label="side")})
st.text(repr(values))
"""
    )

    found = at.get(name)
    assert [w.label for w in found] == ["main", "box", "with", "side"]
    assert [w.path for w in found] == [(0, 0), (0, 1, 0), (0, 2, 0), (1, 0)]
    assert at.text.values == [repr([value] * 4)]


# --- button --------------------------------------------------------------------------------


def test_button_returns_true_only_in_the_run_after_a_click() -> None:
    at = app(
        """
clicked = st.button("Save")
st.text(f"clicked={clicked}")
"""
    )
    assert at.text.values == ["clicked=False"]

    at.button[0].click().run()
    assert at.text.values == ["clicked=True"]
    assert at.button[0].value is True

    at.run()
    assert at.text.values == ["clicked=False"]
    assert at.button[0].value is False


def test_button_props_reach_the_browser() -> None:
    at = app(
        'st.button("Go", help="runs it", type="primary", icon="🚀", use_container_width=True)\n'
    )

    button = at.button[0]
    assert button.label == "Go"
    assert button.help == "runs it"
    assert button.props["type"] == "primary"
    assert button.props["icon"] == "🚀"
    assert button.props["use_container_width"] is True
    assert "value" not in button.props, "a button has no value to show"


def test_button_type_must_be_known() -> None:
    at = app('st.button("Go", type="loud")\n')

    assert at.exception[0].message == (
        'The type argument to st.button must be "primary", "secondary", or "tertiary". '
        '\nThe argument passed was "loud".'
    )
    assert len(at.button) == 0


def test_disabled_button_ignores_clicks() -> None:
    at = app(
        """
st.text(f"clicked={st.button('Go', disabled=True)}")
"""
    )
    assert at.button[0].disabled is True

    at.button[0].click().run()

    assert at.text.values == ["clicked=False"]


@pytest.mark.parametrize("forged", [False, "true", 1, None])
def test_button_rejects_anything_but_true_from_the_browser(forged: object) -> None:
    at = app("st.text(f\"clicked={st.button('Go')}\")\n")

    send_raw(at, at.button[0], forged).run()

    assert at.text.values == ["clicked=False"]


# --- checkbox ------------------------------------------------------------------------------


def test_checkbox_starts_from_its_value_and_follows_the_user() -> None:
    at = app(
        """
a = st.checkbox("a")
b = st.checkbox("b", value=True)
st.text(f"{a} {b}")
"""
    )
    assert at.text.values == ["False True"]
    assert at.checkbox.values == [False, True]

    at.checkbox[0].check()
    at.checkbox[1].uncheck().run()

    assert at.text.values == ["True False"]
    assert [c.props["value"] for c in at.checkbox] == [True, False]


@pytest.mark.parametrize("forged", ["true", 1, None, [True]])
def test_checkbox_rejects_non_boolean_values(forged: object) -> None:
    at = app('st.text(st.checkbox("a"))\n')

    send_raw(at, at.checkbox[0], forged).run()

    assert at.text.values == ["False"]
    assert at.checkbox[0].value is False


def test_disabled_checkbox_refuses_changes() -> None:
    at = app('st.text(st.checkbox("a", disabled=True))\n')

    at.checkbox[0].check().run()

    assert at.text.values == ["False"]


def test_checkbox_label_visibility_and_its_error() -> None:
    at = app(
        """
st.checkbox("hidden", label_visibility="hidden")
st.checkbox("bad", label_visibility="gone")
"""
    )

    assert at.checkbox[0].props["label_visibility"] == "hidden"
    assert at.exception[0].message == (
        "Unsupported label_visibility option 'gone'. Valid values are 'visible', 'hidden' or "
        "'collapsed'."
    )


def test_checkbox_width_reaches_the_browser_and_a_bad_one_is_streamlits_error() -> None:
    at = app('st.checkbox("narrow", width=120)\nst.checkbox("wide", width="stretch")\n')

    assert [c.props["width"] for c in at.checkbox] == [120, "stretch"]

    bad = app('st.checkbox("w", width=-3)\n')
    assert bad.exception[0].message.startswith("Invalid width value: ")


# --- slider --------------------------------------------------------------------------------


def test_int_slider_defaults_to_min_and_returns_ints() -> None:
    at = app('v = st.slider("n")\nst.text(repr(v))\n')

    slider = at.slider[0]
    assert (slider.min, slider.max, slider.props["step"]) == (0, 100, 1)
    assert slider.props["dtype"] == "int"
    assert at.text.values == ["0"]

    slider.set_value(42).run()
    assert at.text.values == ["42"]


def test_int_slider_accepts_a_whole_float_from_the_browser_as_int() -> None:
    at = app('st.text(repr(st.slider("n", 0, 10)))\n')

    at.slider[0].set_value(3.0).run()

    assert at.text.values == ["3"]


def test_float_slider_defaults_and_values() -> None:
    at = app('v = st.slider("ratio", value=0.5)\nst.text(repr(v))\n')

    slider = at.slider[0]
    assert (slider.min, slider.max, slider.props["step"]) == (0.0, 1.0, 0.01)
    assert slider.props["dtype"] == "float"
    assert at.text.values == ["0.5"]

    slider.set_value(0.25).run()
    assert at.text.values == ["0.25"]


def test_range_slider_returns_a_tuple_and_sends_a_list() -> None:
    at = app('lo, hi = st.slider("range", 0, 100, (20, 80))\nst.text(f"{lo}-{hi}")\n')

    assert at.slider[0].value == (20, 80)
    assert at.slider[0].props["value"] == [20, 80]

    at.slider[0].set_range(10, 30).run()

    assert at.text.values == ["10-30"]
    assert at.slider[0].value == (10, 30)


def test_out_of_range_value_from_the_browser_is_rejected() -> None:
    at = app('st.text(st.slider("n", 0, 10, 5))\n')

    at.slider[0].set_value(999).run()

    assert at.slider[0].value == 5
    assert at.text.values == ["5"]
    assert len(at.exception) == 0


@pytest.mark.parametrize("forged", ["5", True, 2.5, None, [1, 2], float("nan")])
def test_int_slider_rejects_values_that_are_not_integers_in_range(forged: object) -> None:
    at = app('st.text(st.slider("n", 0, 10, 5))\n')

    send_raw(at, at.slider[0], forged).run()

    assert at.text.values == ["5"]


@pytest.mark.parametrize("forged", [float("inf"), float("nan"), -0.5, "0.5"])
def test_float_slider_rejects_non_finite_and_out_of_range_values(forged: object) -> None:
    at = app('st.text(st.slider("r", 0.0, 1.0, 0.5))\n')

    send_raw(at, at.slider[0], forged).run()

    assert at.text.values == ["0.5"]


@pytest.mark.parametrize("forged", [[80, 20], [10, 200], 50, [1, 2, 3], [20, "80"]])
def test_range_slider_rejects_reversed_out_of_range_or_malformed_ranges(forged: object) -> None:
    at = app('st.text(st.slider("range", 0, 100, (20, 80)))\n')

    send_raw(at, at.slider[0], forged).run()

    assert at.text.values == ["(20, 80)"]


def test_disabled_slider_refuses_changes() -> None:
    at = app('st.text(st.slider("n", 0, 10, disabled=True))\n')

    at.slider[0].set_value(7).run()

    assert at.text.values == ["0"]


def test_slider_min_above_max_is_swapped_as_in_streamlit() -> None:
    at = app('st.slider("n", 10, 0, 5)\n')

    assert not at.exception
    assert (at.slider[0].min, at.slider[0].max, at.slider[0].value) == (0, 10, 5)


def test_slider_default_outside_the_range_widens_it_as_in_streamlit() -> None:
    at = app(
        'st.text(str(st.slider("n", 0, 10, 20)))\n'
        'st.text(str(st.slider("f", 0.0, 1.0, 2.5)))\n'
        'st.text(str(st.slider("r", 0, 10, (12, -3))))\n'
    )

    assert not at.exception
    assert [(s.min, s.max) for s in at.slider] == [(0, 20), (0.0, 2.5), (-3, 12)]
    assert at.text.values == ["20", "2.5", "(-3, 12)"]
    at.slider[0].set_value(15).run()
    assert at.text.values[0] == "15"


def test_slider_step_of_zero_is_streamlits_error() -> None:
    at = app('st.slider("n", 0, 10, step=0)\n')

    assert at.exception[0].message == "Slider components cannot be passed a `step` of 0."


def test_slider_step_must_be_positive() -> None:
    at = app('st.slider("n", 0, 10, step=0)\nst.slider("m", 0, 10, step=-1)\n')

    assert [e.exception_type for e in at.exception] == ["RilletAPIException"]
    assert "`step` of 0" in at.exception[0].message


def test_slider_mixed_int_and_float_is_streamlits_error() -> None:
    at = app('st.slider("n", 0, 10.0)\n')

    assert at.exception[0].message == (
        "Slider value arguments must be of matching types.\n`min_value` has int type."
        "\n`max_value` has float type.\n`step` has int type."
    )


def test_slider_mixed_int_and_float_is_an_error() -> None:
    at = app('st.slider("n", 0, 10.0)\n')

    assert at.exception[0].exception_type == "RilletAPIException"
    assert "`min_value` has int type." in at.exception[0].message
    assert "`max_value` has float type." in at.exception[0].message


def test_slider_value_that_is_not_a_number_is_an_error() -> None:
    at = app('st.slider("n", 0, 10, "5")\n')

    assert at.exception[0].message.startswith("Slider value arguments must be of matching types.")


def test_slider_range_needs_exactly_two_values() -> None:
    at = app('st.slider("n", 0, 10, (1, 2, 3))\n')

    assert at.exception[0].exception_type == "RilletAPIException"
    assert len(at.slider) == 0


def test_slider_keeps_the_users_value_across_reruns() -> None:
    at = app('st.slider("n", 0, 10)\nst.button("other")\n')
    at.slider[0].set_value(8).run()

    at.button[0].click().run()

    assert at.slider[0].value == 8
    assert at.slider[0].props["value"] == 8


# --- text_input ----------------------------------------------------------------------------


def test_text_input_returns_its_text() -> None:
    at = app('t = st.text_input("name", "ada", placeholder="your name")\nst.text(repr(t))\n')
    assert at.text.values == ["'ada'"]
    assert at.text_input[0].placeholder == "your name"

    at.text_input[0].input("grace").run()

    assert at.text.values == ["'grace'"]
    assert at.text_input[0].value == "grace"


def test_text_input_max_chars_is_enforced_against_forged_longer_values() -> None:
    at = app('st.text(repr(st.text_input("code", "ab", max_chars=4)))\n')
    assert at.text_input[0].max_chars == 4

    at.text_input[0].input("abcdefgh").run()
    assert at.text.values == ["'ab'"]

    at.text_input[0].input("abcd").run()
    assert at.text.values == ["'abcd'"]


def test_text_input_with_value_none_returns_none_until_filled() -> None:
    at = app('st.text(repr(st.text_input("name", value=None)))\n')
    assert at.text.values == ["None"]
    assert at.text_input[0].value is None

    at.text_input[0].input("ada").run()
    assert at.text.values == ["'ada'"]

    at.text_input[0].input("").run()
    assert at.text.values == ["None"]


def test_text_input_empty_default_returns_an_empty_string() -> None:
    at = app('st.text(repr(st.text_input("name")))\n')

    at.text_input[0].input("x").run()
    at.text_input[0].input("").run()

    assert at.text.values == ["''"]


def test_password_input_is_marked_for_masking() -> None:
    at = app('st.text_input("secret", type="password")\nst.text_input("plain")\n')

    assert [t.props["type"] for t in at.text_input] == ["password", "default"]


def test_text_input_type_must_be_known() -> None:
    at = app('st.text_input("x", type="email")\n')

    assert at.exception[0].message == (
        "'email' is not a valid text_input type. Valid types are 'default' and 'password'."
    )


def test_text_input_default_longer_than_max_chars_is_an_error() -> None:
    at = app('st.text_input("x", "toolong", max_chars=3)\n')

    assert at.exception[0].message == (
        "The default value 'toolong' is longer than the max_chars of 3."
    )


@pytest.mark.parametrize("forged", [123, None, ["a"], True])
def test_text_input_rejects_values_that_are_not_text(forged: object) -> None:
    at = app('st.text(repr(st.text_input("x", "keep")))\n')

    send_raw(at, at.text_input[0], forged).run()

    assert at.text.values == ["'keep'"]


def test_disabled_text_input_refuses_changes() -> None:
    at = app('st.text(repr(st.text_input("x", "fixed", disabled=True)))\n')

    at.text_input[0].input("changed").run()

    assert at.text.values == ["'fixed'"]


# --- keys ----------------------------------------------------------------------------------


def test_widget_key_must_be_text_or_int() -> None:
    at = app('st.checkbox("a", key=["no"])\n')

    assert at.exception[0].message == "A widget key must be a string, not list."


def test_widget_changed_in_one_place_does_not_change_a_twin_elsewhere() -> None:
    at = app(
        """
st.checkbox("same label", key="one")
st.sidebar.checkbox("same label", key="two")
"""
    )

    at.checkbox(key="two").check().run()

    assert at.main.checkbox[0].value is False
    assert at.sidebar.checkbox[0].value is True
