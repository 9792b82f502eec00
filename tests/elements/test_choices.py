"""Choice widgets: toggle, radio, selectbox, multiselect, select_slider, pills,
segmented_control, feedback, color_picker — values, parameters, errors, forged values."""

from __future__ import annotations

import pytest

from rillet.protocol.messages import Delta
from rillet.testing import AppTest
from rillet.testing.elements import Widget


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st``."""
    return AppTest.from_string("import rillet as st\n" + body).run()


def send_raw(at: AppTest, widget: Widget, wire: object) -> AppTest:
    """Queue ``wire`` exactly as a (possibly forged) browser message would carry it."""
    at._pending[widget.id] = wire
    return at


def error(at: AppTest) -> str:
    assert at.exception, "expected the script to raise"
    return str(at.exception[0].message)


# --- every widget works in main, a container and the sidebar; exported; listed by AppTest ---

WIDGETS = [
    ('toggle("{label}", value=True)', "toggle", True),
    ('radio("{label}", ["a", "b"], index=1)', "radio", "b"),
    ('selectbox("{label}", ["a", "b"])', "selectbox", "a"),
    ('multiselect("{label}", ["a", "b"], default=["b"])', "multiselect", ["b"]),
    ('select_slider("{label}", ["s", "m", "l"], value="m")', "select_slider", "m"),
    ('pills("{label}", ["a", "b"], default="a")', "pills", "a"),
    ('segmented_control("{label}", ["a", "b"])', "segmented_control", None),
    ('color_picker("{label}", "#ff0000")', "color_picker", "#ff0000"),
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
values.append(st.sidebar.{call.format(label="side")})
st.text(repr(values))
"""
    )

    found = at.get(name)
    assert [w.label for w in found] == ["main", "box", "side"]
    assert [w.path for w in found] == [(0, 0), (0, 1, 0), (1, 0)]
    assert at.text.values == [repr([value] * 3)]
    assert [w.value for w in found] == [value] * 3


def test_feedback_works_in_main_and_the_sidebar() -> None:
    at = app('st.text(repr([st.feedback(), st.sidebar.feedback("faces", default=3)]))\n')

    assert [f.options for f in at.feedback] == ["thumbs", "faces"]
    assert at.text.values == ["[None, 3]"]


COMMON = [
    ("toggle", 'st.toggle("w", {common})', True),
    ("radio", 'st.radio("w", ["a", "b"], {common})', "b"),
    ("selectbox", 'st.selectbox("w", ["a", "b"], {common})', "b"),
    ("multiselect", 'st.multiselect("w", ["a", "b"], {common})', ["b"]),
    ("select_slider", 'st.select_slider("w", ["a", "b"], {common})', "b"),
    ("pills", 'st.pills("w", ["a", "b"], {common})', "b"),
    ("segmented_control", 'st.segmented_control("w", ["a", "b"], {common})', "b"),
    ("color_picker", 'st.color_picker("w", {common})', "#bbbbbb"),
]


@pytest.mark.parametrize(("kind", "call", "new"), COMMON, ids=[c[0] for c in COMMON])
def test_common_parameters_key_help_visibility_callback_args_kwargs(
    kind: str, call: str, new: object
) -> None:
    common = (
        'key="w", help="tip", label_visibility="hidden", on_change=changed, '
        'args=("pos",), kwargs={"word": "kw"}'
    )
    at = app(
        f"""
def changed(first, *, word):
    st.session_state.calls = st.session_state.get("calls", []) + [(first, word)]
value = {call.format(common=common)}
st.text(repr((value, st.session_state.w, st.session_state.get("calls"))))
"""
    )
    widget = at.get(kind)(key="w")
    assert (widget.help, widget.props["label_visibility"], widget.key) == ("tip", "hidden", "w")

    widget.set_value(new).run()

    assert at.text.values == [repr((new, new, [("pos", "kw")]))]


@pytest.mark.parametrize(("kind", "call", "new"), COMMON, ids=[c[0] for c in COMMON])
def test_disabled_widgets_refuse_changes(kind: str, call: str, new: object) -> None:
    at = app(f"value = {call.format(common='disabled=True')}\nst.text(repr(value))\n")
    before = at.text.values
    widget = at.get(kind)[0]
    assert widget.disabled is True

    widget.set_value(new).run()

    assert at.text.values == before


def test_feedback_key_and_callback_with_args_and_kwargs() -> None:
    at = app(
        """
def rated(first, *, word):
    st.session_state.calls = [first, word, st.session_state.f]
st.feedback("faces", key="f", on_change=rated, args=("pos",), kwargs={"word": "kw"})
st.text(repr(st.session_state.get("calls")))
"""
    )

    at.feedback(key="f").set_value(3).run()

    assert at.text.values == ["['pos', 'kw', 3]"]


def test_disabled_feedback_refuses_changes() -> None:
    at = app('st.text(repr(st.feedback("stars", disabled=True)))\n')
    assert at.feedback[0].disabled is True

    at.feedback[0].set_value(2).run()

    assert at.text.values == ["None"]


# --- options of every kind; values are the original objects ---------------------------------


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("['a', 'b', 'c']", ["a", "b", "c"]),
        ("('a', 'b', 'c')", ["a", "b", "c"]),
        ("{'a': 1, 'b': 2, 'c': 3}", ["a", "b", "c"]),
        ("{'a': 1, 'b': 2, 'c': 3}.keys()", ["a", "b", "c"]),
        ("range(3)", [0, 1, 2]),
        ("pd.Series(['a', 'b', 'c'])", ["a", "b", "c"]),
        ("pd.Index([10, 20, 30])", [10, 20, 30]),
        ("pd.DataFrame({'first': ['a', 'b', 'c'], 'second': [1, 2, 3]})", ["a", "b", "c"]),
        ("np.array([1.5, 2.5, 3.5])", [1.5, 2.5, 3.5]),
        ("np.array([['a', 'x'], ['b', 'y'], ['c', 'z']])", ["a", "b", "c"]),
        ("(c for c in 'abc')", ["a", "b", "c"]),
        ("'abc'", ["abc"]),
    ],
)
def test_options_accept_any_collection_and_return_the_original_values(
    options: str, expected: list[object]
) -> None:
    at = app(
        f"""
import numpy as np
import pandas as pd
choice = st.selectbox("Pick", {options}, index=len({expected!r}) - 1)
st.text(repr((choice, type(choice).__name__)))
"""
    )

    box = at.selectbox[0]
    assert box.options == [str(v) for v in expected]
    assert at.text.values == [repr((expected[-1], type(expected[-1]).__name__))]
    box.select_index(0).run()
    assert at.text.values == [repr((expected[0], type(expected[0]).__name__))]


def test_polars_and_pyarrow_columns_are_options() -> None:
    pytest.importorskip("polars")
    pytest.importorskip("pyarrow")
    at = app(
        """
import polars as pl
import pyarrow as pa
a = st.radio("polars", pl.DataFrame({"x": ["p", "q"], "y": [1, 2]}), index=1)
b = st.radio("polars series", pl.Series([3, 4]), index=1)
c = st.radio("arrow", pa.table({"x": ["r", "s"]}), index=1)
st.text(repr([a, b, c]))
"""
    )

    assert at.text.values == ["['q', 4, 's']"]


def test_format_func_changes_labels_only() -> None:
    at = app(
        """
codes = {"de": "German", "fr": "French"}
lang = st.radio("Language", list(codes), format_func=codes.get)
st.text(lang)
"""
    )

    assert at.radio[0].options == ["German", "French"]
    at.radio[0].set_value("fr").run()
    assert at.text.values == ["fr"]


def test_objects_without_json_form_work_as_options() -> None:
    at = app(
        """
import dataclasses, datetime
@dataclasses.dataclass(frozen=True)
class Plan:
    name: str
    price: int
plans = [Plan("Free", 0), Plan("Pro", 9)]
plan = st.selectbox("Plan", plans, format_func=lambda p: f"{p.name} ({p.price} €)")
day = st.radio("Day", [datetime.date(2024, 1, 1), datetime.date(2024, 1, 2)], index=1)
st.text(f"{plan.name} {plan.price} {day.isoformat()}")
"""
    )

    assert at.selectbox[0].options == ["Free (0 €)", "Pro (9 €)"]
    assert at.radio[0].options == ["2024-01-01", "2024-01-02"]
    at.selectbox[0].select_index(1).run()
    assert at.text.values == ["Pro 9 2024-01-02"]


def test_enum_choice_survives_reruns_as_this_runs_member() -> None:
    at = app(
        """
from enum import Enum
class Size(Enum):
    SMALL = 1
    LARGE = 2
size = st.radio("Size", Size, format_func=lambda s: s.name.title())
many = st.multiselect("Sizes", Size, default=[Size.LARGE])
st.text(f"{size is Size.SMALL} {size is Size.LARGE} {many == [Size.LARGE]}")
st.button("again")
"""
    )
    assert at.radio[0].options == ["Small", "Large"]
    send_raw(at, at.radio[0], 1).run()
    assert at.text.values == ["False True True"]

    at.button[0].click().run()  # the class is defined anew; the kept members still match

    assert at.text.values == ["False True True"]


def test_options_that_cannot_be_compared_are_streamlits_error() -> None:
    at = app('import numpy as np\nst.radio("r", [np.array([1, 2]), np.array([3, 4])])\n')

    assert error(at).startswith(
        "Invalid option type provided. Options must be comparable, returning a boolean when "
        "used with *==*."
    )


@pytest.mark.parametrize(
    "call",
    [
        'st.radio("w", ["a"], width="wide")',
        'st.selectbox("w", ["a"], width="content")',
        'st.multiselect("w", ["a"], width=0)',
        'st.select_slider("w", ["a"], width=True)',
        'st.toggle("w", width=-3)',
        'st.pills("w", ["a"], width="half")',
        'st.feedback(width="big")',
        'st.color_picker("w", width=1.5)',
    ],
)
def test_invalid_width_is_streamlits_error(call: str) -> None:
    at = app(call + "\n")

    assert error(at).startswith("Invalid width value: ")
    assert "Width must be either a positive integer (pixels)" in error(at)


def test_width_and_common_props_reach_the_browser() -> None:
    at = app(
        """
st.toggle("t", help="  tip\\n  more", disabled=True, label_visibility="collapsed", width=120)
st.selectbox("s", ["a"], width=300)
"""
    )

    toggle = at.toggle[0]
    assert (toggle.help, toggle.disabled, toggle.props["label_visibility"]) == (
        "tip\nmore",
        True,
        "collapsed",
    )
    assert toggle.props["width"] == 120
    assert at.selectbox[0].props["width"] == 300


# --- toggle ------------------------------------------------------------------------------


def test_toggle_flips_and_runs_its_callback_first() -> None:
    at = app(
        """
def note(word):
    st.session_state.log = st.session_state.get("log", []) + [word, st.session_state.dark]
on = st.toggle("Dark mode", key="dark", on_change=note, args=("changed",))
st.text(f"{on} {st.session_state.get('log', [])}")
"""
    )
    assert at.text.values == ["False []"]

    at.toggle[0].set_value(True).run()
    assert at.text.values == ["True ['changed', True]"]
    at.toggle(key="dark").uncheck().run()
    assert at.text.values == ["False ['changed', True, 'changed', False]"]


@pytest.mark.parametrize("forged", ["true", 1, None, [True]])
def test_toggle_rejects_non_boolean_values(forged: object) -> None:
    at = app('st.text(st.toggle("t"))\n')

    send_raw(at, at.toggle[0], forged).run()

    assert at.text.values == ["False"]


def test_disabled_toggle_refuses_changes() -> None:
    at = app('st.text(st.toggle("t", disabled=True))\n')

    at.toggle[0].set_value(True).run()

    assert at.text.values == ["False"]


# --- radio -------------------------------------------------------------------------------


def test_radio_props_captions_and_horizontal() -> None:
    at = app(
        'st.radio("Plan", ["Free", "Pro"], captions=["No cost", None], horizontal=True, '
        'help="pick one")\n'
    )

    radio = at.radio[0]
    assert radio.options == ["Free", "Pro"]
    assert radio.captions == ["No cost", ""]
    assert radio.horizontal is True
    assert radio.index == 0
    assert radio.help == "pick one"


def test_radio_with_index_none_starts_empty_and_follows_the_user() -> None:
    at = app('st.text(repr(st.radio("r", ["a", "b"], index=None)))\n')
    assert at.text.values == ["None"]
    assert at.radio[0].index is None

    at.radio[0].set_value("b").run()

    assert at.text.values == ["'b'"]
    assert at.radio[0].index == 1


def test_radio_set_to_none_through_session_state_shows_nothing_chosen() -> None:
    at = AppTest.from_string(
        'import rillet as st\nst.text(repr(st.radio("r", ["a", "b"], key="r")))\n'
    )
    at.session_state["r"] = None
    at.run()

    assert at.text.values == ["None"]
    assert at.radio[0].props["value"] is None


def test_radio_with_no_options_returns_none() -> None:
    at = app('st.text(repr(st.radio("r", [])))\n')

    assert at.text.values == ["None"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.radio("r", ["a"], index="0")', "Radio Value has invalid type: str"),
        ('st.radio("r", ["a"], index=3)', "Radio index must be between 0 and length of options"),
        ('st.radio("r", ["a"], captions=[1])', "Radio captions must be strings. Passed type: int"),
        ('st.radio(3, ["a"])', "`st.radio` label must be a string, not int."),
        (
            'st.radio("r", ["a"], label_visibility="no")',
            "Unsupported label_visibility option 'no'. Valid values are 'visible', 'hidden' "
            "or 'collapsed'.",
        ),
    ],
)
def test_radio_errors(call: str, message: str) -> None:
    assert error(app(call + "\n")) == message


@pytest.mark.parametrize("forged", [2, -1, "0", 0.0, True, None, [0]])
def test_radio_rejects_forged_indices(forged: object) -> None:
    at = app('st.text(st.radio("r", ["a", "b"], index=1))\n')

    send_raw(at, at.radio[0], forged).run()

    assert at.text.values == ["b"]


def test_radio_value_set_through_session_state() -> None:
    at = app(
        """
if st.button("reset"):
    st.session_state.r = "a"
st.text(st.radio("r", ["a", "b"], key="r"))
"""
    )
    at.radio[0].set_value("b").run()
    assert at.text.values == ["b"]

    at.button[0].click().run()

    assert at.text.values == ["a"]


# --- selectbox ---------------------------------------------------------------------------


def test_selectbox_defaults_to_the_first_option_and_selects_by_value_or_index() -> None:
    at = app('st.text(repr(st.selectbox("Fruit", ["apple", "pear", "plum"])))\n')
    box = at.selectbox[0]
    assert (box.value, box.index, box.placeholder) == ("apple", 0, "Choose an option")
    assert box.props["clearable"] is False

    box.select("plum").run()
    assert at.text.values == ["'plum'"]
    at.selectbox[0].select_index(1).run()
    assert at.text.values == ["'pear'"]
    assert at.selectbox[0].index == 1


def test_selectbox_with_index_none_may_be_cleared() -> None:
    at = app(
        'st.text(repr(st.selectbox("Fruit", ["apple", "pear"], index=None, '
        'placeholder="Pick a fruit")))\n'
    )
    assert at.text.values == ["None"]
    assert at.selectbox[0].placeholder == "Pick a fruit"
    assert at.selectbox[0].props["clearable"] is True

    at.selectbox[0].select("pear").run()
    assert at.text.values == ["'pear'"]
    at.selectbox[0].select_index(None).run()
    assert at.text.values == ["None"]


def test_selectbox_without_none_refuses_to_be_cleared() -> None:
    at = app('st.text(repr(st.selectbox("Fruit", ["apple", "pear"], index=1)))\n')

    at.selectbox[0].select_index(None).run()

    assert at.text.values == ["'pear'"]


def test_selectbox_without_options_is_disabled_and_says_so() -> None:
    at = app('st.text(repr(st.selectbox("Empty", [])))\n')

    assert at.text.values == ["None"]
    assert at.selectbox[0].disabled is True
    assert at.selectbox[0].placeholder == "No options to select"


@pytest.mark.parametrize(
    ("options", "placeholder"),
    [("['a']", "Choose or add an option"), ("[]", "Add an option")],
)
def test_selectbox_placeholder_follows_accept_new_options(options: str, placeholder: str) -> None:
    at = app(f'st.selectbox("s", {options}, accept_new_options=True)\n')

    assert at.selectbox[0].placeholder == placeholder
    assert at.selectbox[0].disabled is False


def test_selectbox_accepts_new_options_as_strings_and_matches_existing_ones() -> None:
    at = app(
        """
city = st.selectbox("City", ["Paris", "Rome"], index=None, accept_new_options=True)
st.text(repr(city))
"""
    )
    assert at.selectbox[0].accept_new_options is True

    at.selectbox[0].select("Oslo").run()
    assert at.text.values == ["'Oslo'"]
    assert at.selectbox[0].props["value"] == "Oslo"
    assert at.selectbox[0].index is None

    send_raw(at, at.selectbox[0], "rome").run()  # an existing option, typed in lower case
    assert at.text.values == ["'Rome'"]
    assert at.selectbox[0].index == 1


@pytest.mark.parametrize("forged", ["Oslo", "", "   ", 5, -1, 1.0, False, {"x": 1}])
def test_selectbox_rejects_forged_values(forged: object) -> None:
    at = app('st.text(st.selectbox("s", ["a", "b"], index=1))\n')

    send_raw(at, at.selectbox[0], forged).run()

    assert at.text.values == ["b"]


@pytest.mark.parametrize("forged", ["", "  ", 7, None])
def test_selectbox_with_new_options_still_rejects_empty_text_and_bad_indices(
    forged: object,
) -> None:
    at = app('st.text(st.selectbox("s", ["a", "b"], index=1, accept_new_options=True))\n')

    send_raw(at, at.selectbox[0], forged).run()

    assert at.text.values == ["b"]


def test_selectbox_set_value_outside_the_options_raises_in_the_test() -> None:
    at = app('st.selectbox("s", ["a", "b"])\n')

    with pytest.raises(ValueError, match="is not in iterable"):
        at.selectbox[0].select("z")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.selectbox("s", ["a"], index=1.0)', "Selectbox Value has invalid type: float"),
        (
            'st.selectbox("s", ["a", "b"], index=2)',
            "Selectbox index must be greater than or equal to 0 and less than the length of "
            "options.",
        ),
        (
            'st.selectbox("s", ["a"], index=-1)',
            "Selectbox index must be greater than or equal to 0 and less than the length of "
            "options.",
        ),
    ],
)
def test_selectbox_errors(call: str, message: str) -> None:
    assert error(app(call + "\n")) == message


def test_keyed_selectbox_keeps_its_choice_when_options_move_and_resets_when_it_goes() -> None:
    at = app(
        """
options = st.session_state.get("options", ["a", "b", "c"])
st.text(repr(st.selectbox("s", options, key="s")))
if st.button("shuffle"):
    st.session_state.options = ["c", "b"]
if st.button("drop"):
    st.session_state.options = ["x", "y"]
"""
    )
    at.selectbox[0].select("b").run()
    at.button[0].click().run()  # the options change at the end of this run
    at.run()
    assert at.text.values == ["'b'"]
    assert at.selectbox[0].index == 1

    at.get("button")[1].click().run()
    at.run()
    assert at.text.values == ["'x'"]


def test_selectbox_in_a_form_waits_for_submit() -> None:
    at = app(
        """
with st.form("f"):
    choice = st.selectbox("s", ["a", "b"])
    st.form_submit_button("Go")
st.text(choice)
"""
    )

    at.selectbox[0].select("b").run()
    assert at.text.values == ["a"]
    at.button[0].click().run()
    assert at.text.values == ["b"]


def test_selectbox_callback_in_a_form_is_streamlits_error() -> None:
    at = app(
        """
with st.form("f"):
    st.selectbox("s", ["a"], on_change=print)
    st.form_submit_button("Go")
"""
    )

    assert error(at).startswith("With forms, callbacks can only be defined on the")


def test_two_identical_unkeyed_selectboxes_are_streamlits_error() -> None:
    at = app('st.selectbox("s", ["a"])\nst.selectbox("s", ["a"])\n')

    assert "multiple `selectbox` elements with the same auto-generated ID" in error(at)


# --- multiselect -------------------------------------------------------------------------


def test_multiselect_starts_empty_and_selects_and_unselects() -> None:
    at = app(
        """
picked = st.multiselect("Colors", ["red", "green", "blue"], help="any")
st.text(repr(picked))
"""
    )
    ms = at.multiselect[0]
    assert (ms.value, ms.placeholder, ms.max_selections, ms.help) == (
        [],
        "Choose options",
        None,
        "any",
    )

    ms.select("blue")
    at.multiselect[0].select("red").run()
    assert at.text.values == ["['blue', 'red']"]
    assert at.multiselect[0].indices == [2, 0]

    at.multiselect[0].unselect("blue").run()
    assert at.text.values == ["['red']"]


@pytest.mark.parametrize(
    ("default", "expected"),
    [("'green'", ["green"]), ("('blue', 'red')", ["blue", "red"]), ("None", []), ("[]", [])],
)
def test_multiselect_default_may_be_one_value_or_many(default: str, expected: list[str]) -> None:
    at = app(f'st.text(repr(st.multiselect("c", ["red", "green", "blue"], default={default})))\n')

    assert at.text.values == [repr(expected)]


def test_multiselect_default_outside_the_options_is_streamlits_error() -> None:
    at = app('st.multiselect("c", ["red"], default=["pink"])\n')

    assert error(at) == (
        "The default value 'pink' is not part of the options. Please make sure that every "
        "default values also exists in the options."
    )


def test_multiselect_too_many_defaults_is_streamlits_error() -> None:
    at = app('st.multiselect("c", ["a", "b", "c"], default=["a", "b"], max_selections=1)\n')

    assert error(at).startswith(
        "Multiselect has 2 options selected but `max_selections` is set to 1. This happened "
        "because you either gave too many options to `default` or you manipulated the "
        "widget's state through `st.session_state`."
    )
    assert error(at).endswith("Please select at most 1 option.")


def test_multiselect_too_many_through_session_state_is_streamlits_error() -> None:
    at = AppTest.from_string(
        'import rillet as st\nst.multiselect("c", ["a", "b", "c"], key="c", max_selections=2)\n'
    )
    at.session_state["c"] = ["a", "b", "c"]
    at.run()

    assert error(at).startswith("Multiselect has 3 options selected but `max_selections`")


def test_multiselect_refuses_more_than_max_selections_from_the_browser() -> None:
    at = app('st.text(repr(st.multiselect("c", ["a", "b", "c"], max_selections=2)))\n')

    send_raw(at, at.multiselect[0], [0, 1, 2]).run()
    assert at.text.values == ["[]"]
    send_raw(at, at.multiselect[0], [2, 1]).run()
    assert at.text.values == ["['c', 'b']"]
    assert at.multiselect[0].max_selections == 2


@pytest.mark.parametrize("forged", [[3], [-1], ["a"], [0, 0], [True], 0, None, "0", [None]])
def test_multiselect_rejects_forged_values(forged: object) -> None:
    at = app('st.text(repr(st.multiselect("c", ["a", "b"], default=["b"])))\n')

    send_raw(at, at.multiselect[0], forged).run()

    assert at.text.values == ["['b']"]


def test_multiselect_accepts_new_options_and_dedupes_typed_ones() -> None:
    at = app(
        """
tags = st.multiselect("Tags", ["python", "rust"], default=["go"], accept_new_options=True)
st.text(repr(tags))
"""
    )
    assert at.text.values == ["['go']"]
    assert at.multiselect[0].placeholder == "Choose or add options"

    at.multiselect[0].select("zig").run()
    assert at.text.values == ["['go', 'zig']"]
    assert at.multiselect[0].props["value"] == ["go", "zig"]

    send_raw(at, at.multiselect[0], ["Python", 0]).run()  # typed "Python" is option 0
    assert at.text.values == ["['go', 'zig']"]
    send_raw(at, at.multiselect[0], ["RUST", "new"]).run()
    assert at.text.values == ["['rust', 'new']"]


def test_disabled_multiselect_refuses_changes() -> None:
    at = app('st.text(repr(st.multiselect("c", ["a"], disabled=True)))\n')

    send_raw(at, at.multiselect[0], [0]).run()

    assert at.text.values == ["[]"]


def test_multiselect_callback_sees_the_new_value() -> None:
    at = app(
        """
def seen():
    st.session_state.seen = list(st.session_state.m)
st.multiselect("m", ["a", "b"], key="m", on_change=seen)
st.text(repr(st.session_state.get("seen")))
"""
    )

    at.multiselect[0].select("b").run()

    assert at.text.values == ["['b']"]


# --- select_slider -----------------------------------------------------------------------


def test_select_slider_single_value_defaults_to_the_first_option() -> None:
    at = app(
        """
size = st.select_slider("Size", ["S", "M", "L"], format_func=str.lower)
st.text(repr(size))
"""
    )
    assert at.text.values == ["'S'"]
    assert at.select_slider[0].options == ["s", "m", "l"]
    assert at.select_slider[0].props["value"] == 0

    at.select_slider[0].set_value("L").run()
    assert at.text.values == ["'L'"]


def test_select_slider_range_returns_a_tuple_in_order() -> None:
    at = app(
        """
low, high = st.select_slider("Months", ["Jan", "Feb", "Mar", "Apr"], value=("Mar", "Jan"))
st.text(f"{low}-{high}")
"""
    )
    assert at.text.values == ["Jan-Mar"]
    assert at.select_slider[0].props["value"] == [0, 2]

    at.select_slider[0].set_range("Feb", "Apr").run()
    assert at.text.values == ["Feb-Apr"]
    assert at.select_slider[0].value == ("Feb", "Apr")


@pytest.mark.parametrize("forged", [[2, 1], [0], [0, 9], 1, None, ["a", "b"], [0.0, 1]])
def test_select_slider_range_rejects_forged_values(forged: object) -> None:
    at = app('st.text(repr(st.select_slider("r", ["a", "b", "c"], value=["a", "b"])))\n')

    send_raw(at, at.select_slider[0], forged).run()

    assert at.text.values == ["('a', 'b')"]


@pytest.mark.parametrize("forged", [3, -1, [1], None, "b", True])
def test_select_slider_single_rejects_forged_values(forged: object) -> None:
    at = app('st.text(repr(st.select_slider("r", ["a", "b", "c"], value="b")))\n')

    send_raw(at, at.select_slider[0], forged).run()

    assert at.text.values == ["'b'"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ('st.select_slider("r", [])', "The `options` argument needs to be non-empty"),
        ('st.select_slider("r", ["a"], value="z")', "z is not in iterable"),
        (
            'st.select_slider("r", ["a", "b"], value=("a", "b", "a"))',
            "Select slider value should either be a single option or a pair of options.",
        ),
    ],
)
def test_select_slider_errors(call: str, message: str) -> None:
    assert error(app(call + "\n")) == message


# --- pills and segmented_control ---------------------------------------------------------


@pytest.mark.parametrize("kind", ["pills", "segmented_control"])
def test_single_choice_button_group_selects_and_clears(kind: str) -> None:
    at = app(f'st.text(repr(st.{kind}("Mode", ["List", "Grid"], default="Grid")))\n')
    group = at.get(kind)[0]
    assert (group.value, group.selection_mode, group.indices) == ("Grid", "single", [1])

    group.select("List").run()
    assert at.text.values == ["'List'"]
    at.get(kind)[0].unselect("List").run()  # clicking the chosen one again clears it
    assert at.text.values == ["None"]


@pytest.mark.parametrize("kind", ["pills", "segmented_control"])
def test_multi_choice_button_group_returns_a_list(kind: str) -> None:
    at = app(
        f"""
picked = st.{kind}("Days", ["Mon", "Tue", "Wed"], selection_mode="multi",
                     default=["Tue"], format_func=str.upper)
st.text(repr(picked))
"""
    )
    group = at.get(kind)[0]
    assert group.options == ["MON", "TUE", "WED"]
    assert at.text.values == ["['Tue']"]

    group.select("Mon").run()
    assert at.text.values == ["['Tue', 'Mon']"]
    at.get(kind)[0].unselect("Tue").run()
    assert at.text.values == ["['Mon']"]


@pytest.mark.parametrize("forged", [2, -1, [0], "0", True, 0.0])
def test_single_pills_reject_forged_values(forged: object) -> None:
    at = app('st.text(repr(st.pills("p", ["a", "b"], default="b")))\n')

    send_raw(at, at.pills[0], forged).run()

    assert at.text.values == ["'b'"]


@pytest.mark.parametrize("forged", [[2], [0, 0], 0, None, ["a"]])
def test_multi_segmented_control_rejects_forged_values(forged: object) -> None:
    at = app(
        'st.text(repr(st.segmented_control("p", ["a", "b"], selection_mode="multi", '
        'default=["b"])))\n'
    )

    send_raw(at, at.segmented_control[0], forged).run()

    assert at.text.values == ["['b']"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.pills("p", ["a"], selection_mode="many")',
            "The selection_mode argument must be one of ['single', 'multi']. "
            "The argument passed was 'many'.",
        ),
        (
            'st.segmented_control("p", ["a", "b"], default=["a", "b"])',
            "The default argument to `st.segmented_control` must be a single value when "
            "`selection_mode='single'`.",
        ),
        (
            'st.pills("p", ["a"], default="z")',
            "The default value 'z' is not part of the options. Please make sure that every "
            "default values also exists in the options.",
        ),
    ],
)
def test_button_group_errors(call: str, message: str) -> None:
    assert error(app(call + "\n")) == message


def test_disabled_pills_refuse_changes() -> None:
    at = app('st.text(repr(st.pills("p", ["a", "b"], disabled=True)))\n')

    at.pills[0].select("a").run()

    assert at.text.values == ["None"]


# --- feedback ----------------------------------------------------------------------------


@pytest.mark.parametrize(("options", "top"), [("thumbs", 1), ("faces", 4), ("stars", 4)])
def test_feedback_returns_the_rating_and_can_be_taken_back(options: str, top: int) -> None:
    at = app(f'st.text(repr(st.feedback("{options}", key="f")))\n')
    assert at.text.values == ["None"]
    assert at.feedback(key="f").options == options

    at.feedback[0].set_value(top).run()
    assert at.text.values == [repr(top)]
    at.feedback[0].set_value(None).run()
    assert at.text.values == ["None"]


@pytest.mark.parametrize(
    ("options", "forged"),
    [("thumbs", 2), ("thumbs", -1), ("stars", 5), ("faces", "3"), ("stars", 1.0), ("faces", True)],
)
def test_feedback_rejects_forged_ratings(options: str, forged: object) -> None:
    at = app(f'st.text(repr(st.feedback("{options}", default=0)))\n')

    send_raw(at, at.feedback[0], forged).run()

    assert at.text.values == ["0"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.feedback("hearts")',
            "The options argument to st.feedback must be one of ['thumbs', 'faces', 'stars']. "
            "The argument passed was 'hearts'.",
        ),
        (
            'st.feedback("thumbs", default=2)',
            "The default value in 'thumbs' must be a number between 0 and 1. "
            "The passed default value is 2",
        ),
        (
            'st.feedback("stars", default="3")',
            "The default value in 'stars' must be a number between 0 and 4. "
            "The passed default value is 3",
        ),
    ],
)
def test_feedback_errors(call: str, message: str) -> None:
    assert error(app(call + "\n")) == message


def test_feedback_callback_runs_once_per_change() -> None:
    at = app(
        """
def count():
    st.session_state.n = st.session_state.get("n", 0) + 1
st.feedback("faces", on_change=count)
st.text(st.session_state.get("n", 0))
"""
    )

    at.feedback[0].set_value(2).run()
    at.run()

    assert at.text.values == ["1"]


# --- color_picker ------------------------------------------------------------------------


def test_color_picker_defaults_to_black_and_picks_with_or_without_hash() -> None:
    at = app('st.text(st.color_picker("Accent"))\n')
    assert at.text.values == ["#000000"]

    at.color_picker[0].pick("ff4b4b").run()
    assert at.text.values == ["#ff4b4b"]
    at.color_picker[0].pick("#0F0").run()
    assert at.text.values == ["#0F0"]


@pytest.mark.parametrize(
    "forged", ["red", "#12345", "#gggggg", "ff0000", "#ff0000 ", 16711680, None, "#ff000000"]
)
def test_color_picker_rejects_anything_but_hex(forged: object) -> None:
    at = app('st.text(st.color_picker("c", "#123456"))\n')

    send_raw(at, at.color_picker[0], forged).run()

    assert at.text.values == ["#123456"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.color_picker("c", "blue")',
            "'blue' is not a valid hex code for colors. Valid ones are like '#00FFAA' or '#000'.",
        ),
        (
            'st.color_picker("c", 255)',
            "Color Picker Value has invalid type: int. Expects a hex string like '#00FFAA' or "
            "'#000'.",
        ),
    ],
)
def test_color_picker_errors(call: str, message: str) -> None:
    assert error(app(call + "\n")) == message


# --- what the browser receives -----------------------------------------------------------


def test_labels_reach_the_browser_as_text_and_values_as_indices() -> None:
    at = app(
        """
payload = "<img src=x onerror=alert(1)>"
st.radio(payload, [payload, "b"], captions=[payload, ""])
st.multiselect("m", [{"id": 1}, {"id": 2}], default=[{"id": 2}])
"""
    )

    radio = at.radio[0].props
    assert radio["label"] == radio["options"][0] == radio["captions"][0]
    assert radio["value"] == 0
    assert at.multiselect[0].props["options"] == ["{'id': 1}", "{'id': 2}"]
    assert at.multiselect[0].props["value"] == [1]
    assert at.multiselect[0].value == [{"id": 2}]


def test_an_unchanged_rerun_sends_no_widget_again() -> None:
    at = app(
        """
st.radio("r", ["a", "b"])
st.multiselect("m", ["a", "b"])
st.button("again")
"""
    )

    at.button[0].click().run()

    kinds = {m.element.kind for m in at.messages if isinstance(m, Delta)}
    assert not kinds & {"radio", "multiselect"}
