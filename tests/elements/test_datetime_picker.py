"""st.datetime_input through AppTest: values, bounds, what the browser may send, errors."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from rillet.testing import AppTest


def app(body: str) -> AppTest:
    return AppTest.from_string(
        "import rillet as st\nfrom datetime import date, datetime, time, timedelta\n" + body
    ).run()


def test_value_is_a_naive_datetime_in_whole_minutes() -> None:
    at = app(
        'v = st.datetime_input("When", datetime(2025, 3, 14, 9, 30, 45, 12))\nst.write(repr(v))\n'
    )

    widget = at.datetime_input[0]
    assert widget.value == datetime(2025, 3, 14, 9, 30)
    assert widget.props["value"] == "2025-03-14T09:30"
    assert (widget.min, widget.max) == ("2015-03-14T00:00", "2035-03-14T23:59")
    assert (widget.format, widget.step) == ("YYYY/MM/DD", 900)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("date(2025, 5, 6)", datetime(2025, 5, 6, 0, 0)),
        ('"2025-05-06 07:08"', datetime(2025, 5, 6, 7, 8)),
        ('"2025/05/06 07:08"', datetime(2025, 5, 6, 7, 8)),
        ('"2025-05-06T07:08:09+02:00"', datetime(2025, 5, 6, 7, 8)),
        ("time(7, 8)", datetime.combine(date.today(), time(7, 8))),
        ("None", None),
    ],
)
def test_start_values_take_streamlits_kinds(value: str, expected: datetime | None) -> None:
    at = app(f'st.datetime_input("When", {value})\n')

    assert at.datetime_input[0].value == expected


def test_now_is_the_current_minute_and_keeps_the_widget_id() -> None:
    before = datetime.now().replace(second=0, microsecond=0)
    at = app('st.datetime_input("When")\n')
    value = at.datetime_input[0].value
    assert before <= value <= datetime.now()
    first_id = at.datetime_input[0].id
    at.run()
    assert at.datetime_input[0].id == first_id


def test_a_date_bound_means_the_start_or_the_end_of_that_day() -> None:
    at = app(
        'st.datetime_input("When", datetime(2025, 6, 1, 12), min_value=date(2025, 1, 1),'
        " max_value=date(2025, 12, 31))\n"
    )
    assert (at.datetime_input[0].min, at.datetime_input[0].max) == (
        "2025-01-01T00:00",
        "2025-12-31T23:59",
    )


def test_set_value_reruns_with_the_new_datetime_and_runs_the_callback() -> None:
    at = app(
        """
def changed():
    st.session_state.log = f"now {st.session_state.when:%H:%M}"
st.datetime_input("When", datetime(2025, 1, 1, 9, 0), key="when", on_change=changed)
st.write(st.session_state.get("log", "unchanged"))
"""
    )
    at.datetime_input[0].set_value(datetime(2025, 2, 3, 17, 45)).run()

    assert at.session_state["when"] == datetime(2025, 2, 3, 17, 45)
    assert at.markdown[0].value == "now 17:45"


def test_the_browser_may_send_only_wellformed_values_inside_the_bounds() -> None:
    at = app(
        'v = st.datetime_input("When", datetime(2025, 1, 1, 9, 0), min_value=datetime(2025, 1, 1),'
        " max_value=datetime(2025, 12, 31, 18, 0))\nst.write(repr(v))\n"
    )
    wid = at.datetime_input[0].id
    for forged in (
        "2026-01-01T00:00",
        "2025-13-01T00:00",
        "2025/02/01 10:00",
        5,
        None,
        "2025-12-31T18:01",
    ):
        at._pending[wid] = forged
        at.run()
        assert at.datetime_input[0].value == datetime(2025, 1, 1, 9, 0), forged
    at._pending[wid] = "2025-12-31T18:00"
    at.run()
    assert at.datetime_input[0].value == datetime(2025, 12, 31, 18, 0)


def test_only_a_field_that_started_empty_and_is_not_required_may_be_cleared() -> None:
    at = app('a = st.datetime_input("A", None)\nb = st.datetime_input("B", None, required=True)\n')
    a, b = at.datetime_input
    assert (a.props["clearable"], b.props["clearable"]) == (True, False)
    a.set_value(datetime(2025, 1, 1, 1, 0)).run()
    at.datetime_input[0].set_value(None).run()
    assert at.datetime_input[0].value is None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            'st.datetime_input("D", "garbage")',
            'Invalid `value` type. Expected one of: datetime, date, time, ISO string, "now". '
            "Provided type: str.",
        ),
        (
            'st.datetime_input("D", min_value=datetime(2025,1,2), max_value=datetime(2025,1,1))',
            "The `min_value`, set to 2025-01-02 00:00:00, cannot be greater than the "
            "`max_value`, set to 2025-01-01 00:00:00.",
        ),
        (
            'st.datetime_input("D", datetime(2020,1,1), min_value=datetime(2025,1,1))',
            "The `value` 2020-01-01 00:00:00 is less than the `min_value` 2025-01-01 00:00:00.",
        ),
        (
            'st.datetime_input("D", datetime(2030,1,1), max_value=datetime(2025,1,1))',
            "The `value` 2030-01-01 00:00:00 is greater than the `max_value` 2025-01-01 00:00:00.",
        ),
        (
            'st.datetime_input("D", step=30)',
            "The `step` parameter, set to 30 seconds, is outside the required range "
            "[60 seconds, 23 hours].",
        ),
        (
            'st.datetime_input("D", step="1")',
            "Invalid `step` type. Expected one of: int, timedelta. Provided type: str.",
        ),
        (
            'st.datetime_input("D", format="YYYY/MM-DD")',
            "Invalid `format` value. Supported values: 'YYYY/MM/DD', 'DD/MM/YYYY', 'MM/DD/YYYY', "
            "'YYYY.MM.DD', 'DD.MM.YYYY', 'MM.DD.YYYY', 'YYYY-MM-DD', 'DD-MM-YYYY', 'MM-DD-YYYY'. "
            "Provided value: 'YYYY/MM-DD'.",
        ),
        (
            'st.datetime_input("D", on_change="x")',
            "Invalid `on_change` value. Supported values: 'rerun', 'ignore', a callback function.",
        ),
    ],
)
def test_bad_arguments_get_streamlits_errors(call: str, message: str) -> None:
    assert app(call + "\n").exception[0].message == message


def test_step_takes_seconds_or_a_timedelta() -> None:
    at = app('st.datetime_input("A", step=timedelta(hours=1))\nst.datetime_input("B", step=60)\n')

    assert [w.step for w in at.datetime_input] == [3600, 60]


def test_apptest_finds_it_by_streamlits_names() -> None:
    at = app('st.datetime_input("When", None)\nst.grid(2)\n')

    assert len(at.get("datetime_input")) == len(at.get("date_time_input")) == 1
    assert at.datetime_input[0].type == "date_time_input"
    assert at.get("grid_container")[0].type == "grid_container"


def test_in_a_form_the_value_waits_for_the_submit() -> None:
    at = app(
        """
with st.form("f"):
    v = st.datetime_input("When", datetime(2025, 1, 1, 8, 0))
    page = st.pagination(4)
    st.form_submit_button("Save")
st.write(f"{v:%H:%M} {page}")
"""
    )
    at.datetime_input[0].set_value(datetime(2025, 1, 1, 9, 15))
    at.pagination[0].set_value(3)
    at.run()
    assert at.markdown[0].value == "08:00 1"
    at.datetime_input[0].set_value(datetime(2025, 1, 1, 9, 15))
    at.pagination[0].set_value(3)
    at.button[0].click()
    at.run()
    assert at.markdown[0].value == "09:15 3"
