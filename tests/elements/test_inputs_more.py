"""number_input, text_area, date_input, time_input and date/time sliders through AppTest:
values, AppTest actions, Streamlit's errors, and browser values that must be rejected."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from rillet.testing import AppTest
from rillet.testing.elements import Widget


def app(body: str) -> AppTest:
    """Run a script that starts with ``import rillet as st`` and the datetime names."""
    header = "import rillet as st\nfrom datetime import date, datetime, time, timedelta\n"
    return AppTest.from_string(header + body).run()


def send_raw(at: AppTest, widget: Widget, wire: object) -> AppTest:
    """Queue ``wire`` as a (possibly forged) browser message carries it, unencoded."""
    at._pending[widget.id] = wire
    return at


def error(at: AppTest) -> str:
    assert at.exception, "expected the script to raise"
    return str(at.exception[0].message)


# --- number_input --------------------------------------------------------------------------


def test_number_input_is_int_or_float_by_its_arguments() -> None:
    at = app(
        """
st.text(repr(st.number_input("plain")))
st.text(repr(st.number_input("ints", 0, 10)))
st.text(repr(st.number_input("floats", 0.5, 9.5, 2.0)))
st.text(repr(st.number_input("empty", value=None)))
"""
    )

    assert at.text.values == ["0.0", "0", "2.0", "None"]
    assert [n.props["dtype"] for n in at.number_input] == ["float", "int", "float", "float"]
    assert [n.props["format"] for n in at.number_input] == ["%0.2f", "%d", "%0.2f", "%0.2f"]
    assert [n.step for n in at.number_input] == [0.01, 1, 0.01, 0.01]
    assert at.number_input[3].props["clearable"] is True


def test_number_input_steppers_stop_at_the_bounds() -> None:
    at = app('st.text(repr(st.number_input("n", min_value=0, max_value=3, value=2)))\n')

    at.number_input[0].increment().run()
    assert at.text.values == ["3"]
    at.number_input[0].increment().run()
    assert at.text.values == ["3"]

    for _ in range(4):
        at.number_input[0].decrement().run()
    assert at.text.values == ["0"]
    assert at.number_input[0].value == 0


def test_number_input_float_steps_and_typed_values() -> None:
    at = app('st.text(repr(st.number_input("price", 0.0, 10.0, 1.0, step=0.25)))\n')

    at.number_input[0].increment().run()
    assert at.text.values == ["1.25"]

    at.number_input[0].set_value(7.125).run()
    assert at.text.values == ["7.125"]


def test_empty_number_input_returns_none_until_a_number_arrives() -> None:
    at = app('st.text(repr(st.number_input("n", value=None, placeholder="Type a number")))\n')

    assert at.number_input[0].placeholder == "Type a number"
    at.number_input[0].increment().run()
    assert at.text.values == ["None"], "a stepper on an empty box does nothing (as Streamlit)"

    at.number_input[0].set_value(4.5).run()
    assert at.text.values == ["4.5"]
    send_raw(at, at.number_input[0], None).run()
    assert at.text.values == ["None"]


@pytest.mark.parametrize(
    "forged", [11, -1, "5", True, None, [5], float("nan"), float("inf"), 2.5, 2**60]
)
def test_number_input_rejects_values_outside_its_spec(forged: object) -> None:
    at = app('st.text(repr(st.number_input("n", 0, 10, 5)))\n')

    send_raw(at, at.number_input[0], forged).run()

    assert at.text.values == ["5"]


def test_number_input_takes_a_whole_float_as_int() -> None:
    at = app('st.text(repr(st.number_input("n", 0, 10, 5)))\n')

    send_raw(at, at.number_input[0], 7.0).run()

    assert at.text.values == ["7"]


def test_number_input_callback_and_disabled() -> None:
    at = app(
        """
def changed():
    st.session_state.log = st.session_state.get("log", []) + [st.session_state.n]
st.number_input("n", 0, 10, key="n", on_change=changed)
st.number_input("frozen", 0, 10, disabled=True)
st.text(repr(st.session_state.get("log")))
"""
    )

    at.number_input[0].set_value(4).run()
    at.number_input[1].set_value(9).run()

    assert at.text.values == ["[4]"]
    assert at.number_input[1].value == 0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.number_input("n", 0, 10.0)',
            "All numerical arguments must be of the same type.\n`value` has str type.\n"
            "`max_value` has float type.",
        ),
        ('st.number_input("n", 5, 10, 2)', "The `value` 2 is less than the `min_value` 5."),
        ('st.number_input("n", 0, 10, 12)', "The `value` 12 is greater than the `max_value` 10."),
        (
            'st.number_input("n", format="%s apples")',
            "Format string for `st.number_input` contains invalid characters: %s apples",
        ),
        (
            'st.number_input("n", value=2**60)',
            "`value` (1152921504606846976) must be <= (1 << 53) - 1",
        ),
        (
            'st.number_input("n", value="7")',
            "st.number_input takes int or float arguments, not str ('7').",
        ),
    ],
)
def test_number_input_errors_use_streamlits_words(call: str, message: str) -> None:
    at = app(call + "\n")

    assert error(at) == message


def test_number_input_warns_when_the_format_does_not_fit_the_type() -> None:
    at = app('st.number_input("n", value=1.5, format="%d")\n')

    assert at.warning[0].value.startswith("Warning: NumberInput value below has type float")
    assert len(at.number_input) == 1


def test_number_input_props_reach_the_browser() -> None:
    at = app('st.number_input("Weight", 0.0, 500.0, 70.0, format="%0.1f", icon="⚖", help="kg")\n')

    props = at.number_input[0].props
    assert (props["min"], props["max"], props["value"], props["format"]) == (
        0.0,
        500.0,
        70.0,
        "%0.1f",
    )
    assert (props["icon"], props["help"], props["clearable"]) == ("⚖", "kg", False)


# --- text_area -----------------------------------------------------------------------------


def test_text_area_returns_its_text_and_follows_input() -> None:
    at = app('st.text(repr(st.text_area("Notes", "first\\nline", height=120)))\n')

    assert at.text.values == ["'first\\nline'"]
    assert at.text_area[0].height == 120

    at.text_area[0].input("a\nb\nc").run()
    assert at.text.values == ["'a\\nb\\nc'"]


def test_text_area_input_longer_than_max_chars_is_ignored_and_forged_text_rejected() -> None:
    at = app('st.text(repr(st.text_area("Notes", max_chars=5)))\n')

    at.text_area[0].input("too long").run()
    assert at.text.values == ["''"]

    send_raw(at, at.text_area[0], "way too long").run()
    assert at.text.values == ["''"]
    send_raw(at, at.text_area[0], 12).run()
    assert at.text.values == ["''"]


def test_text_area_with_value_none_returns_none_while_empty() -> None:
    at = app('st.text(repr(st.text_area("Notes", value=None, placeholder="Say something")))\n')

    assert at.text.values == ["None"]
    assert at.text_area[0].placeholder == "Say something"
    at.text_area[0].input("hi").run()
    assert at.text.values == ["'hi'"]
    at.text_area[0].input("").run()
    assert at.text.values == ["None"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.text_area("t", height=20)',
            "Invalid height 20px for `st.text_area` - must be at least 68 pixels.",
        ),
        (
            'st.text_area("t", "long", max_chars=2)',
            "The default value 'long' is longer than the max_chars of 2.",
        ),
    ],
)
def test_text_area_errors(call: str, message: str) -> None:
    assert error(app(call + "\n")) == message


@pytest.mark.parametrize("height", ["content", "stretch", None, 68])
def test_text_area_heights(height: object) -> None:
    at = app(f'st.text_area("t", height={height!r})\n')

    assert not at.exception
    assert at.text_area[0].height == height


# --- date_input ----------------------------------------------------------------------------


def test_date_input_defaults_to_today_within_ten_years() -> None:
    at = app('st.text(repr(st.date_input("Day")))\n')

    today = date.today()
    widget = at.date_input[0]
    assert widget.value == today
    assert widget.min.year == today.year - 10 and widget.max.year == today.year + 10
    assert widget.format == "YYYY/MM/DD"
    assert widget.props["value"] == today.isoformat()


def test_date_input_set_value_and_datetime_start() -> None:
    at = app('st.text(repr(st.date_input("Day", datetime(2024, 5, 17, 13, 0))))\n')

    assert at.text.values == ["datetime.date(2024, 5, 17)"]
    at.date_input[0].set_value(date(2030, 1, 2)).run()
    assert at.text.values == ["datetime.date(2030, 1, 2)"]


def test_date_range_returns_tuples_of_zero_to_two_dates() -> None:
    at = app('st.text(repr(st.date_input("Trip", (date(2024, 5, 1), date(2024, 5, 7)))))\n')

    assert at.date_input[0].is_range
    assert at.text.values == ["(datetime.date(2024, 5, 1), datetime.date(2024, 5, 7))"]

    at.date_input[0].set_value((date(2024, 6, 1),)).run()
    assert at.text.values == ["(datetime.date(2024, 6, 1),)"]
    at.date_input[0].set_value(()).run()
    assert at.text.values == ["()"]


def test_today_is_kept_within_the_bounds_it_is_given() -> None:
    at = app(
        'st.text(repr(st.date_input("Old", min_value=date(2000, 1, 1), '
        "max_value=date(2000, 12, 31))))\n"
    )

    assert at.text.values == ["datetime.date(2000, 12, 31)"]


@pytest.mark.parametrize(
    "forged",
    [
        "2024-13-01",
        "2024-02-30",
        "2024/05/17",
        "17-05-2024",
        20240517,
        None,
        "2040-01-01",
        "1999-12-31",
        "2024-05-17T00:00",
    ],
)
def test_date_input_rejects_dates_outside_its_spec(forged: object) -> None:
    at = app(
        'st.text(repr(st.date_input("Day", date(2024, 5, 17), '
        "date(2000, 1, 1), date(2030, 1, 1))))\n"
    )

    send_raw(at, at.date_input[0], forged).run()

    assert at.text.values == ["datetime.date(2024, 5, 17)"]


@pytest.mark.parametrize(
    "forged", [["2024-05-09", "2024-05-01"], ["a"], "2024-05-01", [1, 2], ["2024-05-01"] * 3]
)
def test_date_range_rejects_reversed_or_malformed_ranges(forged: object) -> None:
    at = app('st.text(repr(st.date_input("Trip", (date(2024, 5, 1), date(2024, 5, 7)))))\n')

    send_raw(at, at.date_input[0], forged).run()

    assert at.text.values == ["(datetime.date(2024, 5, 1), datetime.date(2024, 5, 7))"]


def test_date_input_none_and_iso_strings() -> None:
    at = app(
        """
st.text(repr(st.date_input("Empty", value=None)))
st.text(repr(st.date_input("Iso", "2024-02-29", min_value="2024-01-01")))
"""
    )

    assert at.text.values == ["None", "datetime.date(2024, 2, 29)"]
    assert at.date_input[1].min == date(2024, 1, 1)
    assert at.date_input[0].props["clearable"] is True


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.date_input("d", format="YY/MM/DD")',
            "The provided format (`YY/MM/DD`) is not valid. DateInput format should be one of "
            "`YYYY/MM/DD`, `DD/MM/YYYY`, or `MM/DD/YYYY` and can also use a period (.) or "
            "hyphen (-) as separators.",
        ),
        (
            'st.date_input("d", date(2024, 1, 1), min_value=date(2024, 2, 1), '
            "max_value=date(2024, 1, 1))",
            "The `min_value`, set to 2024-02-01, shouldn't be larger than the `max_value`, set to "
            "2024-01-01.",
        ),
        (
            'st.date_input("d", date(2020, 1, 1), min_value=date(2024, 1, 1))',
            "The default `value` of [datetime.date(2020, 1, 1)] must lie between the "
            "`min_value` of "
            "2024-01-01 and the `max_value` of 2030-01-01, inclusively.",
        ),
        (
            'st.date_input("d", [date(2020, 1, 1)] * 3)',
            "DateInput value should either be an date/datetime or a list/tuple of 0 - 2 "
            "date/datetime values",
        ),
    ],
)
def test_date_input_errors_use_streamlits_words(call: str, message: str) -> None:
    assert error(app(call + "\n")) == message


@pytest.mark.parametrize("fmt", ["DD/MM/YYYY", "MM-DD-YYYY", "YYYY.MM.DD"])
def test_date_input_formats_reach_the_browser(fmt: str) -> None:
    at = app(f'st.date_input("d", date(2024, 5, 17), format="{fmt}")\n')

    assert at.date_input[0].props["format"] == fmt
    assert at.date_input[0].props["value"] == "2024-05-17", "the wire is always ISO"


# --- time_input ----------------------------------------------------------------------------


def test_time_input_steps_by_its_step() -> None:
    at = app('st.text(repr(st.time_input("Alarm", time(7, 30), step=timedelta(minutes=30))))\n')

    assert at.time_input[0].step == 1800
    at.time_input[0].increment().run()
    assert at.text.values == ["datetime.time(8, 0)"]
    at.time_input[0].decrement()
    at.time_input[0].decrement().run()
    assert at.text.values == ["datetime.time(7, 0)"]
    assert at.time_input[0].props["value"] == "07:00"


def test_time_input_now_none_and_datetime() -> None:
    at = app(
        """
now = st.time_input("Now")
st.text(repr((now.second, now.microsecond)))
st.text(repr(st.time_input("Empty", value=None)))
st.text(repr(st.time_input("From datetime", datetime(2024, 1, 1, 14, 45, 12))))
"""
    )

    assert at.text.values == ["(0, 0)", "None", "datetime.time(14, 45)"]
    at.time_input[1].set_value(time(6, 5)).run()
    assert at.text.values[1] == "datetime.time(6, 5)"


@pytest.mark.parametrize("forged", ["24:00", "12:60", "9:30", "12:30pm", 1230, None, "12:30:99"])
def test_time_input_rejects_malformed_times(forged: object) -> None:
    at = app('st.text(repr(st.time_input("t", time(12, 0))))\n')

    send_raw(at, at.time_input[0], forged).run()

    assert at.text.values == ["datetime.time(12, 0)"]


def test_time_input_takes_seconds_from_the_browser() -> None:
    at = app('st.text(repr(st.time_input("t", time(12, 0), step=90)))\n')

    send_raw(at, at.time_input[0], "12:01:30").run()

    assert at.text.values == ["datetime.time(12, 1, 30)"]


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (
            "30",
            "`step` must be between 60 seconds and 23 hours but is currently set to 30 seconds.",
        ),
        (
            "timedelta(hours=24)",
            "`step` must be between 60 seconds and 23 hours but is currently set to 86400 seconds.",
        ),
        ("'15m'", "`step` can only be `int` or `timedelta` but <class 'str'> is provided."),
    ],
)
def test_time_input_step_errors(step: str, message: str) -> None:
    assert error(app(f'st.time_input("t", step={step})\n')) == message


# --- sliders over dates and times ----------------------------------------------------------


def test_date_slider_defaults_to_two_weeks_around_its_value_in_days() -> None:
    at = app('st.text(repr(st.slider("Day", value=date(2024, 5, 17))))\n')

    slider = at.slider[0]
    assert slider.props["dtype"] == "date"
    assert slider.props["format"] == "YYYY-MM-DD"
    assert slider.props["step"] == 86_400_000_000
    assert slider.max - slider.min == 28 * 86_400_000_000
    assert at.text.values == ["datetime.date(2024, 5, 17)"]

    slider.set_value(date(2024, 5, 30)).run()
    assert at.text.values == ["datetime.date(2024, 5, 30)"]


def test_time_range_slider_round_trips() -> None:
    at = app('st.text(repr(st.slider("Hours", value=(time(9, 0), time(17, 0)))))\n')

    assert at.slider[0].props["format"] == "HH:mm"
    at.slider[0].set_range(time(8, 15), time(18, 45)).run()
    assert at.text.values == ["(datetime.time(8, 15), datetime.time(18, 45))"]


def test_datetime_slider_keeps_wall_clock_and_time_zone() -> None:
    at = app(
        """
from datetime import timezone
v = st.slider("When", min_value=datetime(2024, 1, 1, tzinfo=timezone.utc),
              max_value=datetime(2024, 1, 2, tzinfo=timezone.utc),
              value=datetime(2024, 1, 1, 12, tzinfo=timezone.utc), step=timedelta(hours=1),
              format="MM/DD/YY - hh:mm")
st.text(repr(v))
"""
    )

    assert at.slider[0].props["step"] == 3_600_000_000
    at.slider[0].set_value(datetime(2024, 1, 1, 18, tzinfo=UTC)).run()
    assert at.text.values == [repr(datetime(2024, 1, 1, 18, tzinfo=UTC))]


@pytest.mark.parametrize("forged", [-1, "x", 1.5, [1, 2], None, 10**18])
def test_date_slider_rejects_positions_outside_its_range(forged: object) -> None:
    at = app(
        'st.text(repr(st.slider("Day", date(2024, 1, 1), date(2024, 12, 31), date(2024, 6, 1))))\n'
    )

    send_raw(at, at.slider[0], forged).run()

    assert at.text.values == ["datetime.date(2024, 6, 1)"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.slider("s", date(2024, 1, 1), datetime(2024, 2, 1))',
            "Slider value arguments must be of matching types.\n`min_value` has date type.\n"
            "`max_value` has datetime type.\n`step` has NoneType type.",
        ),
        (
            'st.slider("s", date(2024, 1, 1), date(2024, 2, 1), step=1)',
            "Slider value arguments must be of matching types.\n`min_value` has date type.\n"
            "`max_value` has date type.\n`step` has int type.",
        ),
        (
            'st.slider("s", value=time(9), step=timedelta(0))',
            "Slider components cannot be passed a `step` of 0.",
        ),
    ],
)
def test_temporal_slider_errors(call: str, message: str) -> None:
    assert error(app(call + "\n")) == message


def test_numeric_sliders_are_untouched_by_the_date_support() -> None:
    at = app('st.text(repr((st.slider("a", 0, 10, 3), st.slider("b", 0.0, 1.0, (0.2, 0.4)))))\n')

    assert at.text.values == ["(3, (0.2, 0.4))"]
    assert [s.props["dtype"] for s in at.slider] == ["int", "float"]


# --- forms and ids -------------------------------------------------------------------------


def test_new_inputs_hold_their_values_in_a_form_until_submit() -> None:
    at = app(
        """
with st.form("f"):
    n = st.number_input("n", 0, 10)
    t = st.text_area("t")
    d = st.date_input("d", date(2024, 1, 1))
    tm = st.time_input("tm", time(8, 0))
    st.form_submit_button("Save")
st.text(repr((n, t, d, tm)))
"""
    )
    at.number_input[0].set_value(3)
    at.text_area[0].input("x")
    at.date_input[0].set_value(date(2024, 2, 2))
    at.time_input[0].set_value(time(9, 0))
    at.run()
    assert at.text.values == [repr((0, "", date(2024, 1, 1), time(8, 0)))]

    at.button[0].click().run()
    assert at.text.values == [repr((3, "x", date(2024, 2, 2), time(9, 0)))]


def test_today_and_now_do_not_change_the_widget_id() -> None:
    at = app('st.date_input("d")\nst.time_input("t")\n')
    ids = (at.date_input[0].id, at.time_input[0].id)

    at.run()

    assert (at.date_input[0].id, at.time_input[0].id) == ids


def test_utc_wall_clock_of_a_naive_datetime_slider() -> None:
    at = app('st.slider("When", value=datetime(2024, 3, 10, 2, 30))\n')

    micros = at.slider[0].props["value"]
    assert datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=micros) == datetime(
        2024, 3, 10, 2, 30, tzinfo=UTC
    )


def test_temporal_slider_default_outside_the_range_widens_it() -> None:
    at = AppTest.from_string(
        "from datetime import date\nimport rillet as st\n"
        'st.text(str(st.slider("s", date(2024, 1, 1), date(2024, 2, 1), date(2025, 1, 1))))\n'
    ).run()
    assert not at.exception
    assert at.text.values == ["2025-01-01"]
